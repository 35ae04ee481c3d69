package dev.oakit.erp;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.util.List;

/**
 * The purchase order an approved requisition becomes: the payload of
 * {@link dev.oakit.erp.spi.ErpConnector#PURCHASE_ORDER}.
 *
 * @param vendor the vendor as the ERP names it (Odoo: the partner's name; ERPNext: the Supplier's name)
 * @param currency ISO 4217 code, e.g. {@code EUR}
 * @param costCentre the cost centre (Odoo: analytic account; ERPNext: Cost Center), or null
 * @param title a line for people (the requisition's title), or null
 * @param lines at least one
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PurchaseOrder(String vendor, String currency, String costCentre, String title, List<Line> lines) {
    /** Checks the components. */
    public PurchaseOrder {
        Checks.text("vendor", vendor, 140);
        Checks.text("currency", currency, 3);
        Checks.optionalText("costCentre", costCentre, 140);
        Checks.optionalText("title", title, 200);
        lines = List.copyOf(Checks.elements("lines", lines));
        if (lines.isEmpty()) {
            throw dev.oakit.core.ValidationException.of("lines", "a purchase order needs at least one line");
        }
    }

    /**
     * One line.
     *
     * @param item the item as the ERP names it (Odoo: the product's internal reference or name; ERPNext: item_code)
     * @param quantity more than zero
     * @param unitPrice zero or more, in the order's currency
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Line(String item, BigDecimal quantity, BigDecimal unitPrice) {
        /** Checks the components. */
        public Line {
            Checks.text("item", item, 140);
            Checks.notNull("quantity", quantity);
            Checks.notNull("unitPrice", unitPrice);
            if (quantity.signum() <= 0) {
                throw dev.oakit.core.ValidationException.of("quantity", "must be more than 0, was " + quantity);
            }
            if (unitPrice.signum() < 0) {
                throw dev.oakit.core.ValidationException.of("unitPrice", "must be 0 or more, was " + unitPrice);
            }
        }
    }
}
