package dev.oakit.workflow.internal.engine.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** A service node's handler ran: its output joins the form and the instance moves on. */
@Singleton
public final class ServiceDoneAction {
    private final Flow flow;

    @Inject
    private ServiceDoneAction(Flow flow) {
        this.flow = flow;
    }

    /** @return false (nothing to do) when the instance moved on meanwhile (cancelled, jumped) */
    public boolean decide(InstanceChange r, String nodeId, Map<String, Object> output) {
        if (r.status != InstanceStatus.RUNNING || !r.st.active.contains(nodeId)) {
            return false;
        }
        if (!output.isEmpty()) {
            ObjectNode merged = r.form().deepCopy();
            merged.setAll((ObjectNode) r.json().valueToTree(output));
            r.form(merged);
        }
        r.st.active.remove(nodeId);
        r.history("service-done", null, nodeId, null, output.isEmpty() ? null : "output " + output.keySet());
        flow.leave(r, nodeId);
        return true;
    }
}
