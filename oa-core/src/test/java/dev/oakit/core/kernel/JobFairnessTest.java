package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tenant with a large backlog of due jobs does not hold back another tenant's job. */
class JobFairnessTest {
    private static final int BACKLOG = 10_000;

    /** Jobs of tenant "big" wait until tenant "small" had its job run (or 30 s passed). */
    static final class Gate extends GatePlugin {
        final CountDownLatch smallRan = new CountDownLatch(1);

        @Override
        public void handle(JobContext ctx) throws Exception {
            if (ctx.tenantId().equals("small")) {
                smallRan.countDown();
            } else {
                smallRan.await(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Schedules the backlog of tenant "big" (all due an hour ago, older than small's job) and one job of "small". */
    private static long backlog(OaKit oa) {
        Commands commands = OaKitTestAccess.commands(oa);
        Instant old = Instant.now().minus(Duration.ofHours(1));
        for (int batch = 0; batch < BACKLOG / 500; batch++) {
            int first = batch * 500;
            commands.execute(CommandSpec.of(Actor.admin("big", "root"), "test.schedule"), Void.class, ctx -> {
                for (int j = 0; j < 500; j++) {
                    ctx.schedule(JobRequest.of("test.gate", Map.of()).at(old.plusMillis(first + j)));
                }
                return null;
            });
        }
        return commands.execute(CommandSpec.of(Actor.admin("small", "root"), "test.schedule"), Long.class,
                ctx -> ctx.schedule(JobRequest.of("test.gate", Map.of()).at(Instant.now().minusSeconds(1))));
    }

    @DbTest
    void oneClaimServesEveryTenantWithDueJobs(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new Gate()).config("core", Map.of("jobs", Map.of("enabled", false))));
        long small = backlog(oa);
        JobRepository store = OaKitTestAccess.jobStore(oa);

        List<JobRepository.Claimed> first = store.claim("node-a", 4, Instant.now(), Duration.ofMinutes(5));

        assertThat(first).hasSize(4);
        assertThat(first).extracting(JobRepository.Claimed::id).contains(small);
        assertThat(first).filteredOn(c -> c.tenantId().equals("big")).hasSize(3);
        // the big tenant's share is its oldest jobs
        List<JobRepository.Claimed> rest = store.claim("node-a", 4, Instant.now(), Duration.ofMinutes(5));
        assertThat(rest).extracting(JobRepository.Claimed::tenantId).containsOnly("big");
        long newestFirst = first.stream().filter(c -> c.tenantId().equals("big")).mapToLong(JobRepository.Claimed::id).max().orElseThrow();
        assertThat(rest).allSatisfy(c -> assertThat(c.id()).isGreaterThan(newestFirst));
    }

    @DbTest
    void aBacklogOfOneTenantDoesNotDelayAnotherTenantsJobOnTheWorkers(TestDatabase db) {
        Gate gate = new Gate();
        OaKit scheduler = db.start(b -> b.plugin(new Gate()).config("core", Map.of("jobs", Map.of("enabled", false))));
        long small = backlog(scheduler);

        Map<String, Object> jobs = new HashMap<>(Map.of("threads", 2, "pollInterval", "PT0.05S"));
        db.start(b -> b.plugin(gate).config("core", Map.of("jobs", jobs)));

        // the big tenant's jobs block two workers until the small tenant's job ran: with a claim in
        // due order, both workers would wait on big jobs and the small job would never start
        await().atMost(Duration.ofSeconds(20)).until(() -> gate.smallRan.getCount() == 0);
        Jobs api = scheduler.service(Jobs.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(Actor.admin("small", "root"), small).status() == JobStatus.DONE);
    }
    @DbTest
    void claimsOfOneJobTakeTheTenantsInTurn(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new Gate()).config("core", Map.of("jobs", Map.of("enabled", false))));
        Commands commands = OaKitTestAccess.commands(oa);
        Instant old = Instant.now().minus(Duration.ofHours(1));
        // a's jobs are the oldest, c's the newest: in due order they would run aaaabbc
        Map<String, Integer> backlog = Map.of("a", 4, "b", 2, "c", 1);
        backlog.forEach((tenant, n) -> commands.execute(CommandSpec.of(Actor.admin(tenant, "root"), "test.schedule"), Void.class, ctx -> {
            for (int j = 0; j < n; j++) {
                ctx.schedule(JobRequest.of("test.gate", Map.of()).at(old.plusSeconds(60L * (tenant.charAt(0) - 'a')).plusMillis(j)));
            }
            return null;
        }));
        JobRepository store = OaKitTestAccess.jobStore(oa);
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            store.claim("node-a", 1, Instant.now(), Duration.ofMinutes(5)).forEach(c -> order.append(c.tenantId()));
        }
        assertThat(order).hasToString("abcabaa");
        assertThat(store.claim("node-a", 1, Instant.now(), Duration.ofMinutes(5))).isEmpty();
    }
}
