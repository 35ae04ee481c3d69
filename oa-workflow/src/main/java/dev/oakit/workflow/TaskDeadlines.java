package dev.oakit.workflow;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * Moves deadlines: one task's (an administrator extends or shortens it), or every open task's of
 * an instance whose priority changes. The timeout ladder follows: its waiting jobs are cancelled
 * and scheduled again relative to the new deadline (rungs whose time has passed run at once).
 * Audited commands. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TaskDeadlines {
    /**
     * Sets an open task's deadline.
     *
     * @throws dev.oakit.core.ForbiddenException when the actor is not an administrator
     * @throws dev.oakit.core.ConflictException when the task is not open
     */
    void moveDeadline(Actor admin, long taskId, Instant dueAt, String reason);

    /**
     * Changes an instance's priority ({@code normal} or {@code urgent}); the open tasks' deadlines
     * are counted again from their opening with the node's deadline for that priority.
     *
     * @throws dev.oakit.core.ForbiddenException unless the actor is the initiator or an administrator
     * @throws dev.oakit.core.ValidationException for another priority
     */
    void changePriority(Actor actor, long instanceId, String priority, String reason);
}
