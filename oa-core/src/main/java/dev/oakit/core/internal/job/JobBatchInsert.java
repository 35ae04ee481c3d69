package dev.oakit.core.internal.job;

import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.PlainJdbc;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The batched inserts into the job table ({@link JobRepository} owns it; this is its part for many jobs at once):
 * a fixed number of statements however many jobs, with the dedupe rules of one job's insert.
 */
final class JobBatchInsert {
    private final JobRepository jobs;
    private final Database db;

    JobBatchInsert(JobRepository jobs, Database db) {
        this.jobs = jobs;
        this.db = db;
    }

    /**
     * Inserts several jobs in the caller's transaction: one read of their dedupe keys, then one
     * batch of the jobs whose key does not wait yet. Should a concurrent transaction take one of the
     * keys in between, the batch is undone statement by statement where the database allows and
     * each job goes through {@link JobRepository#insert(Handle, String, JobRequest, Instant)}, which shares it.
     */
    public void insertAll(Handle h, String tenantId, java.util.Collection<JobRequest> requests, Instant now) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (JobRequest r : requests) {
            if (r.dedupeKey() != null) {
                keys.add(r.dedupeKey());
            }
        }
        java.util.Set<String> waiting = keys.isEmpty() ? java.util.Set.of() : new java.util.HashSet<>(h.createQuery(
                        "SELECT dedupe_key FROM oa_core_job WHERE tenant_id = :t AND dedupe_key IN (<keys>) AND status = 'READY'")
                .bind("t", tenantId).bindList("keys", List.copyOf(keys)).mapTo(String.class).list());
        List<JobRequest> fresh = new ArrayList<>();
        java.util.Set<String> batched = new java.util.HashSet<>();
        for (JobRequest r : requests) {
            if (r.dedupeKey() == null || (!waiting.contains(r.dedupeKey()) && batched.add(r.dedupeKey()))) {
                fresh.add(r);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        if (fresh.size() == 1) {
            jobs.insertFresh(h, tenantId, fresh.get(0), now);
            return;
        }
        boolean anyKey = fresh.stream().anyMatch(r -> r.dedupeKey() != null);
        var batch = h.prepareBatch(INSERT + (anyKey && db.dialect() == Dialect.POSTGRESQL
                ? " ON CONFLICT (tenant_id, dedupe_key) WHERE status = 'READY' AND attempts = 0 DO NOTHING" : ""));
        for (JobRequest r : fresh) {
            bound(batch, tenantId, r, now).add();
        }
        // H2 and MariaDB undo only the failed statements of a batch (a key taken meanwhile) and keep the others:
        // the whole batch is undone to this savepoint before each job goes the single path, which shares the key
        java.sql.Savepoint before = anyKey && db.dialect() != Dialect.POSTGRESQL ? savepoint(h) : null;
        try {
            batch.execute();
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (before == null || !(e.getCause() instanceof java.sql.SQLException cause) || !Dialect.isDuplicateKey(cause)) {
                throw e;
            }
            rollbackTo(h, before);
            for (JobRequest r : fresh) {
                jobs.insert(h, tenantId, r, null, now);
            }
            return;
        }
        release(h, before);
    }

    private static java.sql.Savepoint savepoint(Handle h) {
        try {
            return h.getConnection().getAutoCommit() ? null : h.getConnection().setSavepoint();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot set a savepoint before the job batch: " + e.getMessage(), e);
        }
    }

    private static void rollbackTo(Handle h, java.sql.Savepoint savepoint) {
        try {
            h.getConnection().rollback(savepoint);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot undo the job batch to its savepoint: " + e.getMessage(), e);
        }
    }

    private static void release(Handle h, java.sql.Savepoint savepoint) {
        if (savepoint != null) {
            try {
                h.getConnection().releaseSavepoint(savepoint);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot release the job batch's savepoint: " + e.getMessage(), e);
            }
        }
    }

    /** Inserts jobs without dedupe keys in one batch; returns their ids in order. */
    public List<Long> insertAllReturningIds(Handle h, String tenantId, List<JobRequest> requests, Instant now) {
        if (requests.stream().anyMatch(r -> r.dedupeKey() != null)) {
            throw new IllegalArgumentException("jobs with a dedupe key go through insert or insertAll");
        }
        return insertNew(h, tenantId, requests, now);
    }

    /**
     * Inserts jobs in one batch without looking their dedupe keys up first: keys that no job can hold yet (they name
     * an object the caller's transaction creates), or none; a key held after all fails on the unique index. Every
     * driver (MariaDB's too) returns the generated key of each row of a batch. @return their ids in order
     */
    public List<Long> insertNew(Handle h, String tenantId, List<JobRequest> requests, Instant now) {
        List<Long> ids = new ArrayList<>();
        try {
            if (requests.size() < 2) {
                for (JobRequest r : requests) {
                    ids.add(bound(h.createUpdate(INSERT), tenantId, r, now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
                }
                return ids;
            }
            // every create of a ticket with timers writes them: plain JDBC held per connection (HeldStatements), one batch
            ids.addAll(PlainJdbc.batchInsert(h, PlainJdbc.Prepared.HELD, INSERT_POSITIONAL, "id", requests.size(), (p, k) -> {
                JobRequest r = requests.get(k);
                PlainJdbc.text(p, 1, tenantId);
                PlainJdbc.text(p, 2, r.type());
                PlainJdbc.text(p, 3, jobs.payload(r));
                PlainJdbc.time(p, 4, r.dueAt() == null ? now : r.dueAt());
                p.setInt(5, jobs.maxAttempts(r));
                PlainJdbc.text(p, 6, r.dedupeKey());
                PlainJdbc.time(p, 7, now);
                PlainJdbc.time(p, 8, now);
            }));
            return ids;
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            throw keyTaken(e, requests);
        }
    }

    /** @return the statement with the job's values bound (the one place of the job-binding chain) */
    private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bound(S statement, String tenantId, JobRequest r, Instant now) {
        return statement.bind("t", tenantId).bind("type", r.type()).bind("payload", jobs.payload(r))
                .bind("due", InstantAsUtc.toDb(r.dueAt() == null ? now : r.dueAt())).bind("max", jobs.maxAttempts(r))
                .bind("key", r.dedupeKey()).bind("now", InstantAsUtc.toDb(now));
    }

    /**
     * @return for a unique-key failure of jobs inserted without a look-up: an error naming their keys and the fix
     *     (not {@code DUPLICATE}, which a command with a request id would take for a concurrent twin and run again);
     *     else the failure as it came
     */
    private static RuntimeException keyTaken(RuntimeException e, List<JobRequest> requests) {
        if (!(e.getCause() instanceof java.sql.SQLException cause) || !Dialect.isDuplicateKey(cause)) {
            return e;
        }
        List<String> keys = requests.stream().map(JobRequest::dedupeKey).filter(java.util.Objects::nonNull).distinct().toList();
        return new dev.oakit.core.ConflictException(dev.oakit.core.CoreErrors.JOB_KEY_TAKEN, "a job waiting for its first"
                + " attempt already holds one of the dedupe keys " + keys + " scheduled as new (scheduleNew, which does not"
                + " look keys up); schedule jobs whose key may be held with scheduleAll, which shares the waiting job");
    }

    private static final String INSERT = """
            INSERT INTO oa_core_job (tenant_id, type, status, payload, due_at, attempts, max_attempts, fence,
                dedupe_key, event_id, created_at, updated_at)
            VALUES (:t, :type, 'READY', :payload, :due, 0, :max, 0, :key, NULL, :now, :now)""";
    /** {@link #INSERT} by position: tenant, type, payload, due, max, key, now, now. */
    private static final String INSERT_POSITIONAL = PlainJdbc.positional(INSERT);
}
