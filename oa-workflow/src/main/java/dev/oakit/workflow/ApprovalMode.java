package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * How the approvers of one approval node decide.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ApprovalMode {
    /** 依次审批: one after the other in the resolved order; every one must approve. */
    SEQUENTIAL,
    /** 会签: all at once; every current approver must approve; one rejection rejects. */
    ALL,
    /** 或签: all at once; the first approval completes the node and closes the other tasks. */
    ANY,
    /** 票签: all at once; the node passes when the approving share reaches the pass ratio, or fails once it cannot. */
    VOTE
}
