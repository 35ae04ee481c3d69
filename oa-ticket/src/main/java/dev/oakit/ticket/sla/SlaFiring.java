package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * An instant at which the ticket service should act on an SLA clock: warn, mark the breach, or
 * run an escalation step. The service schedules a durable job per firing and, after each new
 * ticket event, asks {@link SlaClock#firings} again: a firing keeps its {@link #key()} while its
 * instant moves (pauses, priority changes), so the job can be rescheduled instead of duplicated.
 *
 * @param key stable id of this firing for the current clock cycle, e.g. {@code RESOLUTION/ESCALATION/1/2026-03-02T02:00:00Z}
 * @param target the clock
 * @param kind what fires
 * @param at when it fires; may be before the evaluation instant (then it is overdue and should run now)
 * @param step the escalation step for {@link Kind#ESCALATION}; null otherwise
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SlaFiring(String key, SlaTarget target, Kind kind, Instant at, EscalationStep step) {

    /**
     * What fires.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Kind {
        /** The policy's warning share of the target is used up. */
        WARNING,
        /** The due passes: the target is breached if not met. */
        BREACH,
        /** An escalation step of the policy's ladder. */
        ESCALATION
    }
}
