package dev.oakit.workflow.internal.engine.mode;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.InstanceState.NodeRun;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.util.List;

/**
 * SEQUENTIAL (依次审批): the approvers get their task one after the other, in the rule's order; the
 * node passes once the last has approved and nobody is queued.
 */
public final class SequentialMode implements NodeMode {
    static final SequentialMode INSTANCE = new SequentialMode();

    private SequentialMode() {
    }

    @Override
    public void open(NodeTasks tasks, NodeRun run, List<String> manual, int firstSeq) {
        run.queue.addAll(manual.subList(1, manual.size()));
        tasks.open(manual.get(0), firstSeq);
    }

    /**
     * Opens the next queued approver once nobody of the current step (the approver or the signers
     * they added after themselves) is open; whoever may not take their turn now (deactivated, or
     * separated by a node that completed in a parallel branch since) is skipped.
     */
    @Override
    public void next(NodeTasks tasks, NodeRun run) {
        if (tasks.stepOpen()) {
            return;
        }
        while (!run.queue.isEmpty()) {
            if (tasks.turn(run.queue.remove(0), run.approvals + 1)) {
                return;
            }
        }
    }

    @Override
    public Completion completion(Node.Approval node, NodeRun run, List<TaskRow> open) {
        return open.isEmpty() && run.queue.isEmpty() ? Completion.PASSED : Completion.WAITING;
    }
}
