package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.metrics.MetricsPlugin;
import dev.oakit.core.ops.Health;
import dev.oakit.core.ops.HealthCheck;
import dev.oakit.core.ops.HealthStatus;
import dev.oakit.core.spi.OperationalGauge;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The health check and core's meters (job attempts, job gauges) on a real OAKit. */
class OperationsTest {
    private final Actor admin = Actor.admin("acme", "root");

    private long deadJob(Jobs jobs) {
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of("permanent", true)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(admin, id).status() == JobStatus.DEAD);
        return id;
    }

    @DbTest
    void deadJobsTurnTheHealthToWarnAndAboveTheThresholdToDown(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new JobsTest.Flaky())
                .config("core", Map.of("jobs", Map.of("deadJobsDownThreshold", 1, "pollInterval", "PT0.05S"))));
        HealthCheck health = oa.service(HealthCheck.class);
        Health up = health.check();
        assertThat(up.status()).isEqualTo(HealthStatus.UP);
        assertThat(up.checks()).containsOnlyKeys("database", "migrations", "workers", "deadJobs");
        assertThat(up.checks().get("migrations").detail()).isEqualTo("0 pending");
        assertThat(up.checks().get("workers").status()).isEqualTo(HealthStatus.UP);

        Jobs jobs = oa.service(Jobs.class);
        deadJob(jobs);
        Health warn = health.check();
        assertThat(warn.status()).isEqualTo(HealthStatus.WARN);
        assertThat(warn.checks().get("deadJobs").detail()).startsWith("1 dead jobs");

        deadJob(jobs);
        Health down = health.check();
        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.checks().get("deadJobs")).satisfies(c -> {
            assertThat(c.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(c.detail()).startsWith("2 dead jobs").contains("threshold of 1").contains("core.jobs.deadJobsDownThreshold");
        });
        assertThat(down.checks().get("database").status()).isEqualTo(HealthStatus.UP);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void stoppedWorkersAreDown(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new JobsTest.Flaky()));
        HealthCheck health = oa.service(HealthCheck.class);
        assertThat(health.check().checks().get("workers").status()).isEqualTo(HealthStatus.UP);
        oa.close();
        assertThat(health.check().checks().get("workers").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.check().status()).isEqualTo(HealthStatus.DOWN);
    }

    @DbTest
    void jobAttemptsAreTimedAndTheJobGaugesCountDeadJobs(TestDatabase db) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OaKit oa = db.start(b -> b.plugin(new JobsTest.Flaky()).plugin(new MetricsPlugin(meters).gaugeRefresh(Duration.ZERO))
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S"))));
        assertThat(meters.get("oakit.jobs.dead").gauge().value()).isZero();
        Jobs jobs = oa.service(Jobs.class);
        deadJob(jobs);

        assertThat(meters.get("oakit.jobs.dead").gauge().value()).isEqualTo(1);
        assertThat(meters.get("oakit.jobs.queue").gauge().value()).isZero();
        assertThat(meters.get("oakit.outbox.lag").gauge().value()).isZero();
        Timer failed = meters.find("oakit.jobs.attempts").tag("type", "test.flaky").tag("outcome", "error").timer();
        assertThat(failed).isNotNull();
        assertThat(failed.count()).isEqualTo(1);
        // the command that scheduled it is timed too
        assertThat(meters.find("oakit.commands").tag("outcome", "ok").timers()).isNotEmpty();

        oa.close();
        assertThat(meters.find("oakit.jobs.dead").gauge()).as("gauges leave the registry with OAKit").isNull();
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theDocsShowTheWiring(TestDatabase db) {
        javax.sql.DataSource dataSource = db.dataSource();
        io.micrometer.core.instrument.MeterRegistry registry = new SimpleMeterRegistry();
        // tag::wiring[]
        OaKit oa = OaKit.builder().dataSource(dataSource)
                .plugin(new MetricsPlugin(registry).gaugeRefresh(Duration.ofSeconds(30)))
                .build().start();
        Health health = oa.service(HealthCheck.class).check();
        boolean ready = health.status() != HealthStatus.DOWN;
        // end::wiring[]
        db.closeLater(oa);
        assertThat(ready).isTrue();
        assertThat(registry.find("oakit.jobs.dead").gauge()).isNotNull();
        assertThat(dev.oakit.core.testing.DocSnippets.assertShown(java.nio.file.Path.of("../docs/operations.md"),
                java.nio.file.Path.of("src/test/java/dev/oakit/core/kernel/OperationsTest.java"))).containsExactly("wiring", "gauge");
    }

    /** Compiled, not run: the doc's example of a plugin's gauge (the table is the doc's). */
    static void contributeAGauge(dev.oakit.core.spi.OaPluginContext context) {
        // tag::gauge[]
        context.extension(OperationalGauge.class, OperationalGauge.of("rooms.bookings.pending",
                "booking requests waiting for approval", "bookings",
                (handle, now) -> handle.createQuery("SELECT COUNT(*) FROM rooms_booking WHERE status = 'PENDING'")
                        .mapTo(Long.class).one()));
        // end::gauge[]
    }
}
