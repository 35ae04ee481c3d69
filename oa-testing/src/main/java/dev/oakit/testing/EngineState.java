package dev.oakit.testing;

import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import org.apiguardian.api.API;

import java.util.List;

/**
 * What the engine holds about an approval instance, as failure messages show it: status, active nodes and
 * open tasks with their assignees ({@code node → user (task id)}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EngineState(long instanceId, String processKey, String status, List<String> activeNodes, List<String> openTasks) {
    /** Reads the instance's detail as the kit's administrator. */
    public static EngineState of(OaTestKit kit, long instanceId) {
        return of(kit.service(ApprovalQueries.class).detail(kit.admin(), instanceId));
    }

    /** The state of an instance's detail as read. */
    public static EngineState of(InstanceDetail d) {
        List<String> open = d.tasks().stream().filter(t -> t.status() == TaskStatus.OPEN).map(EngineState::describe).toList();
        return new EngineState(d.instance().id(), d.instance().processKey(), d.instance().status().name(), d.instance().activeNodes(), open);
    }

    private static String describe(Task t) {
        return t.nodeId() + " → " + t.assigneeId() + " (task " + t.id() + ")";
    }

    @Override
    public String toString() {
        return "instance " + instanceId + " of '" + processKey + "': status " + status + ", active nodes " + activeNodes
                + ", open tasks " + (openTasks.isEmpty() ? "none" : openTasks);
    }
}
