package dev.oakit.http.internal;

import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.Jobs;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Monitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The administrators' endpoints: the approval monitor and dead jobs with replay; the engine checks the admin role. */
public final class AdminRoutes {
    private static final String TAG = "admin";

    private final Jobs jobs;
    private final ApprovalQueries approvals;

    /** @param approvals null when OAKit runs without the workflow plugin */
    public AdminRoutes(Jobs jobs, ApprovalQueries approvals) {
        this.jobs = jobs;
        this.approvals = approvals;
    }

    /** The page of dead jobs, named for OpenAPI. */
    public record DeadJobs(List<JobInfo> items) {
    }

    /** @return the admin routes */
    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        if (approvals != null) {
            r.add(new Route("GET", "/admin/approvals/monitor", "approvalMonitor", TAG,
                    "Running instances by process, waiting tasks by node, suspended, incidents (administrators)", null, Monitor.class, 200,
                    Map.of(), c -> approvals.monitor(c.actor())));
        }
        r.add(new Route("GET", "/admin/jobs/dead", "deadJobs", TAG, "Dead jobs, newest first (administrators)", null, DeadJobs.class, 200,
                Map.of("type", "only jobs of this type", "limit", "at most this many (default 100)"),
                c -> new DeadJobs(c.query("type") == null ? jobs.dead(c.actor(), c.queryInt("limit", 100))
                        : jobs.dead(c.actor(), c.query("type"), c.queryInt("limit", 100)))));
        r.add(new Route("POST", "/admin/jobs/{jobId}/replay", "replayJob", TAG, "Replays a dead job (administrators)", null, JobInfo.class, 200,
                Map.of(), c -> jobs.replay(c.actor(), c.pathLong("jobId"))));
        return r;
    }
}
