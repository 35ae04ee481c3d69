package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Done jobs, delivered events and old request ids are purged in bounded batches; pending and dead work stays. */
class RetentionTest {
    private static final Actor ADMIN = Actor.admin("acme", "root");

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @DbTest
    void whatServedItsPurposeIsPurgedAndWhatIsPendingOrDeadStays(TestDatabase db) {
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(db.builder().dataSource(counting).clock(clock).plugin(new SamplePlugin()).plugin(new JobsTest.Flaky())
                .config("core", Map.of("retention", Map.of("batchSize", 2, "interval", "PT1H"))).build().start());
        Jobs jobs = oa.service(Jobs.class);
        Commands commands = OaKitTestAccess.commands(oa);
        Jdbi jdbi = Jdbi.create(db.dataSource());
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        Actor alice = Actor.of("acme", "alice");

        // five notes: five events (delivered to the sample listener), five echo jobs, five request ids
        for (int i = 0; i < 5; i++) {
            int n = i;
            commands.execute(CommandSpec.of(alice, "test.note").withRequestId("req-" + n), Long.class, ctx -> notes.add(alice, "note " + n));
        }
        long dead = jobs.schedule(ADMIN, JobRequest.of("test.flaky", Map.of("permanent", true)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.counts(ADMIN).get(JobStatus.DONE) == 10
                && jobs.get(ADMIN, dead).status() == JobStatus.DEAD);
        long doneBefore = jobs.counts(ADMIN).get(JobStatus.DONE);

        // a week and a day later, a new event whose delivery has not run yet, and a job not due yet
        clock.advance(Duration.ofDays(8));
        long later = jobs.schedule(ADMIN, JobRequest.of("test.flaky", Map.of()).at(clock.instant().plus(Duration.ofDays(30))));
        assertThat(count(jdbi, "SELECT COUNT(*) FROM oa_core_outbox")).isEqualTo(5);

        counting.reset();
        counting.logging(true);
        OaKitTestAccess.purge(oa);

        assertThat(jobs.counts(ADMIN).get(JobStatus.DONE)).as("done jobs of eight days ago").isZero();
        assertThat(doneBefore).isEqualTo(10);
        assertThat(jobs.get(ADMIN, dead).status()).as("dead jobs wait for their replay").isEqualTo(JobStatus.DEAD);
        assertThat(jobs.get(ADMIN, later).status()).isEqualTo(JobStatus.READY);
        assertThat(count(jdbi, "SELECT COUNT(*) FROM oa_core_outbox")).as("delivered events").isZero();
        assertThat(count(jdbi, "SELECT COUNT(*) FROM oa_core_request")).as("request ids are kept 30 days").isEqualTo(5);
        List<String> deletes = counting.log().stream().filter(s -> s.trim().startsWith("DELETE")).toList();
        assertThat(deletes).as("at most two rows per statement: 10 jobs, 5 events").hasSizeGreaterThanOrEqualTo(5 + 3);

        // within 30 days a repeated request returns its first result; after them the id is gone and it runs again
        commands.execute(CommandSpec.of(alice, "test.note").withRequestId("req-0"), Long.class, ctx -> notes.add(alice, "repeated"));
        assertThat(notes.texts(alice)).hasSize(5);
        clock.advance(Duration.ofDays(23));
        OaKitTestAccess.purge(oa);
        assertThat(count(jdbi, "SELECT COUNT(*) FROM oa_core_request")).isZero();
        commands.execute(CommandSpec.of(alice, "test.note").withRequestId("req-0"), Long.class, ctx -> notes.add(alice, "repeated"));
        assertThat(notes.texts(alice)).hasSize(6);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void anEventWithAPendingOrDeadDeliveryStays(TestDatabase db) {
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).clock(clock).config("core", Map.of("jobs", Map.of("enabled", false))));
        oa.service(SamplePlugin.Notes.class).add(Actor.of("acme", "alice"), "never delivered");
        clock.advance(Duration.ofDays(60));
        OaKitTestAccess.purge(oa);
        Jdbi jdbi = Jdbi.create(db.dataSource());
        assertThat(count(jdbi, "SELECT COUNT(*) FROM oa_core_outbox")).isEqualTo(1);
        assertThat(count(jdbi, "SELECT COUNT(*) FROM oa_core_job WHERE status = 'READY'")).isEqualTo(2);
    }

    @org.junit.jupiter.api.Test
    void badRetentionSettingsAreNamed() {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).config("core", Map.of("retention", Map.of("doneJobs", "PT0S", "batchSize", 0,
                "interval", "PT0.1S"))).build())
                .isInstanceOf(dev.oakit.core.ConfigurationException.class)
                .hasMessageContaining("core.retention.doneJobs must be positive")
                .hasMessageContaining("core.retention.batchSize must be between 1 and 10000")
                .hasMessageContaining("core.retention.interval must be at least 1 second");
    }
}
