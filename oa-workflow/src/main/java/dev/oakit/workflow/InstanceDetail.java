package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.util.List;

/**
 * An instance with its tasks and its timeline, as one actor may see it.
 *
 * @param instance the instance (form filtered by the actor's field access)
 * @param tasks every task, oldest first
 * @param timeline every action, oldest first
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InstanceDetail(ProcessInstance instance, List<Task> tasks, List<HistoryEntry> timeline) {
}
