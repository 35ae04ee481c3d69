package dev.oakit.http.internal.workbench;

import dev.oakit.core.job.Jobs;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.workflow.ApprovalQueries;
import java.util.List;

/** The administrators' monitor: running approvals by process and node, incidents, overdue tickets, dead jobs with replay. */
public final class AdminPages implements PageGroup {
    private final AdminDesk desk;

    /**
     * @param approvals null without the workflow plugin
     * @param tickets   null without the tickets plugin
     */
    public AdminPages(Jobs jobs, ApprovalQueries approvals, TicketQueries tickets) {
        this.desk = new AdminDesk(jobs, approvals, tickets);
    }

    @Override
    public List<PageRoute> routes() {
        return List.of(PageRoute.get("/admin/monitor", c -> View.page("admin/monitor.jte", "v", desk.monitor(c.actor()))),
                PageRoute.post("/admin/jobs/{id}/replay", c -> {
                    desk.replay(c.actor(), c.pathLong("id"));
                    return View.redirect("/admin/monitor?msg=jobReplayed");
                }));
    }

    @Override
    public List<NavItem> nav() {
        return List.of(NavItem.forAdmins("nav.monitor", "/admin/monitor"));
    }
}
