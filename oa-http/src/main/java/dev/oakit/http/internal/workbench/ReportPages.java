package dev.oakit.http.internal.workbench;

import dev.oakit.ticket.report.ReportCsv;
import dev.oakit.ticket.report.ReportFilter;
import dev.oakit.ticket.report.TicketReports;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The reports page (charts for workload, SLA compliance, cycle times, backlog age and volume) and each report as CSV. */
public final class ReportPages implements PageGroup {
    private final ReportDesk desk;
    private final ZoneId zone;
    private final TicketReports reports;

    /** @param zone where "today" is, for the default range */
    public ReportPages(TicketReports reports, ZoneId zone) {
        this.desk = new ReportDesk(reports);
        this.reports = reports;
        this.zone = zone;
    }

    @Override
    public List<PageRoute> routes() {
        return List.of(PageRoute.get("/reports", this::page), PageRoute.get("/reports/csv/{name}", this::csv));
    }

    @Override
    public List<NavItem> nav() {
        return List.of(NavItem.shownTo("nav.reports", "/reports", reports::mayRead));
    }

    private View page(PageCall c) {
        ReportFilter f = ReportDesk.filter(c::param, LocalDate.now(zone));
        return View.page("tickets/reports.jte", "v", desk.view(c.actor(), f, c.ui()::t));
    }

    private View csv(PageCall c) {
        String name = c.path("name");
        ReportFilter f = ReportDesk.filter(c::param, LocalDate.now(zone));
        String body = ReportCsv.toCsv(desk.table(c.actor(), name, f), "excel".equals(c.param("format")) ? ReportCsv.Options.excel()
                : ReportCsv.Options.standard());
        return new View.Download("text/csv; charset=utf-8", name + "-" + f.from() + "-" + f.to() + ".csv", body.getBytes(StandardCharsets.UTF_8));
    }
}
