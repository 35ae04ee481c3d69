package dev.oakit.erp;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * The payload of {@link dev.oakit.erp.spi.ErpConnector#PURCHASE_ORDER_CANCEL}: which order to cancel.
 *
 * @param orderKey the key the order was created with
 * @param reason why, for the ERP's log, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PurchaseOrderCancel(String orderKey, String reason) {
    /** Checks the components. */
    public PurchaseOrderCancel {
        Checks.text("orderKey", orderKey, 191);
        Checks.optionalText("reason", reason, 500);
    }
}
