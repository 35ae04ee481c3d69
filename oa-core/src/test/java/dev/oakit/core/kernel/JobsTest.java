package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.internal.job.JobWorker;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class JobsTest {
    private final Actor admin = Actor.admin("acme", "root");

    /** Fails a configurable number of times, permanently or not. */
    static final class Flaky implements JobHandler, OaPlugin {
        final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public String id() {
            return "flaky";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.jobHandler(this);
        }

        @Override
        public String type() {
            return "test.flaky";
        }

        @Override
        public void handle(JobContext ctx) {
            int n = calls.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
            int failTimes = ctx.payload().path("failTimes").asInt();
            if (ctx.payload().path("permanent").asBoolean()) {
                throw new IntegrationException("TEST/PERMANENT", "rejected", false, null);
            }
            if (n <= failTimes) {
                throw new IllegalStateException("temporary failure " + n);
            }
        }
    }

    private JobInfo awaitStatus(Jobs jobs, long id, JobStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(admin, id).status() == status);
        return jobs.get(admin, id);
    }

    @DbTest
    void pendingCountsTheJobsDueByATimeUntilTheyRan(TestDatabase db) {
        Flaky flaky = new Flaky();
        OaKit oa = db.start(b -> b.plugin(flaky));
        Jobs jobs = oa.service(Jobs.class);
        java.time.Instant now = java.time.Instant.now();
        long soonBefore = jobs.pending(admin, now.plus(Duration.ofMinutes(30)));
        long laterBefore = jobs.pending(admin, now.plus(Duration.ofHours(2)));
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).at(now.plus(Duration.ofHours(1))));
        assertThat(jobs.pending(admin, now.plus(Duration.ofHours(2)))).isEqualTo(laterBefore + 1);
        assertThat(jobs.pending(admin, now.plus(Duration.ofMinutes(30)))).isEqualTo(soonBefore);
        assertThat(jobs.pending(Actor.of("other", "root"), now.plus(Duration.ofHours(2)))).isZero();
        long now2 = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()));
        awaitStatus(jobs, now2, JobStatus.DONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.pending(admin, java.time.Instant.now()) == 0);
        assertThat(jobs.get(admin, id).status()).isEqualTo(JobStatus.READY);
    }

    @DbTest
    void retriesWithBackoffThenSucceeds(TestDatabase db) {
        Flaky flaky = new Flaky();
        OaKit oa = db.start(b -> b.plugin(flaky));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of("failTimes", 2)));
        JobInfo done = awaitStatus(jobs, id, JobStatus.DONE);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(flaky.calls.get(id)).hasValue(3);
        assertThat(done.lastError()).isNull();
    }

    @DbTest
    void exhaustedJobsAreDeadListableAndReplayable(TestDatabase db) {
        Flaky flaky = new Flaky();
        OaKit oa = db.start(b -> b.plugin(flaky));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of("failTimes", 3)).maxAttempts(2));
        JobInfo dead = awaitStatus(jobs, id, JobStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.lastError()).contains("temporary failure 2");
        assertThat(jobs.dead(admin, 10)).extracting(JobInfo::id).containsExactly(id);
        assertThat(jobs.counts(admin)).containsEntry(JobStatus.DEAD, 1L);

        jobs.replay(admin, id); // third call fails, fourth succeeds
        JobInfo done = awaitStatus(jobs, id, JobStatus.DONE);
        assertThat(flaky.calls.get(id)).hasValue(4);
        assertThat(done.attempts()).isEqualTo(2);
        assertThatThrownBy(() -> jobs.replay(admin, id)).isInstanceOf(ConflictException.class).hasMessageContaining("only dead jobs");
        assertThatThrownBy(() -> jobs.replay(Actor.of("acme", "bob"), id)).isInstanceOf(ForbiddenException.class);
    }

    @DbTest
    void permanentFailuresAreDeadAtOnce(TestDatabase db) {
        Flaky flaky = new Flaky();
        OaKit oa = db.start(b -> b.plugin(flaky));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of("permanent", true)));
        JobInfo dead = awaitStatus(jobs, id, JobStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).contains("rejected");
    }

    /** Takes a while, to show that close() waits for running jobs. */
    static final class Slow implements JobHandler, OaPlugin {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

        @Override
        public String id() {
            return "slow";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.jobHandler(this);
        }

        @Override
        public String type() {
            return "test.slow";
        }

        @Override
        public void handle(JobContext ctx) throws Exception {
            started.countDown();
            Thread.sleep(700);
        }
    }

    @DbTest(only = {TestDatabase.Kind.H2, TestDatabase.Kind.POSTGRESQL})
    void closeWaitsForRunningJobs(TestDatabase db) throws Exception {
        Slow slow = new Slow();
        OaKit oa = db.start(b -> b.plugin(slow));
        long id = oa.service(Jobs.class).schedule(admin, JobRequest.of("test.slow", Map.of()));
        assertThat(slow.started.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        oa.close();
        OaKit reader = db.start(b -> b.plugin(new Slow()).config("core", Map.of("jobs", Map.of("enabled", false))));
        assertThat(reader.service(Jobs.class).get(admin, id).status()).isEqualTo(JobStatus.DONE);
    }

    /** Holds each job until the test lets it go; notes which jobs started. */
    static final class Gate extends GatePlugin {
        final java.util.List<Long> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void handle(JobContext ctx) throws Exception {
            started.add(ctx.jobId());
            open.await();
        }
    }

    @DbTest
    void aJobLeftDueWhileEveryThreadWasBusyRunsWhenOneFinishesNotAtTheNextPoll(TestDatabase db) {
        Gate gate = new Gate();
        // one job thread, and a poll interval no test waits for: only a wake-up can start the second job
        OaKit oa = db.start(b -> b.plugin(gate).config("core", Map.of("jobs", Map.of("threads", 1, "pollInterval", "PT1H"))));
        Jobs jobs = oa.service(Jobs.class);
        long first = jobs.schedule(admin, JobRequest.of("test.gate", Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> gate.started.contains(first));
        // its commit wakes the worker, but the only thread is busy: the job is left due
        long second = jobs.schedule(admin, JobRequest.of("test.gate", Map.of()));
        assertThat(gate.started).containsExactly(first);
        gate.open.countDown();
        awaitStatus(jobs, second, JobStatus.DONE);
        assertThat(gate.started).containsExactly(first, second);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void onlyAdminsScheduleAndNeverOakitsOwnJobTypes(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new Flaky()));
        Jobs jobs = oa.service(Jobs.class);
        assertThatThrownBy(() -> jobs.schedule(Actor.of("acme", "mallory"), JobRequest.of("test.flaky", Map.of())))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only administrators");
        for (String internal : java.util.List.of("wf.service", "core.event.relay", "core.event.listeners")) {
            assertThatThrownBy(() -> jobs.schedule(admin, JobRequest.of(internal, Map.of("instanceId", 1))))
                    .isInstanceOf(dev.oakit.core.ValidationException.class).hasMessageContaining("belongs to OAKit itself");
        }
    }

    @DbTest
    void jobsOfAnotherTenantAreInvisible(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new Flaky()));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).at(Instant.now().plusSeconds(3600)));
        assertThatThrownBy(() -> jobs.get(Actor.admin("other", "root"), id))
                .isInstanceOf(dev.oakit.core.NotFoundException.class).hasMessageContaining("does not exist in tenant 'other'");
    }

    @DbTest
    void aCrashedWorkersJobRunsElsewhereAndItsLateCompletionIsRefused(TestDatabase db) {
        Flaky flaky = new Flaky();
        // a node with workers switched off: we drive its store by hand to play a crashed node
        OaKit crashed = db.start(b -> b.plugin(new Flaky()).config("core", Map.of("jobs", Map.of("enabled", false))));
        JobRepository store = OaKitTestAccess.jobStore(crashed);
        Jobs jobs = crashed.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()));

        // the crashed node claims the job with a short lease and then "dies" (never completes)
        var claimed = store.claim("dead-node", 10, Instant.now(), Duration.ofSeconds(1));
        assertThat(claimed).extracting(JobRepository.Claimed::id).containsExactly(id);
        assertThat(jobs.get(admin, id).status()).isEqualTo(JobStatus.RUNNING);

        // a healthy node recovers the expired lease and runs the job
        OaKit healthy = db.start(b -> b.plugin(flaky).config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S", "lease", "PT5S"))));
        JobInfo done = awaitStatus(healthy.service(Jobs.class), id, JobStatus.DONE);
        assertThat(flaky.calls.get(id)).hasValue(1);
        assertThat(done.fence()).isGreaterThan(claimed.get(0).fence());

        // the dead node wakes up and tries to complete with its stale fence: refused
        boolean accepted = OaKitTestAccess.complete(crashed, claimed.get(0), "dead-node");
        assertThat(accepted).isFalse();
        assertThat(jobs.get(admin, id).status()).isEqualTo(JobStatus.DONE);
    }

    @DbTest
    void aStaleWorkersHandlerWorkIsRolledBack(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        JobRepository store = OaKitTestAccess.jobStore(oa);
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        Actor alice = Actor.of("acme", "alice");
        notes.add(alice, "x"); // schedules one sample.echo job (and a delivery job for the listener)
        var first = store.claim("node-a", 10, Instant.now(), Duration.ofSeconds(1));
        assertThat(first).extracting(JobRepository.Claimed::type).contains("sample.echo");
        JobRepository.Claimed stale = first.stream().filter(c -> c.type().equals("sample.echo")).findFirst().orElseThrow();
        // lease expires and node-b takes over (fence + 1)
        await().atMost(Duration.ofSeconds(10)).until(() -> store.recoverExpired(Instant.now()) >= 0
                && oa.service(Jobs.class).get(Actor.admin("acme", "root"), stale.id()).status() == JobStatus.READY);
        var second = store.claim("node-b", 10, Instant.now(), Duration.ofSeconds(60));
        assertThat(second).extracting(JobRepository.Claimed::id).contains(stale.id());
        // node-a finally runs its handler: the job's insert is rolled back because its fence is stale
        JobWorker workerA = OaKitTestAccess.worker(oa);
        workerA.runClaimed(stale);
        assertThat(notes.seen(alice)).isEmpty();
    }
    private static int cancel(OaKit oa, String key) {
        return OaKitTestAccess.commands(oa).execute(dev.oakit.core.spi.CommandSpec.of(Actor.admin("acme", "root"), "test.cancel"),
                Integer.class, ctx -> ctx.cancelJobs(key));
    }

    @DbTest
    void aJobWaitingForItsRetryKeepsItsKeyAndCanBeCancelledByIt(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new Flaky()).config("core", Map.of("jobs", Map.of("enabled", false))));
        JobRepository store = OaKitTestAccess.jobStore(oa);
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).dedupe("remind-42"));

        JobRepository.Claimed claimed = store.claim("node-a", 10, Instant.now(), Duration.ofMinutes(1)).get(0);
        assertThat(claimed.id()).isEqualTo(id);
        // while it runs, its successor may take the same key
        long successor = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).dedupe("remind-42").at(Instant.now().plusSeconds(600)));
        assertThat(successor).isNotEqualTo(id);
        assertThat(cancel(oa, "remind-42")).isEqualTo(1);
        assertThat(jobs.get(admin, successor).status()).isEqualTo(JobStatus.CANCELLED);

        // the first attempt fails: the job waits for its retry, under its key
        assertThat(store.fail(claimed, "node-a", "receiver down", Instant.now().plusSeconds(600), Instant.now())).isTrue();
        assertThat(jobs.get(admin, id).status()).isEqualTo(JobStatus.READY);
        assertThat(jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).dedupe("remind-42")))
                .as("scheduling the key again finds the waiting job").isEqualTo(id);

        assertThat(cancel(oa, "remind-42")).isEqualTo(1);
        assertThat(jobs.get(admin, id).status()).isEqualTo(JobStatus.CANCELLED);
        // the key is free again
        assertThat(jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).dedupe("remind-42"))).isNotEqualTo(id);
    }

    /**
     * Two transactions schedule the same key at once: neither sees the other's uncommitted job, so
     * both insert; the second waits on the unique index and must then take the first one's job
     * instead of failing its whole command.
     */
    @DbTest
    void twoTransactionsSchedulingOneKeyAtOnceShareOneJob(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new Flaky()).config("core", Map.of("jobs", Map.of("enabled", false))));
        Jobs jobs = oa.service(Jobs.class);
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long[] first = new long[1];
            oa.inHostTransaction(c, () -> first[0] = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).dedupe("purge")));
            java.util.concurrent.CompletableFuture<Long> second = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> jobs.schedule(admin, JobRequest.of("test.flaky", Map.of()).dedupe("purge")));
            Thread.sleep(1000); // the second is waiting on the unique index by now
            c.commit();
            assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(first[0]);
        }
        assertThat(cancel(oa, "purge")).isEqualTo(1);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void onlyAdministratorsReadAJobsPayloadAndError(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new Flaky()));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.flaky", Map.of("permanent", true, "secret", "token-123")));
        awaitStatus(jobs, id, JobStatus.DEAD);
        assertThatThrownBy(() -> jobs.get(Actor.of("acme", "bob"), id))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only administrators");
        assertThat(jobs.get(admin, id).payload().get("secret").asText()).isEqualTo("token-123");
        assertThatThrownBy(() -> jobs.dead(Actor.of("acme", "bob"), 10)).isInstanceOf(ForbiddenException.class);
    }
}
