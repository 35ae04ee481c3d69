package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormAccess;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Resubmit: the initiator sends a returned instance on, with the form changes the start node
 * allows; straight back to the node that returned it (BACK_TO_RETURNER, outside parallel
 * branches) or along the route from the start.
 */
@Singleton
public final class ResubmitAction implements InstanceAction<ApprovalCommand.Resubmit> {
    private final Flow flow;

    @Inject
    private ResubmitAction(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Resubmit c) {
        Guards.requireReturnedToInitiator(r, "resubmit", "resubmitted");
        Node.Start start = Flow.start(r.d());
        if (r.d().form() != null && !c.decision().form().isEmpty()) {
            r.form(FormAccess.of(r.d().form(), start.fields(), FieldAccess.EDITABLE).write(r.form(),
                    r.json().valueToTree(c.decision().form())));
        }
        flow.closeRefill(r, "RESUBMITTED", c.decision().comment());
        r.status = InstanceStatus.RUNNING;
        r.history("resubmitted", null, start.id(), c.decision().comment(), null);
        String from = r.st.returnedFrom;
        r.st.returnedFrom = null;
        // going straight back is only possible outside parallel branches: inside them the siblings
        // would be lost (the return reset them), so the route runs again from the start
        if (from != null && r.node(from) instanceof Node.Approval a && a.resubmit() == Node.Resubmit.BACK_TO_RETURNER
                && !Flow.insideBranches(r.d(), from)) {
            flow.enter(r, from);
        } else {
            r.st.visited.clear();
            flow.leave(r, start.id());
        }
        r.summary("resubmitted instance " + r.row.id());
    }
}
