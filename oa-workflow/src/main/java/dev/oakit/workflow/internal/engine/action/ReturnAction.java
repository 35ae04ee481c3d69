package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Return (退回): to the initiator (the instance is RETURNED) or to a visited approval node on the
 * path to the returning node, which runs again in a new round; what lies at or after the target is reset.
 */
@Singleton
public final class ReturnAction implements TaskAction<ApprovalCommand.ReturnTo> {
    private final Flow flow;
    private final Tasks tasks;

    @Inject
    private ReturnAction(Flow flow, Tasks tasks) {
        this.flow = flow;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.ReturnTo c) {
        Guards.requireAssignee(r, t);
        Guards.requireNotDelegated(t, "return the instance");
        String startId = Flow.start(r.d()).id();
        String target = c.targetNodeId();
        if (target == null) {
            // the previous node on this path: the last one visited from which the returning node is reached
            // (inside parallel branches a sibling branch's node is never "previous")
            target = startId;
            for (int i = r.st.visited.size() - 1; i >= 0; i--) {
                String v = r.st.visited.get(i);
                if (!v.equals(t.nodeId()) && Flow.reachable(r.d(), v).contains(t.nodeId())) {
                    target = v;
                    break;
                }
            }
        }
        if (!target.equals(startId) && (!r.st.visited.contains(target) || !Flow.reachable(r.d(), target).contains(t.nodeId()))) {
            throw new ConflictException(WorkflowErrors.RETURN_TARGET, "instance " + r.row.id() + " can be returned to the initiator ('"
                    + startId + "') or to a visited approval node on the path to '" + t.nodeId() + "' "
                    + r.st.visited.stream().filter(v -> Flow.reachable(r.d(), v).contains(t.nodeId())).toList()
                    + ", not to '" + target + "'");
        }
        tasks.close(r, t, TaskStatus.DONE, "RETURNED", r.actor.userId(), c.decision().comment());
        r.history("returned", t.id(), t.nodeId(), c.decision().comment(), "to " + target);
        r.st.returnedFrom = t.nodeId();
        if (target.equals(startId)) {
            flow.reset(r);
            // visited stays: BACK_TO_RETURNER resumes at the returner, whose earlier nodes remain return
            // targets; RERUN clears it on resubmit
            r.status = InstanceStatus.RETURNED;
        } else {
            flow.resetFrom(r, target);
            flow.enter(r, target);
        }
        r.summary("returned instance " + r.row.id() + " to '" + target + "'");
        r.publishInstance("wf.instance.returned", Map.of("to", target, "by", r.actor.userId(), "initiatorId", r.row.initiatorId()));
    }
}
