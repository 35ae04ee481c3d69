package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.List;

/**
 * First response and resolution times in working time, on the business calendar of the ticket's
 * queue, measured from creation: per queue (by key) and a last row for all of them (queue null).
 * The median of an even count is the mean of the two middle values; p90 is the nearest-rank 90th
 * percentile. Durations are null where there is nothing to measure.
 *
 * @param filter what the report covers
 * @param rows one row per queue, then the total
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ResponseTimeReport(ReportFilter filter, List<Row> rows) implements ReportTable {
    /** Copies the rows. */
    public ResponseTimeReport {
        rows = List.copyOf(rows);
    }

    /**
     * One queue, or all of them.
     *
     * @param queue the queue key, or null for the total
     * @param responded tickets whose first public agent reply was on a day of the range
     * @param medianFirstResponse median working time to that reply
     * @param p90FirstResponse 90th percentile of it
     * @param resolved tickets whose current resolution was on a day of the range
     * @param medianResolution median working time from creation to that resolution
     * @param p90Resolution 90th percentile of it
     */
    public record Row(String queue, long responded, Duration medianFirstResponse, Duration p90FirstResponse, long resolved,
                      Duration medianResolution, Duration p90Resolution) {
    }

    @Override
    public List<String> header() {
        return List.of("queue", "responded", "median_first_response_min", "p90_first_response_min", "resolved",
                "median_resolution_min", "p90_resolution_min");
    }

    @Override
    public List<List<String>> cells() {
        return rows.stream().map(r -> List.of(r.queue() == null ? "*" : r.queue(), Cells.of(r.responded()),
                Cells.minutes(r.medianFirstResponse()), Cells.minutes(r.p90FirstResponse()), Cells.of(r.resolved()),
                Cells.minutes(r.medianResolution()), Cells.minutes(r.p90Resolution()))).toList();
    }
}
