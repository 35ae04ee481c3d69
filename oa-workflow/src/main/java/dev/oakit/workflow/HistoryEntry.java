package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One step of an instance's timeline: each action, who, on behalf of whom, when, and the comment.
 *
 * @param at when
 * @param action what (started, approved, rejected, returned, withdrawn, transferred, delegated, signer-added, auto-approved, cc, ended, ...)
 * @param actorId who acted ({@code system} for automatic steps)
 * @param onBehalfOf whom the actor acted for, or null
 * @param nodeId node, or null
 * @param taskId task, or null
 * @param comment comment, or null
 * @param detail more detail (the reason of an automatic step, the new assignee), or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HistoryEntry(Instant at, String action, String actorId, String onBehalfOf, String nodeId, Long taskId,
                           String comment, String detail) {
}
