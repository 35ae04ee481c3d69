package dev.oakit.crm;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One round of a deal approval: one version of a CRM record sent for approval, the OAKit instance that
 * approves it and where its decision stands. Immutable.
 *
 * @param target the CRM connector's id
 * @param kind discount or contract
 * @param requestId the CRM's id of the record
 * @param version the record's version this round approves
 * @param instanceId the approval's process instance
 * @param title the record's name or number
 * @param accountId the CRM's id of the customer, or null
 * @param status where the round stands
 * @param outcome {@code APPROVED} or {@code REJECTED} once decided, else null
 * @param reason why the round closed as it did (withdrawn, changed to version n, the CRM's error), or null
 * @param updatedAt when it last changed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DealRequest(String target, ApprovalRequest.Kind kind, String requestId, long version, long instanceId, String title,
                          String accountId, DealStatus status,
                          Decision.Outcome outcome, String reason, Instant updatedAt) {
}
