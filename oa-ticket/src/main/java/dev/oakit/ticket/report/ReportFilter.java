package dev.oakit.ticket.report;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What a report covers: a range of local days (both ends included) in the desk's zone (the zone
 * of the calendar {@code ticket.calendar}) and optional filters. Immutable; {@code withX} returns
 * a copy.
 *
 * @param from first day, never null
 * @param to last day, never null, not before {@code from}, at most 3,660 days after it
 * @param queue only tickets of this queue (their current queue), or null for all the reader may see
 * @param type only tickets of this type, or null
 * @param category only tickets of this category or any category below it, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReportFilter(LocalDate from, LocalDate to, String queue, String type, String category) {
    /** Checks the range. */
    public ReportFilter {
        if (from == null || to == null) {
            throw ValidationException.of(from == null ? "from" : "to", "a report needs both ends of its date range");
        }
        if (to.isBefore(from)) {
            throw ValidationException.of("to", "the range ends (" + to + ") before it starts (" + from + "); swap them");
        }
        if (ChronoUnit.DAYS.between(from, to) > 3660) {
            throw ValidationException.of("to", "a report covers at most ten years (3,660 days); narrow the range " + from + " .. " + to);
        }
    }

    /** @return every ticket from {@code from} to {@code to}, both days included */
    public static ReportFilter between(LocalDate from, LocalDate to) {
        return new ReportFilter(from, to, null, null, null);
    }

    /** @return a copy limited to one queue */
    public ReportFilter withQueue(String v) {
        return new ReportFilter(from, to, v, type, category);
    }

    /** @return a copy limited to one ticket type */
    public ReportFilter withType(String v) {
        return new ReportFilter(from, to, queue, v, category);
    }

    /** @return a copy limited to a category and its subtree */
    public ReportFilter withCategory(String v) {
        return new ReportFilter(from, to, queue, type, v);
    }
}
