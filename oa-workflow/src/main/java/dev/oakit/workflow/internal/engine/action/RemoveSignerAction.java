package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.engine.mode.NodeMode;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Remove a signer (减签), by an assignee of the node or an administrator: a queued SEQUENTIAL
 * approver leaves the queue; a pending one's task is cancelled (never the node's last approver).
 */
@Singleton
public final class RemoveSignerAction implements TaskAction<ApprovalCommand.RemoveSigner> {
    private final Flow flow;
    private final Tasks tasks;

    @Inject
    private RemoveSignerAction(Flow flow, Tasks tasks) {
        this.flow = flow;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.RemoveSigner c) {
        if (!r.actor.isAdmin()) {
            Guards.requireAssignee(r, t);
        }
        String userId = c.userId();
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        if (run.queue.remove(userId)) {
            r.history("signer-removed", t.id(), a.id(), c.decision().comment(), userId + " (not yet due)");
        } else {
            TaskRow target = r.open.stream().filter(x -> x.nodeId().equals(a.id()) && x.round() == run.round
                            && x.assigneeId().equals(userId) && x.id() != t.id()).findFirst()
                    .orElseThrow(() -> new ConflictException(WorkflowErrors.NOT_A_SIGNER, "user '" + userId
                            + "' has no pending task at node '" + a.id() + "' of instance " + r.row.id()));
            long remaining = r.open.stream().filter(x -> x.nodeId().equals(a.id()) && x.round() == run.round
                    && x.id() != target.id() && !x.kind().equals(TaskKinds.AFTER)).count();
            if (remaining == 0) {
                throw new ConflictException(WorkflowErrors.LAST_APPROVER, "user '" + userId + "' is the last approver of node '"
                        + a.id() + "'; the last approver cannot be removed");
            }
            tasks.close(r, target, TaskStatus.CANCELLED, "REMOVED", r.actor.userId(), c.decision().comment());
            r.history("signer-removed", target.id(), a.id(), c.decision().comment(), userId);
            if (target.kind().equals(TaskKinds.BEFORE)) {
                flow.reopenIfSignersDone(r, target.waitingFor());
            }
            if (target.kind().equals(TaskKinds.APPROVER)) {
                NodeMode.of(a).next(tasks.of(r, a, run), run); // the current step of a SEQUENTIAL node was removed: the next is due
            }
        }
        flow.evaluate(r, a);
        r.summary("removed signer " + userId + " at '" + a.id() + "'");
    }
}
