package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.Jobs;
import dev.oakit.ticket.TicketPage;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Monitor;
import java.util.List;

/**
 * The administrators' monitor page: running approvals by process and by the node they wait at, incidents, overdue tickets
 * and dead jobs with replay. The page itself refuses non-administrators before it reads anything, and every read below is
 * again checked by the engine.
 */
public final class AdminDesk {
    /** Dead jobs listed on the page. */
    static final int DEAD_JOBS = 50;

    private final Jobs jobs;
    private final ApprovalQueries approvals;
    private final TicketQueries tickets;

    /**
     * @param approvals null without the workflow plugin
     * @param tickets   null without the tickets plugin
     */
    public AdminDesk(Jobs jobs, ApprovalQueries approvals, TicketQueries tickets) {
        this.jobs = jobs;
        this.approvals = approvals;
        this.tickets = tickets;
    }

    /**
     * The monitor page.
     *
     * @param approvals      null without the workflow plugin
     * @param overdueTickets null without the tickets plugin
     */
    public record MonitorView(Monitor approvals, TicketPage overdueTickets, List<JobInfo> deadJobs) {
    }

    /** @return the monitor; {@link ForbiddenException} for anyone but an administrator */
    public MonitorView monitor(Actor actor) {
        requireAdmin(actor);
        return new MonitorView(approvals == null ? null : approvals.monitor(actor),
                tickets == null ? null : tickets.list(actor, TicketQuery.builder().overdue().openOnly().byUrgency().page(0, TicketDesk.PAGE_SIZE).build()),
                jobs.dead(actor, DEAD_JOBS));
    }

    /** Replays a dead job; administrators. */
    public JobInfo replay(Actor actor, long jobId) {
        requireAdmin(actor);
        return jobs.replay(actor, jobId);
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("user '" + actor.userId()
                    + "' may not open the administrators' monitor; administrators may");
        }
    }
}
