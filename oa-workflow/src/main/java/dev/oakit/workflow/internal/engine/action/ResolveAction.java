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

/** Resolve: the delegate hands a delegated task back to its owner (with the form changes the node allows). */
@Singleton
public final class ResolveAction implements TaskAction<ApprovalCommand.Resolve> {
    private final Tasks tasks;

    @Inject
    private ResolveAction(Tasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.Resolve c) {
        Guards.requireAssignee(r, t);
        if (t.ownerId() == null) {
            throw new ConflictException(WorkflowErrors.NOT_DELEGATED, "task " + t.id() + " is not delegated; approve or reject it");
        }
        Guards.applyForm(r, a, c.decision());
        String owner = t.ownerId();
        tasks.change(r, t, owner, null, TaskStatus.OPEN);
        r.history("resolved", t.id(), t.nodeId(), c.decision().comment(), "back to " + owner);
        r.effects.add(new dev.oakit.workflow.internal.engine.Effect.OnBehalfOf(owner));
        r.summary("resolved delegated task " + t.id() + " back to " + owner);
    }
}
