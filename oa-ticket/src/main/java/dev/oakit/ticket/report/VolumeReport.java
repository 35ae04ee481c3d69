package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.time.LocalDate;
import java.util.List;

/**
 * Tickets created and resolved per day or per ISO week (Monday to Sunday), every period of the
 * range listed (zeros included), oldest first. A week row counts only days inside the range.
 *
 * @param filter what the report covers
 * @param period days or weeks
 * @param rows one row per period
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VolumeReport(ReportFilter filter, Period period, List<Row> rows) implements ReportTable {
    /** Copies the rows. */
    public VolumeReport {
        rows = List.copyOf(rows);
    }

    /** The length of a row's period. */
    public enum Period {
        /** One local day. */
        DAY,
        /** One ISO week, Monday to Sunday. */
        WEEK
    }

    /**
     * One period.
     *
     * @param start its first day (a Monday for weeks)
     * @param label {@code 2026-11-23} for a day, {@code 2026-W48} (ISO week-based year and week) for a week
     * @param created tickets created in the period
     * @param resolved tickets whose current resolution falls in the period (a reopened ticket counts when it is resolved again)
     */
    public record Row(LocalDate start, String label, long created, long resolved) {
    }

    @Override
    public List<String> header() {
        return List.of(period == Period.DAY ? "day" : "week", "start", "created", "resolved");
    }

    @Override
    public List<List<String>> cells() {
        return rows.stream().map(r -> List.of(r.label(), r.start().toString(), Cells.of(r.created()), Cells.of(r.resolved()))).toList();
    }
}
