package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * Where a task stands.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum TaskStatus {
    /** In the assignee's todo list. */
    OPEN,
    /** Waiting for someone else first (a signer added before, or a delegate working on it). */
    WAITING,
    /** Acted on. */
    DONE,
    /** Closed without an action of its assignee (another approver decided, the instance moved or ended). */
    CANCELLED
}
