package dev.oakit.workflow;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * What people see: todo (待办), done (已办), started by me (我发起的), instance detail. Tenant-scoped
 * and authorised: a user sees instances they took part in, were cc'd on, or administer. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ApprovalQueries {
    /** @return the actor's open tasks (one indexed query) */
    List<Task> todo(Actor actor, TodoQuery query);

    /** @return number of the actor's open tasks */
    long todoCount(Actor actor);

    /** @return tasks the actor acted on, newest first */
    List<Task> done(Actor actor, TodoQuery query);

    /** @return instances the actor started, newest first */
    List<ProcessInstance> startedBy(Actor actor, TodoQuery query);

    /** @return an instance with its tasks and timeline; NotFoundException when the actor may not see it */
    InstanceDetail detail(Actor actor, long instanceId);
}
