package dev.oakit.workflow.internal.engine.mode;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.InstanceState.NodeRun;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * VOTE (票签): every approver has a task at once and a rejection is a vote against. Voters are the
 * approvals and rejections so far plus the open approver and parallel-signer tasks (signers added
 * BEFORE or AFTER do not vote). The node passes as soon as approvals ≥ passRatio × voters (the
 * other votes close {@code VOTE_DECIDED}); it fails, rejecting the instance, once that is out of
 * reach or, with veto, at the first vote against.
 */
public final class VoteMode implements NodeMode {
    static final VoteMode INSTANCE = new VoteMode();

    private VoteMode() {
    }

    @Override
    public void open(NodeTasks tasks, NodeRun run, List<String> manual, int firstSeq) {
        tasks.openAll(manual, firstSeq);
    }

    @Override
    public boolean rejectionIsVote() {
        return true;
    }

    @Override
    public Completion completion(Node.Approval node, NodeRun run, List<TaskRow> open) {
        int voters = run.approvals + run.rejections
                + (int) open.stream().filter(t -> !t.kind().equals(TaskKinds.AFTER) && !t.kind().equals(TaskKinds.BEFORE)).count();
        BigDecimal ratio = node.passRatio();
        BigDecimal needed = ratio.multiply(BigDecimal.valueOf(voters));
        int stillOpen = voters - run.approvals - run.rejections;
        if (voters > 0 && BigDecimal.valueOf(run.approvals).compareTo(needed) >= 0) {
            return new Completion(true, false, "VOTE_DECIDED", "vote-passed", run.approvals + " of " + voters
                    + " approved (pass ratio " + ratio.setScale(2, RoundingMode.HALF_UP) + ")");
        }
        if (voters == 0 || (node.veto() && run.rejections > 0) || BigDecimal.valueOf(run.approvals + stillOpen).compareTo(needed) < 0) {
            return new Completion(false, true, null, "vote-failed", run.approvals + " of " + voters + " approved, "
                    + run.rejections + " rejected (pass ratio " + ratio.setScale(2, RoundingMode.HALF_UP) + ")");
        }
        return Completion.WAITING;
    }
}
