package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.job.DeadJobSelection;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Dead jobs of one type from one stretch of time go back to work in one call, in order of creation. */
class BulkReplayTest {
    private static final Actor ADMIN = Actor.admin("acme", "root");

    /** Rejects every job of its two types while the receiver is "broken"; records the jobs that ran. */
    static final class Receiver implements OaPlugin {
        final AtomicBoolean broken = new AtomicBoolean(true);
        final List<Long> ran = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "receiver";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.jobHandler(handler("test.push"));
            context.jobHandler(handler("test.other"));
        }

        private JobHandler handler(String type) {
            return new JobHandler() {
                @Override
                public String type() {
                    return type;
                }

                @Override
                public void handle(JobContext ctx) {
                    if (broken.get()) {
                        throw new IntegrationException("TEST/REJECTED", "receiver rejects " + ctx.jobId(), false, null);
                    }
                    ran.add(ctx.jobId());
                }
            };
        }
    }

    @DbTest
    void deadJobsOfOneTypeAndTimeRangeAreReplayedInOrderOfCreationAndAudited(TestDatabase db) {
        Receiver receiver = new Receiver();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ManualClock clock = new ManualClock(t0);
        OaKit oa = db.start(b -> b.plugin(receiver).clock(clock).config("core", Map.of("jobs", Map.of("threads", 1))));
        Jobs jobs = oa.service(Jobs.class);

        long before = jobs.schedule(ADMIN, JobRequest.of("test.push", Map.of()));
        clock.advance(Duration.ofHours(1));
        long first = jobs.schedule(ADMIN, JobRequest.of("test.push", Map.of()));
        long otherType = jobs.schedule(ADMIN, JobRequest.of("test.other", Map.of()));
        long second = jobs.schedule(ADMIN, JobRequest.of("test.push", Map.of()));
        clock.advance(Duration.ofHours(2));
        long after = jobs.schedule(ADMIN, JobRequest.of("test.push", Map.of()));
        List<Long> all = List.of(before, first, otherType, second, after);
        await().atMost(Duration.ofSeconds(20)).until(() -> all.stream().allMatch(id -> jobs.get(ADMIN, id).status() == JobStatus.DEAD));

        receiver.broken.set(false);
        DeadJobSelection outage = DeadJobSelection.of("test.push").createdBetween(t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> jobs.replayDead(Actor.of("acme", "bob"), outage)).isInstanceOf(ForbiddenException.class);
        List<Long> replayed = jobs.replayDead(ADMIN, outage);

        assertThat(replayed).containsExactly(first, second);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.ran.size() == 2);
        assertThat(receiver.ran).as("run in order of creation").containsExactly(first, second);
        assertThat(List.of(before, otherType, after)).allSatisfy(id -> assertThat(jobs.get(ADMIN, id).status()).isEqualTo(JobStatus.DEAD));
        assertThat(jobs.get(ADMIN, first).attempts()).isEqualTo(1);
        assertThat(oa.service(AuditLog.class).forTarget(ADMIN, "job-type", "test.push")).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("core.job.replay.bulk");
            assertThat(r.actorId()).isEqualTo("root");
            assertThat(r.summary()).contains("replayed 2 dead job(s) of type test.push").contains("[" + first + ", " + second + "]");
        });
        assertThat(jobs.replayDead(ADMIN, outage)).as("nothing dead is left in the range").isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aSelectionNamesItsBadValues() {
        assertThatThrownBy(() -> DeadJobSelection.of(" ")).isInstanceOf(ValidationException.class).hasMessageContaining("type");
        Instant now = Instant.now();
        assertThatThrownBy(() -> DeadJobSelection.of("test.push").createdBetween(now, now.minusSeconds(1)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("createdBefore");
        assertThatThrownBy(() -> DeadJobSelection.of("test.push").limit(0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("limit");
    }
}
