package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ValidationException;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.internal.ApproverResolution;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Start: the approvers the initiator chose are checked, and the instance leaves its start node. */
@Singleton
public final class StartAction {
    private final Flow flow;
    private final ApproverResolution resolution;

    @Inject
    private StartAction(Flow flow, ApproverResolution resolution) {
        this.flow = flow;
        this.resolution = resolution;
    }

    /** Decides the start of the instance just inserted (its row, form and state are in {@code r}). */
    public void decide(InstanceChange r, StartRequest request) {
        Node.Start start = Flow.start(r.d());
        r.history("started", null, start.id(), null, null);
        checkChosen(r, request);
        flow.leave(r, start.id());
        r.publishInstance("wf.instance.started", Map.of("processKey", r.row.key(), "initiatorId", r.row.initiatorId(),
                "title", r.row.title()));
    }

    private void checkChosen(InstanceChange r, StartRequest request) {
        for (Map.Entry<String, List<String>> e : request.chosenApprovers().entrySet()) {
            Node n = r.d().node(e.getKey()).orElseThrow(() -> ValidationException.of("chosenApprovers." + e.getKey(),
                    "process '" + r.row.key() + "' has no node '" + e.getKey() + "'"));
            ApproverRule.InitiatorChooses rule = n instanceof Node.Approval a ? a.approvers().stream()
                    .filter(ApproverRule.InitiatorChooses.class::isInstance).map(ApproverRule.InitiatorChooses.class::cast)
                    .findFirst().orElse(null) : null;
            if (rule == null) {
                throw ValidationException.of("chosenApprovers." + e.getKey(), "node '" + e.getKey()
                        + "' does not let the initiator choose approvers");
            }
            int count = new LinkedHashSet<>(e.getValue()).size();
            if (count < rule.min() || count > rule.max()) {
                throw ValidationException.of("chosenApprovers." + e.getKey(), "choose between " + rule.min() + " and "
                        + rule.max() + " approvers for node '" + e.getKey() + "', got " + count);
            }
            for (String u : e.getValue()) {
                if (!resolution.isActive(r.tenant(), u)) {
                    throw ValidationException.of("chosenApprovers." + e.getKey(), "user '" + u + "' is unknown or inactive");
                }
            }
        }
    }
}
