package dev.oakit.workflow.internal.engine.mode;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.InstanceState.NodeRun;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.util.List;

/**
 * ANY (或签): every approver has a task at once; the first approval passes the node and closes the
 * other tasks ({@code CLOSED_BY_ANY}). An automatic approval as the node is entered passes it
 * before anyone gets a task.
 */
public final class AnyMode implements NodeMode {
    static final AnyMode INSTANCE = new AnyMode();
    private static final Completion FIRST_APPROVAL = new Completion(true, false, "CLOSED_BY_ANY", null, null);

    private AnyMode() {
    }

    @Override
    public void open(NodeTasks tasks, NodeRun run, List<String> manual, int firstSeq) {
        if (!run.anyApproved) {
            tasks.openAll(manual, firstSeq);
        }
    }

    @Override
    public void counted(NodeRun run) {
        run.approvals++;
        run.anyApproved = true;
    }

    @Override
    public Completion completion(Node.Approval node, NodeRun run, List<TaskRow> open) {
        return run.anyApproved ? FIRST_APPROVAL : Completion.WAITING;
    }
}
