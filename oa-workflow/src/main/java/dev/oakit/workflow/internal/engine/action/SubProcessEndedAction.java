package dev.oakit.workflow.internal.engine.action;

import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * A sub-process instance ended: its parent leaves the sub-process node, or (a rejected child with
 * {@code rejectWhenRejected}) ends REJECTED.
 */
@Singleton
public final class SubProcessEndedAction {
    private final Flow flow;

    @Inject
    private SubProcessEndedAction(Flow flow) {
        this.flow = flow;
    }

    /** @return false (nothing to do) when the parent no longer waits at the node */
    public boolean decide(InstanceChange parent, String nodeId, long childId, InstanceStatus outcome) {
        if (parent.status != InstanceStatus.RUNNING || !parent.st.active.contains(nodeId)) {
            return false;
        }
        parent.st.active.remove(nodeId);
        Node.SubProcess sp = (Node.SubProcess) parent.node(nodeId);
        parent.history("subprocess-ended", null, nodeId, null, "instance " + childId + " ended " + outcome);
        if (outcome == InstanceStatus.APPROVED || !sp.rejectWhenRejected()) {
            flow.leave(parent, nodeId);
        } else {
            flow.end(parent, InstanceStatus.REJECTED, nodeId);
        }
        return true;
    }
}
