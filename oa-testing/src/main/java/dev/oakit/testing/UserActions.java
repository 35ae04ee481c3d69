package dev.oakit.testing;

import dev.oakit.core.Actor;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.Task;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.Map;

/**
 * A user of the test's tenant acting on the public {@code Approvals} service; an action on an instance
 * finds the user's open task of it and fails, naming the open tasks the engine holds, when there is none.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface UserActions {
    /** @return the actor these helpers act as */
    Actor actor();

    /** Starts the latest version of process {@code processKey} with {@code form}. */
    ProcessInstance start(String processKey, Map<String, Object> form);

    /** @return the user's open task of the instance */
    Task openTask(long instanceId);

    /**
     * Waits until the user holds an open task of the instance, for a task that comes after work done apart from the
     * test's thread (a connector's answer, a job on real time, another node), then returns these helpers to act on it:
     * {@code kit.as("pat").awaitOpenTask(id, Duration.ofSeconds(30)).approve(id, "goods arrived")}.
     *
     * @throws AssertionError naming the open tasks the engine holds when none is the user's after {@code within}
     */
    UserActions awaitOpenTask(long instanceId, Duration within);

    /** Approves the user's open task of the instance with {@code comment} (may be null). */
    UserActions approve(long instanceId, String comment);

    /** Rejects the user's open task of the instance with {@code comment} (may be null). */
    UserActions reject(long instanceId, String comment);
}
