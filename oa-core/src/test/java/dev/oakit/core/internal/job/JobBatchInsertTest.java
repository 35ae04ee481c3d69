package dev.oakit.core.internal.job;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code CommandContext.scheduleAll}: one look-up of the keys and one batch, with the dedupe rules of
 * {@code schedule} each, also when another transaction takes a key between the look-up and the batch.
 */
class JobBatchInsertTest {
    private final Actor admin = Actor.admin("acme", "root");

    private static OaKit start(TestDatabase db) {
        return JobTypesFixture.startWorkersOff(db, ctx -> { }, "test.batch");
    }

    private static void scheduleAll(OaKit oa, Actor actor, List<JobRequest> requests) {
        OaKitTestAccess.commands(oa).execute(CommandSpec.of(actor, "test.schedule"), Void.class, ctx -> {
            ctx.scheduleAll(requests);
            return null;
        });
    }

    private static JobRequest job(String note) {
        return JobRequest.of("test.batch", Map.of("note", note));
    }

    private static long count(TestDatabase db, String where) throws Exception {
        return db.queryLong("SELECT COUNT(*) FROM oa_core_job WHERE type = 'test.batch' AND " + where);
    }

    @DbTest
    void aWaitingKeyIsSharedAKeyRepeatedInTheCallIsOneJobAndUnkeyedJobsAreEachOne(TestDatabase db) throws Exception {
        OaKit oa = start(db);
        scheduleAll(oa, admin, List.of(job("early").dedupe("k1")));
        scheduleAll(oa, admin, List.of(job("a"), job("b").dedupe("k1"), job("c").dedupe("k2"), job("d").dedupe("k2"), job("e")));
        // another tenant's waiting key is not this tenant's
        scheduleAll(oa, Actor.admin("globex", "root"), List.of(job("x").dedupe("k2"), job("y")));

        assertThat(count(db, "tenant_id = 'acme' AND dedupe_key IS NULL")).as("unkeyed jobs").isEqualTo(2);
        assertThat(count(db, "tenant_id = 'acme' AND dedupe_key = 'k1'")).as("k1 waited: shared").isEqualTo(1);
        assertThat(count(db, "tenant_id = 'acme' AND dedupe_key = 'k1' AND payload LIKE '%early%'")).isEqualTo(1);
        assertThat(count(db, "tenant_id = 'acme' AND dedupe_key = 'k2'")).as("k2 twice in one call").isEqualTo(1);
        assertThat(count(db, "tenant_id = 'globex'")).isEqualTo(2);
    }

    @DbTest
    void newJobsAreOneBatchThatReturnsEveryIdInOrderOnEveryDatabase(TestDatabase db) throws Exception {
        OaKit oa = start(db);
        JobRepository jobs = OaKitTestAccess.jobStore(oa);
        dev.oakit.core.testing.CountingDataSource counting = new dev.oakit.core.testing.CountingDataSource(db.dataSource());
        List<String> notes = List.of("first", "second", "third");
        List<Long> statements = new java.util.ArrayList<>();
        List<Long> ids = org.jdbi.v3.core.Jdbi.create(counting).inTransaction(h -> {
            counting.reset();
            List<Long> written = jobs.insertNew(h, "acme", notes.stream().map(JobBatchInsertTest::job).toList(), java.time.Instant.now());
            statements.add(counting.count());
            return written;
        });
        // MariaDB's driver too returns the key of each row of a batch
        assertThat(statements).as("statements").containsExactly(1L);
        assertThat(ids).hasSize(3).doesNotHaveDuplicates().isSorted();
        for (int i = 0; i < 3; i++) {
            assertThat(count(db, "id = " + ids.get(i) + " AND payload LIKE '%" + notes.get(i) + "%'")).as(notes.get(i)).isEqualTo(1);
        }
    }

    @DbTest
    void aKeyTakenByAnotherTransactionDuringTheBatchIsSharedAndTheOtherJobsAreWrittenOnce(TestDatabase db) throws Exception {
        OaKit oa = start(db);
        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement p = other.prepareStatement("INSERT INTO oa_core_job (tenant_id, type, status, payload, due_at, attempts,"
                    + " max_attempts, fence, dedupe_key, created_at, updated_at) VALUES ('acme', 'test.batch', 'READY', '{}', ?, 0, 5, 0, 'k', ?, ?)")) {
                LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
                p.setObject(1, t);
                p.setObject(2, t);
                p.setObject(3, t);
                p.executeUpdate();
            }
            // the command does not see the uncommitted key, so its batch meets it in the unique index and waits for it
            CompletableFuture<Void> command = CompletableFuture.runAsync(() ->
                    scheduleAll(oa, admin, List.of(job("a"), job("b").dedupe("k"), job("c"), job("d").dedupe("m"))));
            Thread.sleep(1500); // (ordering only: a commit before the batch would make the key seen, and the test pass anyway)
            other.commit();
            command.get(60, TimeUnit.SECONDS);
        }
        assertThat(count(db, "dedupe_key IS NULL")).as("unkeyed jobs, each once").isEqualTo(2);
        assertThat(count(db, "dedupe_key = 'k'")).as("the other transaction's key, shared").isEqualTo(1);
        assertThat(count(db, "dedupe_key = 'm'")).isEqualTo(1);
    }
}
