package dev.oakit.workflow.internal.engine.action;

import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Abandon: the initiator gives up a returned instance (驳回重填 they will not refill); it ends REJECTED. */
@Singleton
public final class AbandonAction implements InstanceAction<ApprovalCommand.Abandon> {
    private final Flow flow;

    @Inject
    private AbandonAction(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Abandon c) {
        Guards.requireReturnedToInitiator(r, "abandon", "abandoned");
        flow.closeRefill(r, "ABANDONED", c.decision().comment());
        r.history("abandoned", null, Flow.start(r.d()).id(), c.decision().comment(), null);
        flow.end(r, InstanceStatus.REJECTED, null);
        r.summary("abandoned instance " + r.row.id());
    }
}
