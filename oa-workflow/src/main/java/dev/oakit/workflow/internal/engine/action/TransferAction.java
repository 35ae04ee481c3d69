package dev.oakit.workflow.internal.engine.action;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Transfer (转办): the task moves to someone who passes the one check, who then decides. */
@Singleton
public final class TransferAction implements TaskAction<ApprovalCommand.Transfer> {
    private final Seating seating;
    private final Tasks tasks;

    @Inject
    private TransferAction(Seating seating, Tasks tasks) {
        this.seating = seating;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.Transfer c) {
        Guards.requireAssignee(r, t);
        Guards.requireNotDelegated(t, "transfer it");
        String to = c.toUserId();
        seating.requireAll(r, t, List.of(to), AssigneeCheck.Path.TRANSFER, true, "transfer of task " + t.id(), i -> "toUserId");
        tasks.change(r, t, to, t.ownerId(), t.status());
        r.history("transferred", t.id(), t.nodeId(), c.decision().comment(), "to " + to);
        r.summary("transferred task " + t.id() + " to " + to);
        r.publishTask("wf.task.assigned", t.id(), Map.of("instanceId", r.row.id(), "assigneeId", to, "nodeId", t.nodeId(),
                "title", r.row.title()));
    }
}
