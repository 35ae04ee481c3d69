package dev.oakit.erp.stock;

import org.apiguardian.api.API;

import java.math.BigDecimal;

/**
 * The answer to a stock lookup: a quantity, or "unknown" with the reason. Immutable.
 *
 * @param item the item asked about (ERPNext item code, Odoo internal reference)
 * @param warehouse the warehouse asked about
 * @param quantity the quantity on hand less what is reserved; null when unknown
 * @param reason why the quantity is unknown (the ERP did not answer in time, refused, is held back by its
 *     circuit breaker); null when known
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StockLevel(String item, String warehouse, BigDecimal quantity, String reason) {
    /** @return whether the ERP answered */
    public boolean known() {
        return quantity != null;
    }

    /** @return whether at least {@code needed} are available; false when unknown */
    public boolean atLeast(BigDecimal needed) {
        return known() && quantity.compareTo(needed) >= 0;
    }
}
