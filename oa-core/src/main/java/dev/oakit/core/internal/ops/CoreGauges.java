package dev.oakit.core.internal.ops;

import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.spi.OperationalGauge;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The gauges of core's own tables: the job queue, dead jobs, the outbox's delivery lag. */
public final class CoreGauges {
    private CoreGauges() {
    }

    /** @return core's gauges */
    public static List<OperationalGauge> all() {
        return List.of(
                OperationalGauge.of("oakit.jobs.queue", "jobs ready or running (due or not)", "jobs",
                        (h, now) -> count(h, "SELECT COUNT(*) FROM oa_core_job WHERE status IN ('READY', 'RUNNING')")),
                OperationalGauge.of("oakit.jobs.due", "ready jobs whose due time has passed (the backlog the workers have not claimed)", "jobs",
                        (h, now) -> h.createQuery("SELECT COUNT(*) FROM oa_core_job WHERE status = 'READY' AND due_at <= :now")
                                .bind("now", InstantAsUtc.toDb(now)).mapTo(Long.class).one()),
                OperationalGauge.of("oakit.jobs.dead", "jobs parked as dead after their last attempt (replay or cancel them)", "jobs",
                        (h, now) -> count(h, "SELECT COUNT(*) FROM oa_core_job WHERE status = 'DEAD'")),
                OperationalGauge.of("oakit.outbox.lag", "age of the oldest event delivery not yet done (0 when none waits)", "seconds",
                        (h, now) -> h.createQuery("SELECT MIN(created_at) FROM oa_core_job WHERE event_id IS NOT NULL"
                                        + " AND status IN ('READY', 'RUNNING')")
                                .mapTo(LocalDateTime.class).findFirst()
                                .map(t -> Math.max(0, Duration.between(t.toInstant(ZoneOffset.UTC), now).toMillis() / 1000.0))
                                .orElse(0.0)));
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }
}
