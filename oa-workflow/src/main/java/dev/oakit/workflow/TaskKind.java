package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * What a task asks of its assignee: to decide at an approval node (as an approver or as a signer
 * added there, 加签), or to refill a rejected form (驳回重填).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum TaskKind {
    /** A task the node's approver rule gave (or its fallback, a turn in SEQUENTIAL, a withdrawal). */
    APPROVAL,
    /** 前加签: a signer added before the approver, whose task waits meanwhile ({@link SignerPosition#BEFORE}). */
    SIGNER_BEFORE,
    /** 后加签: a signer added after the approver; the node completes once they approved ({@link SignerPosition#AFTER}). */
    SIGNER_AFTER,
    /** 并加签: a signer added alongside the node's approvers, in the node's mode ({@link SignerPosition#PARALLEL}). */
    SIGNER_PARALLEL,
    /**
     * 驳回重填: the initiator's task to refill the form a node with {@code onReject: REFILL} rejected; it is
     * done by {@link Approvals#resubmit resubmitting} or {@link Approvals#abandon abandoning} the instance,
     * not by approving, and {@link Task#comment()} holds the rejecting comment.
     */
    REFILL
}
