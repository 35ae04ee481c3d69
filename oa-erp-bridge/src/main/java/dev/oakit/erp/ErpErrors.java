package dev.oakit.erp;

import org.apiguardian.api.API;

/**
 * The error codes of oa-erp-bridge: the stable {@code OaException.code()} of each case; each code is
 * {@code OA-ERP/} followed by the constant's name.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ErpErrors {
    private ErpErrors() {
    }

    /** The bridge's configuration names no connector, or one that is not installed. */
    public static final String NO_TARGET = "OA-ERP/NO_TARGET";
    /** The requisition was never ordered. */
    public static final String NOT_ORDERED = "OA-ERP/NOT_ORDERED";
    /** Only a refused order ({@code ORDER_FAILED}) can be ordered again. */
    public static final String NOT_REFUSED = "OA-ERP/NOT_REFUSED";
    /** The requisition's order or cancellation is still under way; its job looks again later. */
    public static final String UNDER_WAY = "OA-ERP/UNDER_WAY";
    /** The connector has no master-data feed of that kind. */
    public static final String NO_MASTER_FEED = "OA-ERP/NO_MASTER_FEED";
    /** A form value names master data the ERP does not have (or that was never synced). */
    public static final String UNKNOWN_MASTER_DATA = "OA-ERP/UNKNOWN_MASTER_DATA";
    /** A form value names master data the ERP disabled or archived. */
    public static final String INACTIVE_MASTER_DATA = "OA-ERP/INACTIVE_MASTER_DATA";
    /** The connector has no stock source. */
    public static final String NO_STOCK_SOURCE = "OA-ERP/NO_STOCK_SOURCE";
}
