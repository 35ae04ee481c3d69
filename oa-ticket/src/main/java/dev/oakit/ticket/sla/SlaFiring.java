package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

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
     * @return what fires in words, for people (the ticket's history, notifications), never in codes: e.g.
     *     {@code SLA escalation: the priority is raised one level, as the resolution reached its due time} or
     *     {@code SLA escalation: the assignee and the queue's dispatchers are told, as the first response is due in
     *     30 min of working time}
     * @since 0.1
     */
    public String explain() {
        String clock = target.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return switch (kind) {
            case WARNING -> "SLA warning: the " + clock + " is close to its due time";
            case BREACH -> "SLA breached: the " + clock + " is past its due time";
            case ESCALATION -> "SLA escalation: " + switch (step.action()) {
                case NOTIFY -> "the assignee and the queue's dispatchers are told";
                case RAISE_PRIORITY -> "the priority is raised one level";
                case REASSIGN_QUEUE -> "the ticket moves to queue '" + step.queue() + "'";
            } + ", as the " + clock + when(step.offset());
        };
    }

    private static String when(Duration offset) {
        if (offset.isZero()) {
            return " reached its due time";
        }
        return offset.isNegative() ? " is due in " + SlaText.workingTime(offset.negated())
                : " has been past its due time for " + SlaText.workingTime(offset);
    }

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
