package dev.oakit.erp;

import org.apiguardian.api.API;

/**
 * Where the purchase order of a requisition stands.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum RequisitionOrderStatus {
    /** The order is requested (its key fixed); the ERP has not confirmed it yet. */
    ORDERING,
    /** The ERP holds the confirmed order; its number and link are on the requisition. */
    ORDERED,
    /** The ERP refused the order (a dead letter with its error); an administrator replays it or cancels the requisition. */
    ORDER_FAILED,
    /** The requisition was withdrawn, cancelled or rejected: the order is being cancelled in the ERP. */
    CANCELLING,
    /** The order is cancelled in the ERP (or none was ever created). Final. */
    CANCELLED,
    /** The ERP refused the cancellation (a dead letter); cancel the order there by hand. */
    CANCEL_FAILED
}
