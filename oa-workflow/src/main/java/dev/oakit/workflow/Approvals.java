package dev.oakit.workflow;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The approval commands. Each runs in one transaction with its history entry, audit record and
 * events; the engine checks that the actor may act (others get a
 * {@link dev.oakit.core.ForbiddenException} naming who may) and that the instance is in a state
 * that allows it ({@link dev.oakit.core.ConflictException} otherwise). Commands on one instance are
 * serialised. See docs/approval-semantics.md for every rule. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Approvals {
    /** Starts an instance of the latest version of a process (发起). */
    ProcessInstance start(Actor initiator, StartRequest request);

    /** Approves a task (同意). */
    void approve(Actor actor, long taskId, Decision decision);

    /** Rejects a task (驳回): the instance ends rejected (in a VOTE node: a vote against). */
    void reject(Actor actor, long taskId, Decision decision);

    /**
     * Returns the instance (退回) to an earlier node: {@code null} for the previous approval node,
     * a visited node id, or the start node id for the initiator.
     */
    void returnTo(Actor actor, long taskId, String targetNodeId, Decision decision);

    /**
     * The initiator submits a returned or withdrawn instance again, optionally with form changes (checked
     * against the form as at the start); a refill task (驳回重填) closes {@code RESUBMITTED}.
     */
    void resubmit(Actor initiator, long instanceId, Decision decision);

    /**
     * The initiator gives up a returned instance instead of resubmitting it, typically one rejected for
     * refill (驳回重填, {@code onReject: REFILL}): it ends REJECTED, and their refill task closes
     * ({@code ABANDONED}). Only the initiator; only a RETURNED instance ({@code OA-WF/NOT_RETURNED}).
     *
     * @since 0.1
     */
    void abandon(Actor initiator, long instanceId, Decision decision);

    /**
     * Withdraws (撤回): the initiator, while nobody acted on the current node, takes the instance
     * back to edit and resubmit; the previous approver, while the next node is untouched, takes
     * their approval back and gets their task again.
     */
    void withdraw(Actor actor, long instanceId, Decision decision);

    /** Cancels (撤销) a running or returned instance: the initiator or an administrator. */
    void cancel(Actor actor, long instanceId, Decision decision);

    /** Transfers (转办) the actor's task to another user, who decides in the actor's place. */
    void transfer(Actor actor, long taskId, String toUserId, Decision decision);

    /** Delegates (委派) the actor's task: the delegate works on it, then it returns to the actor to decide. */
    void delegate(Actor actor, long taskId, String toUserId, Decision decision);

    /** The delegate hands a delegated task back to its owner. */
    void resolve(Actor delegate, long taskId, Decision decision);

    /** Adds signers (加签) to the actor's node, before, after or in parallel. */
    void addSigner(Actor actor, long taskId, SignerPosition position, List<String> userIds, Decision decision);

    /** Removes a pending signer (减签) from the node of the actor's task; the last approver cannot be removed. */
    void removeSigner(Actor actor, long taskId, String userId, Decision decision);

    /**
     * Claims (领取) a task that a pool node offered to the actor among its candidates; the first
     * claim wins, others get a {@link dev.oakit.core.ConflictException} naming who claimed it.
     */
    void claim(Actor actor, long taskId, Decision decision);

    /** Releases a claimed pool task back to the pool (its assignee only). */
    void release(Actor actor, long taskId, Decision decision);

    /**
     * Urges (催办) the current approvers of a running instance: the initiator or an administrator,
     * at most once per {@link WorkflowConfig#urgeInterval()} per instance (a {@link dev.oakit.core.ConflictException}
     * says when the next urge is allowed). Each approver with an open task is notified with the
     * template {@value WorkflowTemplateKeys#URGED}.
     */
    void urge(Actor actor, long instanceId, Decision decision);

    /** Adds a comment (with attachments) to an instance the actor takes part in. */
    void comment(Actor actor, long instanceId, Decision decision);

    /** Administrators: moves a running instance to any node (跳转), closing the open tasks. */
    void jump(Actor admin, long instanceId, String targetNodeId, Decision decision);

    /** Administrators: suspends a running instance. */
    void suspend(Actor admin, long instanceId, Decision decision);

    /** Administrators: resumes a suspended instance. */
    void resume(Actor admin, long instanceId, Decision decision);

    /**
     * The actions the actor may take on the instance now (the buttons a page shows): each action's own checks run on
     * the instance as it is, without changing it, so an action is listed exactly when taking it (with arguments that
     * fit: a user who may take over the task, an existing node) would be accepted at this moment. Actions with
     * arguments ({@code transfer}, {@code delegate}, {@code addSigner}, {@code jump}) are listed when the actor may
     * take them with some argument; {@code removeSigner} names the signers that may be removed. Reads only.
     *
     * @return task actions in task order, then instance actions; empty when the actor may do nothing
     * @throws dev.oakit.core.NotFoundException when the instance does not exist in the actor's tenant
     * @since 0.1
     */
    List<ApprovalAction> actionsFor(Actor actor, long instanceId);
}
