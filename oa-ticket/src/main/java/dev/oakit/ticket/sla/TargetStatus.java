package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

import java.time.Duration;
import java.time.Instant;

/**
 * One SLA clock of a ticket at the evaluation instant. Working times are measured on the
 * policy's business calendar. Immutable and thread-safe.
 *
 * @param target which clock
 * @param state where it stands
 * @param startedAt when the current clock started (creation, the requester's reply, or a restart on reopen); null if never started
 * @param workingTime the target's working time from the policy for the current priority; null if the policy has none
 * @param dueAt when the target is due; null when {@link TargetState#NOT_APPLICABLE} without a due
 * @param manualDue whether {@code dueAt} was set by hand (pauses do not move it)
 * @param warningAt when the warning fires (the policy's warning share of the target); null without warning
 * @param elapsed working time counted so far, pauses excluded; zero if not started
 * @param paused working time spent paused (and, with {@link ReopenRule#RESUME}, between resolution and reopen)
 * @param remaining working time left before the due, negative when over; null without a due
 * @param breached whether the due passed before the target was met (stays true once set, also after a late meet)
 * @param metAt when the target was met; null if not met
 * @param explanation why the due is what it is, in words; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TargetStatus(SlaTarget target, TargetState state, Instant startedAt, Duration workingTime, Instant dueAt,
                           boolean manualDue, Instant warningAt, Duration elapsed, Duration paused, Duration remaining,
                           boolean breached, Instant metAt, String explanation) {

    /** @return the explanation, e.g. {@code due 15:00 because created 2026-03-02 10:00 + 4 working hours, 12:00–13:00 excluded, paused 40 min; running, 1 h left} */
    public String explain() {
        return explanation;
    }
}
