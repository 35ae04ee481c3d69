package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/** Delegate (委派): a delegate who passes the one check holds the task and resolves it back; the owner decides. */
@Singleton
public final class DelegateAction implements TaskAction<ApprovalCommand.Delegate> {
    private final Seating seating;
    private final Tasks tasks;

    @Inject
    private DelegateAction(Seating seating, Tasks tasks) {
        this.seating = seating;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.Delegate c) {
        Guards.requireAssignee(r, t);
        if (t.ownerId() != null) {
            throw new ConflictException(WorkflowErrors.DELEGATED, "task " + t.id() + " is already delegated; resolve it first");
        }
        String to = c.toUserId();
        seating.requireAll(r, t, List.of(to), AssigneeCheck.Path.DELEGATE, true, "delegation of task " + t.id(), i -> "toUserId");
        tasks.change(r, t, to, r.actor.userId(), TaskStatus.OPEN);
        r.history("delegated", t.id(), t.nodeId(), c.decision().comment(), "to " + to);
        r.summary("delegated task " + t.id() + " to " + to);
    }
}
