package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code CommandContext.scheduleNew} keeps {@code scheduleAll}'s guarantees without the look-up of its keys: a key asked
 * for twice in a command is one job (the first), a nested command sees the outer command's gathered jobs (cancels
 * them, shares them), a nested failure drops only its own, and a key some waiting job holds fails with an error that
 * names it (and is not taken for a request-id race).
 */
class ScheduleNewTest {
    private static final Actor ADMIN = Actor.admin("acme", "root");
    private static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");

    private static OaKit start(TestDatabase db) {
        return db.start(b -> b.config("core", Map.of("jobs", Map.of("enabled", false))));
    }

    private static JobRequest job(String key, int n) {
        return JobRequest.of("test.new", Map.of("n", n)).at(LATER.plus(Duration.ofMinutes(n))).dedupe(key);
    }

    private static void command(OaKit oa, Consumer<CommandContext> body) {
        command(oa, "test.schedule-new", body);
    }

    private static void command(OaKit oa, String action, Consumer<CommandContext> body) {
        OaKitTestAccess.commands(oa).execute(CommandSpec.of(ADMIN, action), Void.class, ctx -> {
            body.accept(ctx);
            return null;
        });
    }

    /** @return "key:status:n" of the jobs of the test's type, by key (a cancelled job's key is null) */
    private static List<String> jobs(OaKit oa) {
        return OaKitTestAccess.commands(oa).query(h -> h.createQuery("""
                        SELECT dedupe_key, status, payload FROM oa_core_job WHERE type = 'test.new' ORDER BY dedupe_key, id""")
                .map((rs, c) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3).replaceAll("[^0-9]", ""))
                .list());
    }

    @DbTest
    void aKeyGatheredTwiceIsOneJobTheFirst(TestDatabase db) {
        OaKit oa = start(db);
        command(oa, ctx -> {
            ctx.scheduleNew(List.of(job("a", 1), job("b", 2), job("b", 3)));
            ctx.scheduleNew(List.of(job("a", 4), job("c", 5)));
        });
        assertThat(jobs(oa)).containsExactly("a:READY:1", "b:READY:2", "c:READY:5");
    }

    @DbTest
    void aKeyWrittenEarlierInTheCommandIsSharedNotWrittenAgain(TestDatabase db) {
        OaKit oa = start(db);
        command(oa, ctx -> {
            ctx.scheduleNew(List.of(job("a", 1)));
            ctx.cancelJobs("unrelated"); // writes the gathered jobs first
            ctx.scheduleNew(List.of(job("a", 2), job("b", 3)));
        });
        assertThat(jobs(oa)).containsExactly("a:READY:1", "b:READY:3");
    }

    @DbTest
    void aCancelledKeyMayBeScheduledAnew(TestDatabase db) {
        OaKit oa = start(db);
        command(oa, ctx -> {
            ctx.scheduleNew(List.of(job("a", 1)));
            assertThat(ctx.cancelJobs("a")).isEqualTo(1);
            ctx.scheduleNew(List.of(job("a", 2)));
        });
        assertThat(jobs(oa)).containsExactlyInAnyOrder("null:CANCELLED:1", "a:READY:2"); // a cancel frees the key
    }

    @DbTest
    void aNestedCommandCancelsTheOuterCommandsGatheredJobs(TestDatabase db) {
        OaKit oa = start(db);
        command(oa, ctx -> {
            ctx.scheduleNew(List.of(job("a", 1), job("b", 2)));
            command(oa, "test.nested", inner -> assertThat(inner.cancelJobs("a")).isEqualTo(1));
        });
        assertThat(jobs(oa)).containsExactlyInAnyOrder("null:CANCELLED:1", "b:READY:2");
    }

    @DbTest
    void aNestedCommandSharesTheOuterCommandsGatheredJob(TestDatabase db) {
        OaKit oa = start(db);
        command(oa, ctx -> {
            ctx.scheduleNew(List.of(job("a", 1)));
            command(oa, "test.nested", inner -> inner.scheduleAll(List.of(job("a", 2), job("b", 3))));
            ctx.scheduleNew(List.of(job("b", 4))); // b was scheduled in this transaction: shared, not a taken key
        });
        assertThat(jobs(oa)).containsExactly("a:READY:1", "b:READY:3");
    }

    @DbTest
    void aFailedNestedCommandDropsItsOwnGatheredJobsOnly(TestDatabase db) {
        OaKit oa = start(db);
        command(oa, ctx -> {
            ctx.scheduleNew(List.of(job("a", 1)));
            assertThatThrownBy(() -> command(oa, "test.nested", inner -> {
                inner.scheduleNew(List.of(job("b", 2)));
                throw new IllegalStateException("nested fails");
            })).hasMessage("nested fails");
            ctx.scheduleNew(List.of(job("b", 3))); // b was not taken: the failed command's job is gone
        });
        assertThat(jobs(oa)).containsExactly("a:READY:1", "b:READY:3");
    }

    @DbTest
    void aKeyAWaitingJobHoldsFailsNamingTheKeyAndTheFixAndRunsOnce(TestDatabase db) {
        OaKit oa = start(db);
        command(oa, ctx -> ctx.scheduleAll(List.of(job("held", 1))));
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> OaKitTestAccess.commands(oa).execute(
                CommandSpec.of(ADMIN, "test.schedule-new").withRequestId("req-1"), Void.class, ctx -> {
                    runs.incrementAndGet();
                    ctx.scheduleNew(List.of(job("held", 2), job("free", 3)));
                    return null;
                }))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(CoreErrors.JOB_KEY_TAKEN))
                .hasMessageContaining("held").hasMessageContaining("scheduleAll");
        assertThat(runs).as("not taken for a request-id race and run again").hasValue(1);
        assertThat(jobs(oa)).containsExactly("held:READY:1");
    }
}
