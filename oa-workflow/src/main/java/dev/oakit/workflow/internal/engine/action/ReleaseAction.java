package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Release: the claimer gives a pooled task back to the pool. */
@Singleton
public final class ReleaseAction implements TaskAction<ApprovalCommand.Release> {
    private final Tasks tasks;

    @Inject
    private ReleaseAction(Tasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.Release c) {
        Guards.requireAssignee(r, t);
        if (!a.pool()) {
            throw new ConflictException(WorkflowErrors.NOT_A_POOL, "task " + t.id() + " was not offered to a pool; transfer it instead");
        }
        Guards.requireNotDelegated(t, "release it");
        tasks.change(r, t, Tasks.UNASSIGNED, null, TaskStatus.OPEN);
        r.history("released", t.id(), t.nodeId(), c.decision().comment(), null);
        r.summary("released task " + t.id() + " to the pool");
    }
}
