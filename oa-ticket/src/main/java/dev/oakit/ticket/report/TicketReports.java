package dev.oakit.ticket.report;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

/**
 * Ticket reports, each computed by a few grouped SQL queries over the tickets and
 * the figures recorded when they became known (first response, resolution, assignments, SLA
 * outcomes) and their counts per day (so a year-long report reads per-day counts, not every
 * ticket); no report loads tickets into memory. Days are local days in the desk's zone (the
 * zone of the calendar {@code ticket.calendar}); working times use the calendar of the ticket's
 * queue. Export any report with {@link ReportCsv}.
 *
 * <p>Access: administrators read reports on every queue of their tenant; agents (members of a
 * queue) on their own queues only, so without a queue filter their reports cover their queues and
 * naming another queue is refused. Anybody else gets a {@link dev.oakit.core.ForbiddenException}
 * naming who may. Tenants never see each other's figures. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TicketReports {
    /**
     * Whether the reader may read reports at all (administrators; agents of at least one queue), so a page can
     * leave out a link the reports would refuse. Reads only; each report checks again.
     *
     * @since 0.1
     */
    boolean mayRead(Actor reader);

    /** @return assignments, resolutions, open tickets and time logged per agent */
    WorkloadReport workload(Actor reader, ReportFilter filter);

    /** @return tickets created and resolved per category (fault cause), with subtree roll-up */
    CategoryReport byCategory(Actor reader, ReportFilter filter);

    /** @return tickets created and resolved per day or per ISO week */
    VolumeReport createdVsResolved(Actor reader, ReportFilter filter, VolumeReport.Period period);

    /** @return met and breached outcomes per SLA target */
    SlaReport slaCompliance(Actor reader, ReportFilter filter);

    /** @return median and p90 first response and resolution in working time, per queue and in total */
    ResponseTimeReport responseTimes(Actor reader, ReportFilter filter);

    /** @return rating count, average and distribution, per queue and in total */
    RatingReport ratings(Actor reader, ReportFilter filter);

    /** @return open tickets by age now (calendar time), per queue and in total */
    BacklogReport backlog(Actor reader, ReportFilter filter);

    /**
     * Rebuilds the tenant's report figures per day from the figures recorded per ticket: after tickets were
     * written straight into the tables (a bulk import), or to repair them. The reports give the same results
     * before and after on figures kept by OAKit itself; running it again changes nothing. Administrators only;
     * audited. It locks the tenant's figures per ticket for its transaction, on every database: a command that changes
     * a ticket's figures (resolves, reopens, answers or moves it) waits and adds them after it; creates, assignments
     * and reports go on.
     *
     * @return the rows of figures per day written
     * @since 0.1
     */
    long rebuildFigures(Actor admin);

    /**
     * Counts every creation and assignment of the tenant that the report figures per day do not hold yet into them,
     * as the rollup job does in the background (batches of 1,000, each an audited command; none when there is nothing
     * to count). The reports give the same results before and after: they add what is not counted yet, and only read
     * faster after. For hosts that run without job workers, and before measuring the reports. Administrators only.
     *
     * @return the creations and assignments counted
     * @since 0.1
     */
    long rollUpFigures(Actor admin);
}
