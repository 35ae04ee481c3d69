package dev.oakit.workflow.internal.engine.action;

import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Suspend (administrators): a running instance keeps its tasks, but every task action conflicts until it is resumed. */
@Singleton
public final class SuspendAction implements InstanceAction<ApprovalCommand.Suspend> {
    @Inject
    private SuspendAction() {
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Suspend c) {
        r.actor.requireAdmin("suspend process instances");
        Guards.requireRunning(r);
        r.status = InstanceStatus.SUSPENDED;
        r.history("suspended", null, null, c.decision().comment(), null);
        r.summary("suspended instance " + r.row.id());
    }
}
