package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;

/**
 * Open tickets (new, assigned, in progress, waiting) by age in calendar time at {@code asOf}:
 * under 1 day, 1 to 3 days, 3 to 7 days, over 7 days (a ticket exactly 1 day old is in the second
 * bucket). Per queue (by key) and a last row for all (queue null). The filter's queue, type and
 * category apply; its date range does not (the backlog is a snapshot).
 *
 * @param filter the filter
 * @param asOf the moment the ages are measured at (OAKit's clock)
 * @param rows one row per queue with open tickets, then the total
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BacklogReport(ReportFilter filter, Instant asOf, List<Row> rows) implements ReportTable {
    /** Copies the rows. */
    public BacklogReport {
        rows = List.copyOf(rows);
    }

    /**
     * One queue, or all of them.
     *
     * @param queue the queue key, or null for the total
     * @param underOneDay open for less than 24 hours
     * @param oneToThreeDays 24 hours up to (not including) 72 hours
     * @param threeToSevenDays 72 hours up to (not including) 7 days
     * @param overSevenDays 7 days or more
     */
    public record Row(String queue, long underOneDay, long oneToThreeDays, long threeToSevenDays, long overSevenDays) {
        /** @return all open tickets of the row */
        public long total() {
            return underOneDay + oneToThreeDays + threeToSevenDays + overSevenDays;
        }
    }

    /** @return the total row */
    public Row total() {
        return rows.get(rows.size() - 1);
    }

    @Override
    public List<String> header() {
        return List.of("queue", "under_1d", "1d_to_3d", "3d_to_7d", "over_7d", "total");
    }

    @Override
    public List<List<String>> cells() {
        return rows.stream().map(r -> List.of(r.queue() == null ? "*" : r.queue(), Cells.of(r.underOneDay()), Cells.of(r.oneToThreeDays()),
                Cells.of(r.threeToSevenDays()), Cells.of(r.overSevenDays()), Cells.of(r.total()))).toList();
    }
}
