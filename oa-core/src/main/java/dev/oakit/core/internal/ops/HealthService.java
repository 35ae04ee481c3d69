package dev.oakit.core.internal.ops;

import dev.oakit.core.CoreConfig;
import dev.oakit.core.internal.boot.BootPlan;
import dev.oakit.core.internal.boot.Migrations;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.job.JobWorker;
import dev.oakit.core.ops.Health;
import dev.oakit.core.ops.HealthCheck;
import dev.oakit.core.ops.HealthStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The health check: database, migrations, workers, dead jobs. A failing database makes the later checks DOWN too. */
@Singleton
public final class HealthService implements HealthCheck {
    private final Database database;
    private final BootPlan plan;
    private final JobWorker worker;
    private final CoreConfig config;

    @Inject
    private HealthService(Database database, BootPlan plan, JobWorker worker, CoreConfig config) {
        this.database = database;
        this.plan = plan;
        this.worker = worker;
        this.config = config;
    }

    @Override
    public Health check() {
        Map<String, Health.Check> checks = new LinkedHashMap<>();
        long dead;
        try {
            dead = database.jdbi().withHandle(h -> {
                h.createQuery("SELECT 1").mapTo(Integer.class).one();
                return h.createQuery("SELECT COUNT(*) FROM oa_core_job WHERE status = 'DEAD'").mapTo(Long.class).one();
            });
            checks.put("database", new Health.Check(HealthStatus.UP, database.dialect().name()));
        } catch (RuntimeException e) {
            String why = "unreachable: " + e.getMessage();
            checks.put("database", new Health.Check(HealthStatus.DOWN, why));
            checks.put("migrations", new Health.Check(HealthStatus.DOWN, "not checked: the database is unreachable"));
            checks.put("workers", workers());
            checks.put("deadJobs", new Health.Check(HealthStatus.DOWN, "not checked: the database is unreachable"));
            return of(checks);
        }
        checks.put("migrations", migrations());
        checks.put("workers", workers());
        int threshold = config.jobs().deadJobsDownThreshold();
        HealthStatus deadStatus = dead > threshold ? HealthStatus.DOWN : dead > 0 ? HealthStatus.WARN : HealthStatus.UP;
        checks.put("deadJobs", new Health.Check(deadStatus, dead + (dead > threshold
                ? " dead jobs, above the threshold of " + threshold + " (core.jobs.deadJobsDownThreshold); replay or cancel them"
                : dead > 0 ? " dead jobs; replay or cancel them (Jobs.replay)" : " dead jobs")));
        return of(checks);
    }

    private Health.Check migrations() {
        List<String> pending = new ArrayList<>();
        try {
            for (Migrations.Module m : Migrations.modules(plan, database.dialect())) {
                int n = Migrations.flyway(database, m).info().pending().length;
                if (n > 0) {
                    pending.add(m.id() + ": " + n);
                }
            }
        } catch (RuntimeException e) {
            return new Health.Check(HealthStatus.DOWN, "cannot read the migration history: " + e.getMessage());
        }
        return pending.isEmpty() ? new Health.Check(HealthStatus.UP, "0 pending")
                : new Health.Check(HealthStatus.DOWN, "pending migrations " + pending + "; start OAKit to apply them");
    }

    private Health.Check workers() {
        if (!worker.enabled()) {
            return new Health.Check(HealthStatus.WARN, "disabled on this node (core.jobs.enabled=false)");
        }
        return worker.alive() ? new Health.Check(HealthStatus.UP, "polling")
                : new Health.Check(HealthStatus.DOWN, "not polling: OAKit is not started, closed, or the poller is stuck");
    }

    private static Health of(Map<String, Health.Check> checks) {
        HealthStatus worst = HealthStatus.UP;
        for (Health.Check c : checks.values()) {
            worst = worst.worst(c.status());
        }
        return new Health(worst, checks);
    }
}
