package dev.oakit.erp.spi;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

/**
 * A connector to an ERP that the bridge's flows write to. Besides the creates of every
 * {@link Connector}, it has two operations the bridge relies on, under fixed names:
 * {@link #PURCHASE_ORDER} (payload {@link dev.oakit.erp.PurchaseOrder}; creates the order and confirms
 * or submits it) and {@link #PURCHASE_ORDER_CANCEL} (payload {@link dev.oakit.erp.PurchaseOrderCancel},
 * key {@link #cancelKey}; cancels the order created with a key, and finds it cancelled). Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ErpConnector extends Connector {
    /** The create operation of a confirmed purchase order. */
    String PURCHASE_ORDER = "purchase-order";
    /** The operation that cancels the purchase order of a key (compensation). */
    String PURCHASE_ORDER_CANCEL = "purchase-order-cancel";
    /** The create operation of a posted journal entry (payload {@link dev.oakit.erp.JournalEntry}), where the connector offers it. */
    String JOURNAL_ENTRY = "journal-entry";

    /** @return the ERP's name for people, e.g. {@code Odoo} */
    String systemName();

    /**
     * @param operation the create that made the document ({@link #PURCHASE_ORDER}, {@link #JOURNAL_ENTRY})
     * @param remoteId the id it returned
     * @return the document's number and the link to it in the ERP; may call the ERP (outside any transaction)
     * @throws RemoteCallException classified
     */
    DocumentLink documentLink(CallContext call, String operation, String remoteId) throws RemoteCallException;

    /**
     * The mapping by which {@link #PURCHASE_ORDER} writes the ERP's order, when the connector has one: its remote
     * fields are what the order needs in the ERP. The bridge registers it, and when the connector also implements
     * {@link dev.oakit.integration.spi.RemoteMetadata} OAKit checks it against the ERP's metadata at start (and on
     * every check): while a field it writes is gone, the mapping is quarantined and the requisition's order node
     * stops with the report instead of sending orders the ERP would refuse. Default: none (nothing is checked).
     *
     * @return the mapping, whose id and document stay the same for one configuration
     * @since 0.1
     */
    default java.util.Optional<dev.oakit.integration.mapping.FieldMapping> purchaseOrderMapping() {
        return java.util.Optional.empty();
    }

    /** @return the key of the cancellation of the order created with {@code orderKey} */
    static String cancelKey(String orderKey) {
        return orderKey + "/cancel";
    }

    /** @return the order's key inside a {@link #cancelKey} */
    static String orderKeyOf(String cancelKey) {
        return cancelKey.endsWith("/cancel") ? cancelKey.substring(0, cancelKey.length() - "/cancel".length()) : cancelKey;
    }
}
