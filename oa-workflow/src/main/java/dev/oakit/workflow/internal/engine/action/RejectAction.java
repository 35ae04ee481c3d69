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

/** Reject (驳回): a vote against where the node votes; everywhere else the instance ends REJECTED. */
@Singleton
public final class RejectAction implements TaskAction<ApprovalCommand.Reject> {
    private final Flow flow;
    private final Tasks tasks;

    @Inject
    private RejectAction(Flow flow, Tasks tasks) {
        this.flow = flow;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.Reject c) {
        Guards.requireAssignee(r, t);
        if (t.ownerId() != null) {
            throw new ForbiddenException(WorkflowErrors.DELEGATED, "task " + t.id() + " is delegated by '" + t.ownerId()
                    + "'; the delegate resolves it and the owner decides");
        }
        tasks.close(r, t, TaskStatus.DONE, "REJECTED", r.actor.userId(), c.decision().comment());
        r.history("rejected", t.id(), t.nodeId(), c.decision().comment(), Guards.attachments(c.decision()));
        r.summary("rejected task " + t.id() + " at '" + t.nodeId() + "'");
        flow.rejected(r, a, t, c.decision().comment());
    }
}
