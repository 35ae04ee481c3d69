package dev.oakit.core.internal.job;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.QueryPlans;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What other modules ask of the job table through oa-core's SPI and API instead of their own SQL:
 * withdrawing the waiting jobs whose key starts with a prefix, and the dead jobs of one type.
 */
class JobKeyPrefixTest {
    private final Actor admin = Actor.admin("acme", "root");

    /** Two job types that always fail for good. */
    private static OaKit start(TestDatabase db) {
        return JobTypesFixture.startWorkersOff(db, ctx -> {
            throw new IntegrationException("TEST/PERMANENT", "rejected", false, null);
        }, "test.a", "test.b");
    }

    private static int cancelByPrefix(OaKit oa, Actor actor, String prefix) {
        return OaKitTestAccess.commands(oa).execute(CommandSpec.of(actor, "test.cancel"), Integer.class,
                ctx -> ctx.cancelJobsByKeyPrefix(prefix));
    }

    @DbTest
    void cancellingByAKeyPrefixWithdrawsTheTenantsWaitingJobsWhoseKeyStartsWithItAndNoOthers(TestDatabase db) {
        OaKit oa = start(db);
        Jobs jobs = oa.service(Jobs.class);
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String key : new String[]{"wf-timeout-12-0", "wf-timeout-12-1", "wf-timeout-120-0", "wf-timeout-1-2",
                "a_b-1", "axb-1", "50%-1", "50x-1", "x!y-1", "x!!y-1", "xy-1", "back\\slash-1", "back-1"}) {
            ids.put(key, jobs.schedule(admin, JobRequest.of("test.a", Map.of()).dedupe(key)));
        }
        long otherTenant = jobs.schedule(Actor.admin("globex", "root"), JobRequest.of("test.a", Map.of()).dedupe("wf-timeout-12-0"));

        assertThat(cancelByPrefix(oa, admin, "wf-timeout-12-")).isEqualTo(2);
        // the wildcards of LIKE are plain characters of a key
        assertThat(cancelByPrefix(oa, admin, "a_b-")).isEqualTo(1);
        assertThat(cancelByPrefix(oa, admin, "50%-")).isEqualTo(1);
        assertThat(cancelByPrefix(oa, admin, "x!y")).isEqualTo(1);
        assertThat(cancelByPrefix(oa, admin, "back\\")).isEqualTo(1);
        assertThat(cancelByPrefix(oa, admin, "wf-timeout-12-")).as("nothing waits under it any more").isZero();

        Map<String, JobStatus> status = new LinkedHashMap<>();
        ids.forEach((key, id) -> status.put(key, jobs.get(admin, id).status()));
        assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("wf-timeout-12-0", JobStatus.CANCELLED), Map.entry("wf-timeout-12-1", JobStatus.CANCELLED),
                Map.entry("wf-timeout-120-0", JobStatus.READY), Map.entry("wf-timeout-1-2", JobStatus.READY),
                Map.entry("a_b-1", JobStatus.CANCELLED), Map.entry("axb-1", JobStatus.READY),
                Map.entry("50%-1", JobStatus.CANCELLED), Map.entry("50x-1", JobStatus.READY),
                Map.entry("x!y-1", JobStatus.CANCELLED), Map.entry("x!!y-1", JobStatus.READY), Map.entry("xy-1", JobStatus.READY),
                Map.entry("back\\slash-1", JobStatus.CANCELLED), Map.entry("back-1", JobStatus.READY)));
        assertThat(jobs.get(Actor.admin("globex", "root"), otherTenant).status()).isEqualTo(JobStatus.READY);
        // a cancelled job frees its key
        assertThat(jobs.schedule(admin, JobRequest.of("test.a", Map.of()).dedupe("wf-timeout-12-0")))
                .isNotEqualTo(ids.get("wf-timeout-12-0"));
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void anEmptyPrefixWouldWithdrawEveryKeyedJobAndIsRefused(TestDatabase db) {
        OaKit oa = start(db);
        assertThatThrownBy(() -> cancelByPrefix(oa, admin, "")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("keyPrefix");
    }

    @DbTest
    void cancellingByAKeyPrefixIsServedByAnIndex(TestDatabase db) throws Exception {
        start(db);
        try (Connection c = db.dataSource().getConnection()) {
            // a tenant with many waiting jobs, as one that has run for a while has
            try (PreparedStatement p = c.prepareStatement("INSERT INTO oa_core_job (tenant_id, type, status, payload, due_at, attempts,"
                    + " max_attempts, fence, dedupe_key, created_at, updated_at) VALUES ('acme', 'test.a', 'READY', '{}', ?, 0, 5, 0, ?, ?, ?)")) {
                LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
                for (int i = 0; i < 3000; i++) {
                    p.setObject(1, t);
                    p.setString(2, "wf-timeout-" + i + "-0");
                    p.setObject(3, t);
                    p.setObject(4, t);
                    p.addBatch();
                }
                p.executeBatch();
            }
            QueryPlans.analyze(c, db.kind(), "oa_core_job");
            String plan = QueryPlans.plan(c, JobRepository.CANCEL_BY_KEY_PREFIX_SQL.replace(":now", "?").replace(":t", "?").replace(":p", "?"),
                    LocalDateTime.of(2026, 1, 2, 0, 0), "acme", JobRepository.likePrefix("wf-timeout-12-")).toLowerCase(Locale.ROOT);
            assertThat(plan).as(plan).containsAnyOf("oa_core_job_key", "oa_core_job_key_prefix")
                    .doesNotContain("tablescan", "seq scan", "type=all")
                    // a range on the key, not the tenant's whole list of keys filtered row by row
                    .containsAnyOf("dedupe_key >= 'wf-timeout-12-'", "~>=~ 'wf-timeout-12-'", "type=range");
        }
    }

    @DbTest
    void theDeadJobsOfOneTypeAreListedNewestFirstForAdministratorsOnly(TestDatabase db) {
        OaKit oa = start(db);
        Jobs jobs = oa.service(Jobs.class);
        JobRepository store = OaKitTestAccess.jobStore(oa);
        long a1 = jobs.schedule(admin, JobRequest.of("test.a", Map.of("n", 1)));
        long b1 = jobs.schedule(admin, JobRequest.of("test.b", Map.of("n", 2)));
        long a2 = jobs.schedule(admin, JobRequest.of("test.a", Map.of("n", 3)));
        long other = jobs.schedule(Actor.admin("globex", "root"), JobRequest.of("test.a", Map.of("n", 4)));
        Instant now = Instant.now();
        int second = 0;
        for (JobRepository.Claimed c : store.claim("node", 10, now, Duration.ofMinutes(1))) {
            assertThat(store.fail(c, "node", "rejected: " + c.id(), null, now.plusSeconds(++second))).isTrue();
        }

        assertThat(jobs.dead(admin, "test.a", 10)).extracting(JobInfo::id).containsExactlyInAnyOrder(a1, a2);
        assertThat(jobs.dead(admin, "test.a", 10)).allSatisfy(j -> {
            assertThat(j.type()).isEqualTo("test.a");
            assertThat(j.status()).isEqualTo(JobStatus.DEAD);
            assertThat(j.lastError()).isEqualTo("rejected: " + j.id());
            assertThat(j.payload().path("n").asInt()).isIn(1, 3);
        });
        assertThat(jobs.dead(admin, "test.a", 10)).extracting(JobInfo::updatedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(jobs.dead(admin, "test.a", 1)).hasSize(1);
        assertThat(jobs.dead(admin, "test.b", 10)).extracting(JobInfo::id).containsExactly(b1);
        assertThat(jobs.dead(Actor.admin("globex", "root"), "test.a", 10)).extracting(JobInfo::id).containsExactly(other);
        assertThatThrownBy(() -> jobs.dead(Actor.of("acme", "bob"), "test.a", 10)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> jobs.dead(admin, "test.a", 0)).isInstanceOf(ValidationException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> jobs.dead(admin, " ", 10)).isInstanceOf(ValidationException.class).hasMessageContaining("type");
    }
}
