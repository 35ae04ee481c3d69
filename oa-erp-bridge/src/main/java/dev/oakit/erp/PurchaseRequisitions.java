package dev.oakit.erp;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * The purchase orders of purchase requisitions, and the journal entries of expense claims, per process
 * instance: {@code oa.service(PurchaseRequisitions.class)}. For an expense claim, {@link RequisitionOrder}
 * is its journal entry: {@code ORDERING} while it is posted, {@code ORDERED} once the ERP holds it
 * (number and link set), {@code ORDER_FAILED} when refused. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PurchaseRequisitions {
    /** @return the order of the requisition's latest round, if it was ordered; for users of the actor's tenant */
    Optional<RequisitionOrder> order(Actor actor, long instanceId);

    /** @return every round's order of the requisition, oldest first */
    List<RequisitionOrder> orders(Actor actor, long instanceId);

    /**
     * Administrators: orders again after the ERP refused the order ({@link RequisitionOrderStatus#ORDER_FAILED}),
     * once its cause is fixed in the ERP. The dead letter is replayed (looked up by its key before it is
     * created, so this never duplicates) and the bridge follows it again. One audited command.
     *
     * @return the round, {@link RequisitionOrderStatus#ORDERING} again
     * @throws dev.oakit.core.ConflictException when the latest round's order was not refused
     * @throws dev.oakit.core.NotFoundException when the instance was never ordered
     */
    RequisitionOrder retry(Actor admin, long instanceId);
}
