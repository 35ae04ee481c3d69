package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a ticket's history (timeline).
 *
 * @param id entry id, increasing in time
 * @param kind what happened
 * @param actorId who did it ({@code system} for timers)
 * @param action the lifecycle action or command, e.g. {@code resolve}
 * @param fromState the state before, for state changes; else null
 * @param toState the state after, for state changes; else null
 * @param body reply or note text, comment or reason; may be null
 * @param internal true for internal notes and agent-only entries (never shown to requesters)
 * @param detail more facts (changed fields, link kind, minutes, score, attachments)
 * @param at when
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketEvent(long id, TicketEventKind kind, String actorId, String action, String fromState, String toState,
                          String body, boolean internal, Map<String, Object> detail, Instant at) {
}
