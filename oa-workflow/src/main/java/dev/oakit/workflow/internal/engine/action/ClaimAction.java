package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/** Claim: a candidate of a pooled task who passes the one check takes it; the first claim wins. */
@Singleton
public final class ClaimAction implements TaskAction<ApprovalCommand.Claim> {
    private final Seating seating;
    private final Tasks tasks;

    @Inject
    private ClaimAction(Seating seating, Tasks tasks) {
        this.seating = seating;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.Claim c) {
        if (!Tasks.UNASSIGNED.equals(t.assigneeId())) {
            throw new ConflictException(WorkflowErrors.ALREADY_CLAIMED, "task " + t.id() + " was claimed by '" + t.assigneeId()
                    + "'" + (t.assigneeId().equals(r.actor.userId()) ? " (you)" : "; it returns to the pool only if they release it"));
        }
        List<String> candidates = r.reads.candidates(t.id());
        if (!candidates.contains(r.actor.userId())) {
            throw new ForbiddenException(WorkflowErrors.NOT_A_CANDIDATE, "user '" + r.actor.userId() + "' may not claim task " + t.id()
                    + "; its candidates " + candidates + " may");
        }
        AssigneeCheck.Verdict v = seating.check(r, seating.seat(r, a, t.id()), r.actor.userId(), AssigneeCheck.Path.CLAIM);
        if (!v.allowed()) {
            throw v.forbidden();
        }
        tasks.change(r, t, r.actor.userId(), null, TaskStatus.OPEN);
        r.history("claimed", t.id(), t.nodeId(), c.decision().comment(), null);
        r.summary("claimed task " + t.id());
    }
}
