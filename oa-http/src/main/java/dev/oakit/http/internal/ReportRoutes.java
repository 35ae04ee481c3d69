package dev.oakit.http.internal;

import dev.oakit.core.ValidationException;
import dev.oakit.ticket.report.BacklogReport;
import dev.oakit.ticket.report.CategoryReport;
import dev.oakit.ticket.report.RatingReport;
import dev.oakit.ticket.report.ReportCsv;
import dev.oakit.ticket.report.ReportFilter;
import dev.oakit.ticket.report.ReportTable;
import dev.oakit.ticket.report.ResponseTimeReport;
import dev.oakit.ticket.report.SlaReport;
import dev.oakit.ticket.report.TicketReports;
import dev.oakit.ticket.report.VolumeReport;
import dev.oakit.ticket.report.WorkloadReport;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The ticket reports as JSON, or as CSV with {@code format=csv} (Excel-friendly with {@code format=excel}). */
public final class ReportRoutes {
    private static final Map<String, String> FILTER = Map.of("from", "first day, yyyy-MM-dd (required)", "to", "last day (required)",
            "queue", "only this queue", "type", "only this ticket type", "category", "only this category",
            "format", "json (default), csv, or excel (CSV with a byte order mark)");

    private final TicketReports reports;

    public ReportRoutes(TicketReports reports) {
        this.reports = reports;
    }

    /** @return one route per report */
    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        add(r, "workload", "Open and resolved tickets per agent", WorkloadReport.class, (c, f) -> reports.workload(c.actor(), f));
        add(r, "categories", "Tickets per category", CategoryReport.class, (c, f) -> reports.byCategory(c.actor(), f));
        add(r, "volume", "Created versus resolved per day or week (period=DAY|WEEK)", VolumeReport.class, (c, f) -> reports.createdVsResolved(
                c.actor(), f, java.util.Optional.ofNullable(c.queryEnum("period", VolumeReport.Period.class)).orElse(VolumeReport.Period.DAY)));
        add(r, "sla", "SLA compliance", SlaReport.class, (c, f) -> reports.slaCompliance(c.actor(), f));
        add(r, "response-times", "First response and resolution times", ResponseTimeReport.class, (c, f) -> reports.responseTimes(c.actor(), f));
        add(r, "ratings", "Ratings of the service", RatingReport.class, (c, f) -> reports.ratings(c.actor(), f));
        add(r, "backlog", "Open tickets by age", BacklogReport.class, (c, f) -> reports.backlog(c.actor(), f));
        return r;
    }

    private static void add(List<Route> r, String name, String summary, Class<? extends ReportTable> type,
                            BiFunction<Call, ReportFilter, ReportTable> report) {
        Map<String, String> query = new java.util.HashMap<>(FILTER);
        if (name.equals("volume")) {
            query.put("period", "DAY (default) or WEEK");
        }
        r.add(new Route("GET", "/tickets/reports/" + name, "report" + Character.toUpperCase(name.charAt(0)) + name.substring(1).replace("-t", "T"),
                "reports", summary + "; JSON, or CSV with format=csv", null, type, 200, query, c -> {
                    ReportFilter f = new ReportFilter(date(c, "from"), date(c, "to"), c.query("queue"), c.query("type"), c.query("category"));
                    ReportTable table = report.apply(c, f);
                    String format = c.query("format") == null ? "json" : c.query("format");
                    return switch (format) {
                        case "json" -> table;
                        case "csv", "excel" -> new Reply(200, new Reply.Raw("text/csv; charset=utf-8", ReportCsv.toCsv(table,
                                format.equals("excel") ? ReportCsv.Options.excel() : ReportCsv.Options.standard()).getBytes(StandardCharsets.UTF_8)),
                                Map.of("Content-Disposition", "attachment; filename=\"" + name + "-" + f.from() + "-" + f.to() + ".csv\""));
                        default -> throw ValidationException.of("format", "must be json, csv or excel, was '" + format + "'");
                    };
                }));
    }

    private static LocalDate date(Call c, String name) {
        String v = c.query(name);
        if (v == null) {
            throw ValidationException.of(name, "is required: a day as yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ValidationException.of(name, "must be a day as yyyy-MM-dd, was '" + v + "'");
        }
    }
}
