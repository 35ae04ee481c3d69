package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.util.List;

/**
 * Workload per agent: assignments and resolutions in the range, open tickets now, time logged in
 * the range. Agents appear when any figure is non-zero; ordered by agent id.
 *
 * @param filter what the report covers
 * @param rows one row per agent
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WorkloadReport(ReportFilter filter, List<Row> rows) implements ReportTable {
    /** Copies the rows. */
    public WorkloadReport {
        rows = List.copyOf(rows);
    }

    /**
     * One agent.
     *
     * @param agentId the agent's user id
     * @param assigned tickets assigned to the agent (派单, 抢单 or 转派) on a day of the range, each ticket counted once
     * @param resolved tickets whose current resolution the agent gave on a day of the range (the assignee when resolved)
     * @param open tickets assigned to the agent that are open now (new, assigned, in progress, waiting); not limited by the range
     * @param minutesLogged minutes of time entries by the agent with a work date in the range
     */
    public record Row(String agentId, long assigned, long resolved, long open, long minutesLogged) {
    }

    @Override
    public List<String> header() {
        return List.of("agent", "assigned", "resolved", "open", "minutes_logged");
    }

    @Override
    public List<List<String>> cells() {
        return rows.stream().map(r -> List.of(r.agentId(), Cells.of(r.assigned()), Cells.of(r.resolved()), Cells.of(r.open()),
                Cells.of(r.minutesLogged()))).toList();
    }
}
