package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ValidationException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Jump (administrators): every open task is reset and the target node entered (an end node ends the instance). */
@Singleton
public final class JumpAction implements InstanceAction<ApprovalCommand.Jump> {
    private final Flow flow;

    @Inject
    private JumpAction(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Jump c) {
        r.actor.requireAdmin("jump process instances");
        Guards.requireRunning(r);
        String target = c.targetNodeId();
        Node node = r.d().node(target).orElseThrow(() -> ValidationException.of("targetNodeId",
                "process '" + r.row.key() + "' v" + r.row.version() + " has no node '" + target + "'"));
        if (node instanceof Node.Start) {
            throw ValidationException.of("targetNodeId", "jump to the initiator with returnTo or withdraw, not to the start node");
        }
        flow.reset(r);
        r.history("jumped", null, target, c.decision().comment(), "by administrator " + r.actor.userId());
        flow.enter(r, target);
        r.summary("jumped instance " + r.row.id() + " to '" + target + "'");
    }
}
