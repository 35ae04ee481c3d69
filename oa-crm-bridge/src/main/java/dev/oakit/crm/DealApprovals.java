package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.integration.inbox.VerifiedWebhook;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * Deal approvals sent from the CRM ({@code oa.service(DealApprovals.class)}). Requests arrive two ways, and
 * each version of a record is applied once whichever way brought it: a pull of the connector's request
 * feeds ({@code ChangePulls.schedule(admin, PullSpec.of(target, CrmConnector.DISCOUNT_REQUESTS))}) or a
 * webhook given to {@link #receive}. Either way the bridge reads the record from the CRM again and then
 * starts an approval ({@link DealApproval}), withdraws it (the request was withdrawn in the CRM) or, when the
 * record changed while it was being approved, applies the definition's {@link DealApproval.OnChanged}.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DealApprovals {
    /**
     * Accepts a verified webhook (see {@code Inbox.verify}) whose body is an {@link ApprovalRequest} as JSON
     * ({@link dev.oakit.crm.spi.CrmRecords#payload}): once per delivery id and record version, never an
     * older version after a newer one. The request is then applied by a job.
     *
     * @param admin an administrator or the system actor
     * @param target the CRM connector's id
     * @return true when the change was new
     * @throws dev.oakit.core.ValidationException when the body is no approval request
     * @throws dev.oakit.core.NotFoundException {@code OA-CRM/NO_TARGET} when no CRM connector has that id
     */
    boolean receive(Actor admin, String target, VerifiedWebhook webhook);

    /** @return every round of a CRM record's approval, oldest first; for users of the actor's tenant */
    List<DealRequest> rounds(Actor actor, String target, ApprovalRequest.Kind kind, String requestId);

    /** @return the round a process instance approves, if it is a deal approval */
    Optional<DealRequest> byInstance(Actor actor, long instanceId);
}
