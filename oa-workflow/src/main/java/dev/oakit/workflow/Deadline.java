package dev.oakit.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

import java.util.List;

/**
 * A deadline in working time (办理时限) for the tasks of approval nodes, counted on a named
 * business calendar from the moment a task opens, with an optional ladder of timeout actions.
 * Set on a {@link ProcessDefinition} it applies to every approval node; set on a node it
 * overrides the definition's value field by field (a node that gives only {@code normal} keeps
 * the definition's calendar and timeouts).
 *
 * <p>Working time is written as an ISO-8601 duration: {@code P1D} is one working day
 * ({@link dev.oakit.core.calendar.BusinessCalendar#addWorkingDays}), {@code PT4H} four working
 * hours ({@link dev.oakit.core.calendar.BusinessCalendar#add}). See docs/deadlines-and-proxies.md.
 *
 * @param calendar name of a business calendar served by {@link dev.oakit.core.calendar.BusinessCalendars}; null inherits (default {@code 24x7})
 * @param normal working time for instances of priority {@code normal}; null inherits (no deadline when nothing sets it)
 * @param urgent working time for instances of priority {@code urgent}; null inherits, then {@code normal}
 * @param timeouts the timeout ladder; null inherits, empty for none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deadline(String calendar, String normal, String urgent, List<Timeout> timeouts) {
    /** Copies the list. */
    public Deadline {
        timeouts = timeouts == null ? null : List.copyOf(timeouts);
    }

    /** @return a deadline of {@code normal} working time on the default calendar, without timeouts */
    public static Deadline of(String normal) {
        return new Deadline(null, normal, null, null);
    }

    /** @return a copy on the named calendar */
    public Deadline calendar(String name) {
        return new Deadline(name, normal, urgent, timeouts);
    }

    /** @return a copy with the working time for urgent instances */
    public Deadline urgent(String workingTime) {
        return new Deadline(calendar, normal, workingTime, timeouts);
    }

    /** @return a copy with the timeout ladder */
    public Deadline timeouts(Timeout... ladder) {
        return new Deadline(calendar, normal, urgent, List.of(ladder));
    }

    /**
     * This deadline completed with the fields it leaves open from {@code outer}.
     *
     * @param outer the definition's deadline; may be null
     * @return the merged deadline, never null
     */
    public Deadline orElse(Deadline outer) {
        if (outer == null) {
            return this;
        }
        return new Deadline(calendar != null ? calendar : outer.calendar, normal != null ? normal : outer.normal,
                urgent != null ? urgent : outer.urgent, timeouts != null ? timeouts : outer.timeouts);
    }
}
