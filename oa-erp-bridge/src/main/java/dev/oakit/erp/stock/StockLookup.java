package dev.oakit.erp.stock;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

/**
 * Spare-part stock for tickets ({@code oa.service(StockLookup.class)}): asks the ERP, with no transaction open
 * and within {@code integration.callTimeout}, how many of an item a warehouse holds. It never fails because
 * the ERP is down or slow: the answer is then "unknown" with the reason, and the ticket goes on. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface StockLookup {
    /**
     * @param actor any user of the tenant
     * @param target the connector
     * @param item the item code (ERPNext) or internal reference (Odoo)
     * @param warehouse the warehouse (ERPNext: its name, e.g. {@code Stores - AC}; Odoo: its name or code, given as context)
     * @throws dev.oakit.core.ValidationException {@code OA-ERP/NO_STOCK_SOURCE} when the target has no stock source
     */
    StockLevel available(Actor actor, String target, String item, String warehouse);
}
