package dev.oakit.ticket.sla;

import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.ticket.TicketErrors;
import org.apiguardian.api.API;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SLA clock: a pure function of business calendars, SLA policies, a ticket's history of
 * {@link SlaEvent}s and an evaluation instant. It touches no database and no system clock, so
 * the same history always gives the same answer: the ticket service can replay it after every
 * change, a report can recompute it, and {@link TargetStatus#explain()} says why.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>First response and resolution start at creation; first response is met by the first
 *       public agent reply, resolution by {@link SlaEvent.Resolved} (which also meets running
 *       response clocks).</li>
 *   <li>A first-response target longer than the resolution target is capped at it: a response is
 *       never due after the resolution.</li>
 *   <li>Next response starts at a requester reply that follows a public agent reply and is met by
 *       the next public agent reply; each such requester reply starts a new cycle.</li>
 *   <li>While the ticket is in one of the policy's pausing states every running clock stands
 *       still; the due moves later by exactly the paused working time. A manual due
 *       ({@link SlaEvent.DueOverridden}) never moves.</li>
 *   <li>A priority or policy change gives unmet clocks the new working time, counted from their
 *       original start; pause time already counted is kept.</li>
 *   <li>Reopening follows the policy's {@link ReopenRule}; closing stops every clock.</li>
 *   <li>A clock is breached when the evaluation instant (or the instant it was met or stopped)
 *       is after its due; once breached it stays breached for that cycle, even if a later pause
 *       or priority change would move the due.</li>
 * </ul>
 * Events after the evaluation instant are ignored, so the status is monotonic in time.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SlaClock {
    /** Error code of an invalid clock configuration or history. */
    public static final String INVALID = TicketErrors.SLA_INVALID;

    private final BusinessCalendars calendars;
    private final Map<String, SlaPolicy> policies;

    private SlaClock(BusinessCalendars calendars, Map<String, SlaPolicy> policies) {
        this.calendars = calendars;
        this.policies = policies;
    }

    /**
     * @param calendars the calendars the policies name; not null
     * @param policies the policies events may name; not null, unique names
     * @return a clock
     * @throws ValidationException (code {@value #INVALID}) if a policy is null, named twice, or names an unknown calendar
     */
    public static SlaClock of(BusinessCalendars calendars, Collection<SlaPolicy> policies) {
        Objects.requireNonNull(calendars, "calendars");
        Objects.requireNonNull(policies, "policies");
        List<Problem> problems = new ArrayList<>();
        Map<String, SlaPolicy> byName = new LinkedHashMap<>();
        int i = 0;
        for (SlaPolicy p : policies) {
            String path = "policies[" + i++ + "]";
            if (p == null) {
                problems.add(new Problem(path, "must not be null"));
            } else if (byName.putIfAbsent(p.name(), p) != null) {
                problems.add(new Problem(path + ".name", "'" + p.name() + "' is used by two policies; give each a unique name"));
            } else if (calendars.find(p.calendar()).isEmpty()) {
                problems.add(new Problem(path + ".calendar", "'" + p.calendar() + "' is no known calendar; define it or use one of "
                        + calendars.names()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(INVALID, "SLA clock configuration", problems);
        }
        return new SlaClock(calendars, Map.copyOf(byName));
    }

    /**
     * A clock with one calendar; every policy must name it.
     *
     * @see #of(BusinessCalendars, Collection)
     */
    public static SlaClock of(BusinessCalendar calendar, SlaPolicy... policies) {
        return of(BusinessCalendars.of(calendar), List.of(policies));
    }

    /**
     * @param history the ticket's SLA events, oldest first, starting with {@link SlaEvent.Created}; not null
     * @param now the evaluation instant; events after it are ignored; not null
     * @return every clock's status at {@code now}
     * @throws ValidationException (code {@value #INVALID}) if the history is out of order, does not start with
     *         {@code Created}, or names an unknown policy; every problem at once, with paths such as {@code history[3].at}
     */
    public SlaStatus status(List<? extends SlaEvent> history, Instant now) {
        return replay(history, now).status();
    }

    /**
     * The instants at which the ticket service should warn, mark a breach or escalate, for every
     * clock that is running (or breached and not met) at {@code now}. Clocks that are paused
     * have no firings unless their due was set by hand; met, stopped and not-applicable clocks have none.
     * Firings may lie before {@code now} (they are due and should run); they are sorted by instant.
     *
     * @param history as for {@link #status}
     * @param now as for {@link #status}
     * @return the firings, sorted by instant then key; never null
     * @throws ValidationException as for {@link #status}
     */
    public List<SlaFiring> firings(List<? extends SlaEvent> history, Instant now) {
        return replay(history, now).firings();
    }

    private SlaReplay replay(List<? extends SlaEvent> history, Instant now) {
        Objects.requireNonNull(now, "now");
        validate(history);
        SlaReplay replay = new SlaReplay(calendars, policies, now);
        for (SlaEvent e : history) {
            if (e.at().isAfter(now)) {
                break;
            }
            replay.apply(e);
        }
        replay.checkBreaches(now);
        return replay;
    }

    private void validate(List<? extends SlaEvent> history) {
        Objects.requireNonNull(history, "history");
        List<Problem> problems = new ArrayList<>();
        Instant previous = null;
        for (int i = 0; i < history.size(); i++) {
            SlaEvent e = history.get(i);
            String path = "history[" + i + "]";
            if (e == null) {
                problems.add(new Problem(path, "must not be null"));
                continue;
            }
            if (e.at() == null) {
                problems.add(new Problem(path + ".at", "is required"));
            } else {
                if (previous != null && e.at().isBefore(previous)) {
                    problems.add(new Problem(path + ".at", e.at() + " is before the previous event (" + previous
                            + "); pass the history oldest first"));
                }
                previous = e.at();
            }
            if ((i == 0) != (e instanceof SlaEvent.Created)) {
                problems.add(new Problem(path, i == 0 ? "the history must start with a 'created' event"
                        : "a ticket is created once; only history[0] may be 'created'"));
            }
            if (e instanceof SlaEvent.Created c) {
                requireText(problems, path + ".priority", c.priority());
                knownPolicy(problems, path + ".policy", c.policy());
            } else if (e instanceof SlaEvent.PriorityChanged c) {
                requireText(problems, path + ".priority", c.priority());
            } else if (e instanceof SlaEvent.PolicyChanged c) {
                knownPolicy(problems, path + ".policy", c.policy());
            } else if (e instanceof SlaEvent.StateChanged c) {
                requireText(problems, path + ".state", c.state());
            } else if (e instanceof SlaEvent.DueOverridden c && c.target() == null) {
                problems.add(new Problem(path + ".target", "is required: FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(INVALID, "SLA history", problems);
        }
    }

    private static void requireText(List<Problem> problems, String path, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(path, "is required"));
        }
    }

    private void knownPolicy(List<Problem> problems, String path, String name) {
        if (name != null && !policies.containsKey(name)) {
            problems.add(new Problem(path, "'" + name + "' is no known SLA policy; use one of " + policies.keySet().stream().sorted().toList()
                    + " or null for no SLA"));
        }
    }
}
