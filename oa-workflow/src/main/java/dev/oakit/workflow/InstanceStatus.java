package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * Where a process instance stands.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum InstanceStatus {
    /** Approvals are under way. */
    RUNNING,
    /** Returned to the initiator (退回发起人) or withdrawn by them (撤回): waiting for a resubmission or a cancel. */
    RETURNED,
    /** Suspended by an administrator; no action but resume is accepted. */
    SUSPENDED,
    /** Ended at an approving end. */
    APPROVED,
    /** Ended rejected (驳回, or a rejecting end). */
    REJECTED,
    /** Ended by the initiator or an administrator (撤销). */
    CANCELLED;

    /** @return true for the statuses that end an instance */
    public boolean ended() {
        return this == APPROVED || this == REJECTED || this == CANCELLED;
    }
}
