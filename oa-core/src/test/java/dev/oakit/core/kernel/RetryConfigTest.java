package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Retry policies per job type from the configuration: validated with the setting named, and applied. */
class RetryConfigTest {
    private static final Actor ADMIN = Actor.admin("acme", "root");

    @Test
    void badRetrySettingsNameTheSettingAndTheFix() {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).plugin(new JobsTest.Flaky()).config("core", Map.of("jobs", Map.of("retry", Map.of(
                        "core.event.relay", Map.of("multiplier", 0.5, "jitter", 1.5, "maxInterval", "PT1S"),
                        "test.flaky", Map.of("budget", "-PT1M"),
                        "no.such.type", Map.of("maxAttempts", 3))))).build())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("core.jobs.retry.\"core.event.relay\".multiplier must be between 1"))
                        .anySatisfy(p -> assertThat(p).startsWith("core.jobs.retry.\"core.event.relay\".jitter must be a fraction"))
                        .anySatisfy(p -> assertThat(p).startsWith("core.jobs.retry.\"core.event.relay\".maxInterval must be at least initialInterval (PT5S)"))
                        .anySatisfy(p -> assertThat(p).startsWith("core.jobs.retry.\"test.flaky\".budget must be positive"))
                        .anySatisfy(p -> assertThat(p).startsWith("core.jobs.retry.\"no.such.type\" names a job type that no installed handler runs")
                                .contains("test.flaky")));
    }

    @DbTest
    void aConfiguredBudgetEndsTheRetriesOfItsType(TestDatabase db) {
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Instant start = clock.instant();
        OaKit oa = db.start(b -> b.plugin(new JobsTest.Flaky()).clock(clock).config("core", Map.of("jobs", Map.of("retry", Map.of(
                "test.flaky", Map.of("initialInterval", "PT1M", "multiplier", 1, "maxInterval", "PT1M", "jitter", 0,
                        "maxAttempts", 100, "budget", "PT3M30S"))))));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(ADMIN, JobRequest.of("test.flaky", Map.of("failTimes", 1000)));
        assertThat(jobs.get(ADMIN, id).maxAttempts()).as("the type's attempt limit").isEqualTo(100);

        // attempts at 0, 1, 2 and 3 minutes; the next one, at 4 minutes, would be beyond the budget
        for (int attempt = 1; attempt <= 3; attempt++) {
            int n = attempt;
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(ADMIN, id).attempts() == n && jobs.get(ADMIN, id).status() == JobStatus.READY);
            assertThat(jobs.get(ADMIN, id).dueAt()).isEqualTo(start.plus(Duration.ofMinutes(attempt)));
            clock.set(jobs.get(ADMIN, id).dueAt());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(ADMIN, id).status() == JobStatus.DEAD);
        JobInfo dead = jobs.get(ADMIN, id);
        assertThat(dead.attempts()).isEqualTo(4);
        assertThat(dead.lastError()).contains("temporary failure 4").contains("retry budget of PT3M30S");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aJobsOwnAttemptLimitWinsOverItsTypes(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new JobsTest.Flaky())
                .config("core", Map.of("jobs", Map.of("retry", Map.of("test.flaky", Map.of("maxAttempts", 50))))));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(ADMIN, JobRequest.of("test.flaky", Map.of("failTimes", 1000)).maxAttempts(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(ADMIN, id).status() == JobStatus.DEAD);
        assertThat(jobs.get(ADMIN, id).attempts()).isEqualTo(2);
        assertThat(jobs.get(ADMIN, id).lastError()).contains("all 2 attempts used");
    }
}
