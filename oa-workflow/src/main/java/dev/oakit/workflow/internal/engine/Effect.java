package dev.oakit.workflow.internal.engine;

import dev.oakit.core.job.JobRequest;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a decision changes, beyond the instance's own status, form and state (which the writer
 * saves with the instance row): the effects a decider lists, in order, and the writer applies in
 * batched statements. Task ids may be those of tasks opened by the same decision ({@link
 * TaskDraft#pendingId}, negative); the writer replaces them with the ids the insert returned.
 * New tasks themselves are {@link TaskDraft}s of the {@link InstanceChange}, inserted in one batch.
 */
public sealed interface Effect {
    /** A history entry of the instance (its timeline). */
    record History(String action, Long taskId, String nodeId, String actorId, String comment, String detail) implements Effect {
    }

    /**
     * A task closes.
     *
     * @param cancelJobs whether its node has timeout or due-date jobs to withdraw
     */
    record CloseTask(long taskId, TaskStatus status, String outcome, String actedBy, String comment, long workMillis,
                     boolean cancelJobs) implements Effect {
    }

    /** A task's assignee, delegating owner, status or proxied approver changes. */
    record ChangeTask(long taskId, String assigneeId, String ownerId, TaskStatus status, String proxyFor) implements Effect {
    }

    /** A task's deadline moves (its ladder is scheduled again from it; none when {@code dueAt} is null). */
    record MoveDeadline(long taskId, Instant dueAt, Deadline deadline, Instant opened) implements Effect {
    }

    /** A pooled task is offered to its candidates. */
    record Offer(long taskId, List<String> candidates) implements Effect {
    }

    /** A cc node copies the instance to its recipients. */
    record CcTo(String nodeId, List<String> userIds) implements Effect {
    }

    /** The open tasks were urged once more (counted per task for the statistics). */
    record Urged(List<Long> taskIds) implements Effect {
    }

    /** A domain event; the aggregate id is a task id (maybe pending) for {@code "task"}, else the instance id. */
    record Publish(String type, String aggregateType, long aggregateId, Map<String, Object> payload) implements Effect {
    }

    /** A durable job (a service node's handler). */
    record Schedule(JobRequest request) implements Effect {
    }

    /** The instance's service jobs that have not started are withdrawn ({@code nodeId} null: all of them). */
    record CancelServiceJobs(String nodeId) implements Effect {
    }

    /** A notification, sent in the command's transaction in the name of {@code sender}. */
    record Notify(dev.oakit.core.Actor sender, NotificationRequest request) implements Effect {
    }

    /** The command acts on behalf of another user (a proxy, or the owner of a delegated task), for the audit log. */
    record OnBehalfOf(String userId) implements Effect {
    }

    /** The audit summary of the command. */
    record Summary(String text) implements Effect {
    }

    /**
     * A sub-process instance starts for the parent's initiator; the writer records
     * {@code subprocess-started} with its id at this point of the parent's timeline.
     *
     * @param calls the process keys of the instances above the new one, outermost first
     */
    record StartChild(String nodeId, StartRequest request, String initiatorId, List<String> calls) implements Effect {
    }

    /** After this instance is written: the parent's sub-process node learns the outcome. */
    record ContinueParent(long parentId, String parentNode, InstanceStatus outcome) implements Effect {
    }

    /** After this instance is written: its sub-process instances still running are cancelled ({@code except} one that is ending). */
    record CancelChildren(Long except) implements Effect {
    }

    /** The instance moves to another version of its process (instance migration). */
    record MoveToVersion(long definitionId, int version) implements Effect {
    }

    /** The tasks of one run of a node move to a node of another version (instance migration): node id and name change. */
    record RenameTasks(String fromNode, int round, String toNode, String toName) implements Effect {
    }
}
