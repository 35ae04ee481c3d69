package dev.oakit.workflow.internal.engine.mode;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.InstanceState.NodeRun;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.util.List;

/** ALL (会签): every approver has a task at once; the node passes once none is open. */
public final class AllMode implements NodeMode {
    static final AllMode INSTANCE = new AllMode();

    private AllMode() {
    }

    @Override
    public void open(NodeTasks tasks, NodeRun run, List<String> manual, int firstSeq) {
        tasks.openAll(manual, firstSeq);
    }

    @Override
    public Completion completion(Node.Approval node, NodeRun run, List<TaskRow> open) {
        return open.isEmpty() && run.queue.isEmpty() ? Completion.PASSED : Completion.WAITING;
    }
}
