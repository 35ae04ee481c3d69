package dev.oakit.http.internal.workbench;

import dev.oakit.core.ValidationException;
import dev.oakit.http.internal.workbench.SvgChart.Kind;
import dev.oakit.http.internal.workbench.SvgChart.Series;
import dev.oakit.core.Actor;
import dev.oakit.ticket.report.BacklogReport;
import dev.oakit.ticket.report.ReportFilter;
import dev.oakit.ticket.report.ReportTable;
import dev.oakit.ticket.report.ResponseTimeReport;
import dev.oakit.ticket.report.SlaReport;
import dev.oakit.ticket.report.TicketReports;
import dev.oakit.ticket.report.VolumeReport;
import dev.oakit.ticket.report.WorkloadReport;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The reports page: workload, SLA compliance, cycle times, backlog age and created versus resolved, each drawn as an
 * {@link SvgChart} with its table for CSV download. The engine decides who reads what (administrators every queue, agents
 * their own queues, others nobody).
 */
public final class ReportDesk {
    /** The reports of the page, in the order shown; each is also a CSV download under its name. */
    public static final List<String> NAMES = List.of("workload", "sla", "response-times", "backlog", "volume");
    /** Longest range the page accepts, in days. */
    static final int MAX_DAYS = 366;

    private final TicketReports reports;

    public ReportDesk(TicketReports reports) {
        this.reports = reports;
    }

    /** One report on the page: its name (also of its CSV), a title, the chart and the table behind it. */
    public record Chart(String name, String title, String svg, ReportTable table) {
    }

    /** The page: the filter and one chart per report. */
    public record ReportsView(ReportFilter filter, List<Chart> charts) {
    }

    /**
     * @param param the page's query parameters: from, to (yyyy-MM-dd; default the 30 days up to today), queue
     * @param today the desk's today, for the default range
     * @return the filter; a bad day or a range past a year names the parameter
     */
    public static ReportFilter filter(Function<String, String> param, LocalDate today) {
        LocalDate to = day(param, "to", today);
        LocalDate from = day(param, "from", to.minusDays(29));
        if (from.isAfter(to)) {
            throw ValidationException.of("from", "must not be after to (" + to + "), was " + from);
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw ValidationException.of("from", "the range may span at most " + MAX_DAYS + " days; pick a later from or an earlier to");
        }
        ReportFilter f = ReportFilter.between(from, to);
        String queue = TicketDesk.blank(param.apply("queue"));
        return queue == null ? f : f.withQueue(queue);
    }

    private static LocalDate day(Function<String, String> param, String name, LocalDate dflt) {
        String v = TicketDesk.blank(param.apply(name));
        if (v == null) {
            return dflt;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ValidationException.of(name, "must be a day as yyyy-MM-dd, was '" + v + "'");
        }
    }

    /** @return one report's table, for its CSV download */
    public ReportTable table(Actor reader, String name, ReportFilter filter) {
        return switch (name) {
            case "workload" -> reports.workload(reader, filter);
            case "sla" -> reports.slaCompliance(reader, filter);
            case "response-times" -> reports.responseTimes(reader, filter);
            case "backlog" -> reports.backlog(reader, filter);
            case "volume" -> reports.createdVsResolved(reader, filter, VolumeReport.Period.DAY);
            default -> throw ValidationException.of("report", "must be one of " + NAMES + ", was '" + name + "'");
        };
    }

    /**
     * @param text the page's messages by key ({@code report.workload}, {@code series.open}, …)
     * @return every chart of the page for the reader
     */
    public ReportsView view(Actor reader, ReportFilter filter, Function<String, String> text) {
        WorkloadReport load = reports.workload(reader, filter);
        SlaReport sla = reports.slaCompliance(reader, filter);
        ResponseTimeReport times = reports.responseTimes(reader, filter);
        BacklogReport backlog = reports.backlog(reader, filter);
        VolumeReport volume = reports.createdVsResolved(reader, filter, VolumeReport.Period.DAY);
        String none = text.apply("report.noData");
        boolean hours = times.rows().stream().anyMatch(r -> longerThanTwoHours(r.medianFirstResponse()) || longerThanTwoHours(r.medianResolution()));
        List<Chart> charts = List.of(
                chart("workload", text, load, SvgChart.of(Kind.BAR, "chart-workload", text.apply("report.workload"),
                        load.rows().stream().map(WorkloadReport.Row::agentId).toList(),
                        List.of(new Series(text.apply("report.series.assigned"), load.rows().stream().map(WorkloadReport.Row::assigned).toList()),
                                new Series(text.apply("report.series.resolved"), load.rows().stream().map(WorkloadReport.Row::resolved).toList()),
                                new Series(text.apply("report.series.open"), load.rows().stream().map(WorkloadReport.Row::open).toList())), none)),
                chart("sla", text, sla, SvgChart.of(Kind.STACKED_BAR, "chart-sla", text.apply("report.sla"),
                        sla.rows().stream().map(r -> text.apply("report.sla." + r.target().name())).toList(),
                        List.of(new Series(text.apply("report.series.met"), sla.rows().stream().map(SlaReport.Row::met).toList()),
                                new Series(text.apply("report.series.breached"), sla.rows().stream().map(SlaReport.Row::breached).toList())), none)),
                chart("response-times", text, times, SvgChart.of(Kind.BAR, "chart-response-times",
                        text.apply("report.responseTimes") + " · " + text.apply(hours ? "report.hours" : "report.minutes"),
                        times.rows().stream().map(r -> r.queue() == null ? text.apply("report.total") : r.queue()).toList(),
                        List.of(new Series(text.apply("report.series.firstResponse"), times.rows().stream()
                                        .map(r -> in(r.medianFirstResponse(), hours)).toList()),
                                new Series(text.apply("report.series.resolution"), times.rows().stream().map(r -> in(r.medianResolution(), hours)).toList())),
                        none)),
                chart("backlog", text, backlog, SvgChart.of(Kind.STACKED_BAR, "chart-backlog", text.apply("report.backlog"),
                        backlog.rows().stream().map(r -> r.queue() == null ? text.apply("report.total") : r.queue()).toList(),
                        List.of(new Series(text.apply("report.series.under1d"), backlog.rows().stream().map(BacklogReport.Row::underOneDay).toList()),
                                new Series(text.apply("report.series.1to3d"), backlog.rows().stream().map(BacklogReport.Row::oneToThreeDays).toList()),
                                new Series(text.apply("report.series.3to7d"), backlog.rows().stream().map(BacklogReport.Row::threeToSevenDays).toList()),
                                new Series(text.apply("report.series.over7d"), backlog.rows().stream().map(BacklogReport.Row::overSevenDays).toList())),
                        none)),
                chart("volume", text, volume, SvgChart.of(Kind.LINE, "chart-volume", text.apply("report.volume"),
                        volume.rows().stream().map(r -> r.start().toString().substring(5)).toList(),
                        List.of(new Series(text.apply("report.series.created"), volume.rows().stream().map(VolumeReport.Row::created).toList()),
                                new Series(text.apply("report.series.resolved"), volume.rows().stream().map(VolumeReport.Row::resolved).toList())), none)));
        return new ReportsView(filter, charts);
    }

    private static Chart chart(String name, Function<String, String> text, ReportTable table, SvgChart chart) {
        return new Chart(name, chart.title(), chart.svg(), table);
    }

    private static boolean longerThanTwoHours(Duration d) {
        return d != null && d.toMinutes() >= 120;
    }

    /** A working-time duration in hours or minutes with one decimal; none counts as 0 on the chart (the table says "none"). */
    static double in(Duration d, boolean hours) {
        if (d == null) {
            return 0;
        }
        double minutes = d.toSeconds() / 60.0;
        return Math.round((hours ? minutes / 60 : minutes) * 10) / 10.0;
    }
}
