package dev.oakit.workflow.internal.runner;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.util.List;

/**
 * What the system may do to one open task: the timeout ladder, proxies that take over open
 * tasks, the handover of a leaving user's work, a deadline moved. Valid only inside
 * {@link CommandRunner#onOpenTask}, with the task's instance locked; each call is decided like a
 * command's change and written when the body returns.
 */
public interface SystemTask {
    /** @return the task as loaded under the instance lock */
    TaskRow task();

    /** @return the task's instance */
    InstanceRow instance();

    /** @return the instance's definition */
    ProcessDefinition definition();

    /** @return the task's node */
    Node.Approval node();

    /** Approves the task in the name of the system. */
    void approve(String reason);

    /** Rejects the task in the name of the system. */
    void reject(String reason);

    /**
     * Gives the task to another user (with the approver a proxy works for, or null) and records
     * {@code action}. The caller has checked the user ({@link #mayTake}, {@link #firstAllowedUpFrom}).
     */
    void reassign(String toUserId, String proxyFor, String action, String reason);

    /** Gives a delegated task (委派) back to its owner, who decides it again, recording {@code action}. */
    void returnToOwner(String action, String reason);

    /** Adds a parallel signer to the task's node; the caller has checked the user ({@link #firstAllowedUpFrom}). */
    void addSigner(String userId, String reason);

    /** Moves the task's deadline (none: null) and schedules its ladder again from it, recording {@code detail}. */
    void moveDeadline(java.time.Instant dueAt, String detail);

    /** Records a history entry about the task. */
    void note(String action, String detail);

    /** @return whether {@code userId} may take this task over by {@code path} (the one check, {@link AssigneeCheck}) */
    AssigneeCheck.Verdict mayTake(String userId, AssigneeCheck.Path path);

    /**
     * Finds who may take this task over ({@code move}) or join its node as a signer: {@code first}
     * (when not null), then the managers above {@code from}, then the node's {@code onEmpty}
     * fallback (ADMIN: the administrators; USER: its user). Everyone passed over is recorded in the
     * timeline ({@code approver-skipped}) with the rule that refused them and {@code context}.
     *
     * @return the person (null when nobody may) and the refusals of those passed over
     */
    Choice firstAllowedUpFrom(String first, String from, boolean move, AssigneeCheck.Path path, String context);

    /**
     * @param userId who may take the task, or null
     * @param passedOver the refusals of those tried before, in order
     */
    record Choice(String userId, List<AssigneeCheck.Verdict> passedOver) {
    }
}
