package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Cancel (撤销): the initiator or an administrator ends an instance that has not ended, CANCELLED. */
@Singleton
public final class CancelAction implements InstanceAction<ApprovalCommand.Cancel> {
    private final Flow flow;

    @Inject
    private CancelAction(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Cancel c) {
        if (!r.actor.isAdmin() && !r.actor.userId().equals(r.row.initiatorId())) {
            throw new ForbiddenException(WorkflowErrors.CANCEL, "user '" + r.actor.userId() + "' may not cancel instance " + r.row.id()
                    + "; the initiator '" + r.row.initiatorId() + "' and administrators may");
        }
        if (r.status.ended()) {
            throw new ConflictException(WorkflowErrors.ENDED, "instance " + r.row.id() + " already ended " + r.status);
        }
        flow.end(r, InstanceStatus.CANCELLED, null);
        r.summary("cancelled instance " + r.row.id());
    }
}
