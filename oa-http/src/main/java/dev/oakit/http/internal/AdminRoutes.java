package dev.oakit.http.internal;

import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.Jobs;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.InstanceMigrations;
import dev.oakit.workflow.MigrationPlan;
import dev.oakit.workflow.MigrationReport;
import dev.oakit.workflow.Monitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The administrators' endpoints: the approval monitor, instance migration and dead jobs with replay; the engine checks the
 * admin role.
 */
public final class AdminRoutes {
    private static final String TAG = "admin";

    private final Jobs jobs;
    private final ApprovalQueries approvals;
    private final InstanceMigrations migrations;

    /**
     * @param approvals null when OAKit runs without the workflow plugin
     * @param migrations null when OAKit runs without the workflow plugin
     */
    public AdminRoutes(Jobs jobs, ApprovalQueries approvals, InstanceMigrations migrations) {
        this.jobs = jobs;
        this.approvals = approvals;
        this.migrations = migrations;
    }

    /**
     * A migration of running instances to another version of their process.
     *
     * @param processKey the process
     * @param fromVersion the version the instances run on
     * @param toVersion the version they move to
     * @param mapping source node id to target node id; nodes not named map to the node with the same id
     * @param instanceIds the instances to migrate; absent for every running, suspended or returned instance of {@code fromVersion}
     * @param dryRun true to check only: nothing changes
     */
    public record MigrationRequest(String processKey, Integer fromVersion, Integer toVersion, Map<String, String> mapping,
                                   List<Long> instanceIds, Boolean dryRun) {
        MigrationPlan plan() {
            if (fromVersion == null || toVersion == null) {
                throw dev.oakit.core.ValidationException.of(fromVersion == null ? "fromVersion" : "toVersion",
                        "is required: a deployed version of the process, e.g. 1");
            }
            return new MigrationPlan(processKey, fromVersion, toVersion, mapping);
        }
    }

    private MigrationReport migrate(MigrationRequest b, dev.oakit.core.Actor admin) {
        MigrationPlan plan = b.plan();
        boolean dry = Boolean.TRUE.equals(b.dryRun());
        if (b.instanceIds() == null) {
            return dry ? migrations.validateAll(admin, plan) : migrations.migrateAll(admin, plan);
        }
        return dry ? migrations.validate(admin, plan, b.instanceIds()) : migrations.migrate(admin, plan, b.instanceIds());
    }

    /** One instance: migrated, or with dryRun only checked; either way a refusal throws (409 with every reason). */
    private void migrateOne(MigrationRequest b, dev.oakit.core.Actor admin, long instanceId) {
        if (b.instanceIds() != null) {
            throw dev.oakit.core.ValidationException.of("instanceIds", "is not allowed here: the path names the instance; "
                    + "to migrate several, POST the ids to /admin/approvals/migrations");
        }
        MigrationPlan plan = b.plan();
        if (!Boolean.TRUE.equals(b.dryRun())) {
            migrations.migrate(admin, plan, instanceId);
            return;
        }
        MigrationReport report = migrations.validate(admin, plan, List.of(instanceId));
        if (!report.refused().isEmpty()) {
            throw new dev.oakit.workflow.MigrationRefusedException(instanceId, plan, report.refused().get(0).reasons());
        }
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
        if (migrations != null) {
            r.add(new Route("POST", "/admin/approvals/migrations", "migrateInstances", TAG,
                    "Migrates running instances to another version of their process, or checks them (dryRun); refused instances are"
                            + " reported with every reason and left unchanged (administrators)", MigrationRequest.class,
                    MigrationReport.class, 200, Map.of(), c -> migrate(c.body(MigrationRequest.class), c.actor())));
            r.add(new Route("POST", "/admin/approvals/instances/{instanceId}/migrate", "migrateInstance", TAG,
                    "Migrates one instance, or only checks it (dryRun) (administrators); 409 with every reason in errors (path mapping.<node>) when it cannot",
                    MigrationRequest.class, null, 204, Map.of(), c -> {
                        migrateOne(c.body(MigrationRequest.class), c.actor(), c.pathLong("instanceId"));
                        return null;
                    }));
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
