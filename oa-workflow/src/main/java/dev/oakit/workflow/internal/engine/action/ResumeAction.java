package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Resume (administrators): a suspended instance runs again. */
@Singleton
public final class ResumeAction implements InstanceAction<ApprovalCommand.Resume> {
    @Inject
    private ResumeAction() {
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Resume c) {
        r.actor.requireAdmin("resume process instances");
        if (r.status != InstanceStatus.SUSPENDED) {
            throw new ConflictException(WorkflowErrors.NOT_SUSPENDED, "instance " + r.row.id() + " is " + r.status + ", not suspended");
        }
        r.status = InstanceStatus.RUNNING;
        r.history("resumed", null, null, c.decision().comment(), null);
        r.summary("resumed instance " + r.row.id());
    }
}
