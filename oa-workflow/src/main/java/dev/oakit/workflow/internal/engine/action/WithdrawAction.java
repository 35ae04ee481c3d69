package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Withdraw (撤回): the initiator takes the instance back while nobody acted on the current node in
 * this round (it is RETURNED); an approver of the node completed last takes their approval back
 * while the next node is untouched (they get their task again).
 */
@Singleton
public final class WithdrawAction implements InstanceAction<ApprovalCommand.Withdraw> {
    private final Flow flow;
    private final Tasks tasks;
    private final Seating seating;

    @Inject
    private WithdrawAction(Flow flow, Tasks tasks, Seating seating) {
        this.flow = flow;
        this.tasks = tasks;
        this.seating = seating;
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Withdraw c) {
        Guards.requireRunning(r);
        if (r.actor.userId().equals(r.row.initiatorId())) {
            byInitiator(r, c);
        } else {
            byApprover(r, c);
        }
    }

    private void byInitiator(InstanceChange r, ApprovalCommand.Withdraw c) {
        boolean touched = r.reads.decidedAt(r.row.id(), r.st.active) > currentRoundExclusions(r);
        if (touched) {
            throw new ConflictException(WorkflowErrors.ALREADY_ACTED, "instance " + r.row.id()
                    + " cannot be withdrawn: an approver already acted on the current node " + r.st.active);
        }
        List<String> approvers = r.open.stream().map(TaskRow::assigneeId).filter(u -> !u.isEmpty()).distinct().toList();
        flow.reset(r);
        r.status = InstanceStatus.RETURNED;
        r.st.returnedFrom = null;
        r.history("withdrawn", null, Flow.start(r.d()).id(), c.decision().comment(), "by the initiator");
        // the approvers whose tasks went are told (stored only when someone listens)
        r.publishInstance("wf.instance.withdrawn", Map.of("by", r.actor.userId(), "approvers", approvers, "title", r.row.title()));
        r.summary("initiator withdrew instance " + r.row.id());
    }

    /** Tasks of earlier rounds of the current nodes (before a return) do not count as acting on the current node. */
    private static int currentRoundExclusions(InstanceChange r) {
        int earlier = 0;
        for (String n : r.st.active) {
            InstanceState.NodeRun run = r.st.runs.get(n);
            if (run != null) {
                earlier += r.reads.decidedBeforeRound(r.row.id(), n, run.round);
            }
        }
        return earlier;
    }

    private void byApprover(InstanceChange r, ApprovalCommand.Withdraw c) {
        String me = r.actor.userId();
        String last = r.st.lastCompleted;
        List<String> lastApprovers = last == null ? List.of() : r.st.approvedBy.getOrDefault(last, List.of());
        if (last == null || !lastApprovers.contains(me)) {
            throw new ForbiddenException(WorkflowErrors.WITHDRAW, "user '" + me + "' may not withdraw instance "
                    + r.row.id() + "; the initiator '" + r.row.initiatorId() + "' may, and the approvers of the last completed node "
                    + (last == null ? "(none yet)" : "'" + last + "' " + lastApprovers) + " may while the next node is untouched");
        }
        if (!r.st.joins.isEmpty()) {
            throw new ConflictException(WorkflowErrors.WITHDRAW_IN_BRANCH, "instance " + r.row.id()
                    + " is inside parallel branches; approvals there cannot be withdrawn, ask an administrator to jump");
        }
        boolean nextTouched = r.open.stream().anyMatch(t -> t.status() != TaskStatus.OPEN)
                || r.reads.decidedAfterApproval(r.row.id(), last, me) > 0;
        if (nextTouched || r.status != InstanceStatus.RUNNING) {
            throw new ConflictException(WorkflowErrors.ALREADY_ACTED, "instance " + r.row.id()
                    + " cannot be withdrawn by '" + me + "': the next node was already acted on");
        }
        // taking an approval back gives the approver their task again: someone deactivated since may not (no task goes to
        // an inactive user); the initiator or an administrator can still withdraw or jump
        AssigneeCheck.Verdict mine = seating.check(r, seating.seat(r, (Node.Approval) r.node(last), null), me, AssigneeCheck.Path.REOPEN);
        if (!mine.allowed() && mine.refusal() == AssigneeCheck.Refusal.INACTIVE) {
            throw new ForbiddenException(WorkflowErrors.WITHDRAW, "user '" + me + "' may not withdraw instance " + r.row.id()
                    + ": " + mine.reason() + ", and the approval would go back to them; the initiator '" + r.row.initiatorId()
                    + "' may withdraw, or an administrator may jump");
        }
        flow.reset(r);
        r.st.visited.remove(last);
        r.st.lastCompleted = null;
        InstanceState.NodeRun run = r.st.runs.get(last);
        run.queue.clear();
        run.anyApproved = false;
        run.approvals = Math.max(0, run.approvals - 1);
        if (run.approvedBy != null) {
            run.approvedBy.remove(me);
        }
        if (run.decided != null) {
            run.decided.remove(me); // they take their seat back
        }
        r.st.active.add(last);
        tasks.open(r, last, run.round, 99, TaskKinds.APPROVER, null, me, null, TaskStatus.OPEN);
        // the node is undecided again: those whose tasks the decision closed (the other votes of a
        // VOTE node, the other approvers of an ANY node) get their tasks back, so a vote is counted
        // over all its voters again and not over those who voted before it was decided
        List<String> reopened = new java.util.ArrayList<>();
        for (TaskRow t : r.reads.closedByDecision(r.row.id(), last, run.round)) {
            // a task held by a proxy goes back to the approver it was held for (proxy rules apply again)
            String approver = t.proxyFor() != null ? t.proxyFor() : t.assigneeId();
            boolean voter = t.kind().equals(TaskKinds.APPROVER) || t.kind().equals(TaskKinds.PARALLEL);
            if (!voter || approver.isEmpty() || approver.equals(me) || reopened.contains(approver)) {
                continue;
            }
            if (run.decided != null) {
                run.decided.remove(approver);
                run.decided.remove(t.assigneeId());
            }
            // the one check: someone deactivated since (or otherwise refused now) gets no task and is no voter
            AssigneeCheck.Verdict v = seating.check(r, seating.seat(r, (Node.Approval) r.node(last), null), approver,
                    AssigneeCheck.Path.REOPEN);
            if (!v.allowed()) {
                r.history("approver-skipped", null, last, null, v.reason());
                continue;
            }
            tasks.open(r, last, run.round, 99, t.kind(), null, approver, null, TaskStatus.OPEN);
            reopened.add(approver);
        }
        r.history("withdrawn", null, last, c.decision().comment(), "by approver " + me
                + (reopened.isEmpty() ? "" : "; open again for " + reopened));
        r.summary("approver " + me + " withdrew their approval of instance " + r.row.id());
    }
}
