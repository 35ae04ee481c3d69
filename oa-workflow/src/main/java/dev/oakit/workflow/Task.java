package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.Objects;

/**
 * A task (审批任务) of one approver at one node.
 *
 * @param id task id
 * @param instanceId instance
 * @param nodeId node
 * @param nodeName node display name
 * @param assigneeId who must act now
 * @param ownerId for a delegated task (委派), the owner it returns to; else null
 * @param status where it stands
 * @param outcome what happened (APPROVED, REJECTED, RETURNED, TRANSFERRED, DELEGATED, RESOLVED, AUTO_APPROVED, ...), or null while open
 * @param processKey process key
 * @param title instance title
 * @param initiatorId instance initiator
 * @param createdAt when it was created
 * @param completedAt when it was done or cancelled, or null
 * @param dueAt the task's deadline in working time, or null without one (since 0.2)
 * @param dueState where an open task stands against its deadline at query time; {@link DueState#NONE} when closed (since 0.2)
 * @param onBehalfOf the approver a proxy (委托) holds this task for, or null (since 0.2)
 * @param kind what the task asks: an approval, an added signer's approval (加签), or the initiator's refill of a
 *     rejected form (驳回重填); never null (since 0.3)
 * @param comment the comment (审批意见) on the task, or null without one: for an open {@link TaskKind#REFILL} task the
 *     rejecting approver's comment, which says what to change; for a done task the comment its actor gave (a refill
 *     task's then is the one given on resubmitting or abandoning) (since 0.3)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Task(long id, long instanceId, String nodeId, String nodeName, String assigneeId, String ownerId,
                   TaskStatus status, String outcome, String processKey, String title, String initiatorId,
                   Instant createdAt, Instant completedAt, Instant dueAt, DueState dueState, String onBehalfOf,
                   TaskKind kind, String comment) {

    /**
     * @throws NullPointerException when {@code kind} is null
     */
    public Task {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The constructor of 0.2, kept for hosts that build tasks (in their tests, say): an {@link TaskKind#APPROVAL} task
     * without a comment.
     *
     * @since 0.1
     */
    public Task(long id, long instanceId, String nodeId, String nodeName, String assigneeId, String ownerId,
                TaskStatus status, String outcome, String processKey, String title, String initiatorId,
                Instant createdAt, Instant completedAt, Instant dueAt, DueState dueState, String onBehalfOf) {
        this(id, instanceId, nodeId, nodeName, assigneeId, ownerId, status, outcome, processKey, title, initiatorId,
                createdAt, completedAt, dueAt, dueState, onBehalfOf, TaskKind.APPROVAL, null);
    }
}
