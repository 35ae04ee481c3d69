package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ForbiddenException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Approve: the assignee (not a delegate) approves, with the form changes their node allows; the node's mode decides what follows. */
@Singleton
public final class ApproveAction implements TaskAction<ApprovalCommand.Approve> {
    private final Flow flow;
    private final Tasks tasks;

    @Inject
    private ApproveAction(Flow flow, Tasks tasks) {
        this.flow = flow;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.Approve c) {
        Guards.requireAssignee(r, t);
        if (t.ownerId() != null) {
            throw new ForbiddenException(WorkflowErrors.DELEGATED, "task " + t.id() + " is delegated to '" + t.assigneeId()
                    + "' by its owner '" + t.ownerId() + "'; the delegate resolves it and the owner decides");
        }
        Guards.applyForm(r, a, c.decision());
        tasks.close(r, t, TaskStatus.DONE, "APPROVED", r.actor.userId(), c.decision().comment());
        r.history("approved", t.id(), t.nodeId(), c.decision().comment(), Guards.attachments(c.decision()));
        flow.approved(r, a, t);
        r.summary("approved task " + t.id() + " at '" + t.nodeId() + "'");
    }
}
