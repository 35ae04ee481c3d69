package dev.oakit.core.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oakit.core.internal.db.BatchedDelete;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Every statement on the job table: insert, claim (fairly across tenants) with leases and
 * fencing, complete, fail, recover, replay, read and purge.
 */
public final class JobRepository {
    /** Claims on H2, which has no SKIP LOCKED, are serialised per database inside the JVM (H2 embedded has one JVM). */
    private static final ConcurrentHashMap<String, ReentrantLock> H2_CLAIM_LOCKS = new ConcurrentHashMap<>();
    private static final String CLAIMED_COLUMNS = "id, tenant_id, type, payload, attempts, max_attempts, fence, first_attempt_at";

    private final Database db;
    private final ObjectMapper json;
    private final Supplier<RetryPolicies> policies;
    /** The tenant served last by this node's claims: the next claim starts after it. */
    private final AtomicReference<String> lastTenant = new AtomicReference<>("");
    /** The batched inserts (their own class for length: the rules of one job's insert stay here). */
    private final JobBatchInsert batches;

    public JobRepository(Database db, ObjectMapper json, Supplier<RetryPolicies> policies) {
        this.db = db;
        this.json = json;
        this.policies = policies;
        this.batches = new JobBatchInsert(this, db);
    }

    /** A job claimed by this node: run it under {@code fence}. */
    public record Claimed(long id, String tenantId, String type, String payload, int attempts, int maxAttempts, long fence,
                          Instant firstAttemptAt) {
    }

    RowMapper<JobInfo> infoMapper() {
        return (rs, ctx) -> new JobInfo(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("type"),
                JobStatus.valueOf(rs.getString("status")), readJson(rs.getString("payload")),
                instant(rs.getObject("due_at", LocalDateTime.class)), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getString("lease_owner"),
                instant(rs.getObject("lease_expires_at", LocalDateTime.class)), rs.getLong("fence"),
                rs.getString("last_error"), instant(rs.getObject("created_at", LocalDateTime.class)),
                instant(rs.getObject("updated_at", LocalDateTime.class)));
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private JsonNode readJson(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(s);
        }
    }

    /**
     * Inserts a job in the caller's transaction; returns the existing job's id when one with the
     * same dedupe key waits (for its first attempt or a retry).
     */
    public long insert(Handle h, String tenantId, JobRequest r, Instant now) {
        return insert(h, tenantId, r, null, now);
    }

    /** Inserts the delivery job of an outbox event; the event is kept while the job is pending or dead. */
    public long insertDelivery(Handle h, String tenantId, JobRequest r, String eventId, Instant now) {
        return insert(h, tenantId, r, eventId, now);
    }

    /**
     * Inserts several jobs in the caller's transaction, sharing dedupe keys that wait: see {@link JobBatchInsert#insertAll}.
     */
    public void insertAll(Handle h, String tenantId, java.util.Collection<JobRequest> requests, Instant now) {
        batches.insertAll(h, tenantId, requests, now);
    }

    /** Inserts jobs without dedupe keys, returning their ids in order: see {@link JobBatchInsert#insertAllReturningIds}. */
    public List<Long> insertAllReturningIds(Handle h, String tenantId, List<JobRequest> requests, Instant now) {
        return batches.insertAllReturningIds(h, tenantId, requests, now);
    }

    /**
     * Inserts jobs whose dedupe keys no job can hold yet (scheduleNew) and jobs without keys, with no look-up, returning
     * their ids in order: see {@link JobBatchInsert#insertNew}.
     */
    public List<Long> insertNew(Handle h, String tenantId, List<JobRequest> requests, Instant now) {
        return batches.insertNew(h, tenantId, requests, now);
    }

    /** A job whose key was just seen free: straight to the insert (a key taken meanwhile is still shared). */
    void insertFresh(Handle h, String tenantId, JobRequest r, Instant now) {
        insert(h, tenantId, r, null, now, false);
    }

    String payload(JobRequest r) {
        try {
            return r.payload() == null ? "{}" : json.writeValueAsString(r.payload());
        } catch (Exception e) {
            throw dev.oakit.core.ValidationException.of("payload", "cannot be written as JSON: " + e.getMessage());
        }
    }

    int maxAttempts(JobRequest r) {
        return r.maxAttempts() == 0 ? policies.get().forType(r.type()).maxAttempts() : r.maxAttempts();
    }

    long insert(Handle h, String tenantId, JobRequest r, String eventId, Instant now) {
        return insert(h, tenantId, r, eventId, now, true);
    }

    private long insert(Handle h, String tenantId, JobRequest r, String eventId, Instant now, boolean lookFirst) {
        if (lookFirst && r.dedupeKey() != null) {
            Optional<Long> existing = h.createQuery("SELECT id FROM oa_core_job WHERE tenant_id = :t AND dedupe_key = :k AND status = 'READY'")
                    .bind("t", tenantId).bind("k", r.dedupeKey()).mapTo(Long.class).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        String payload = payload(r);
        Instant due = r.dueAt() == null ? now : r.dueAt();
        int maxAttempts = maxAttempts(r);
        // With a key, another transaction may insert the same key between the check above and this
        // insert (neither saw the other's uncommitted job); the unique index makes this one wait for
        // it, and then the job it committed is the one to share, not an error for the whole command.
        boolean keyed = r.dedupeKey() != null;
        String sql = """
                INSERT INTO oa_core_job (tenant_id, type, status, payload, due_at, attempts, max_attempts, fence,
                    dedupe_key, event_id, created_at, updated_at)
                VALUES (:t, :type, 'READY', :payload, :due, 0, :max, 0, :key, :event, :now, :now)"""
                // PostgreSQL would abort the whole transaction on the duplicate: it is told to skip it instead
                + (keyed && db.dialect() == Dialect.POSTGRESQL
                ? " ON CONFLICT (tenant_id, dedupe_key) WHERE status = 'READY' AND attempts = 0 DO NOTHING" : "");
        for (int attempt = 1; ; attempt++) {
            Optional<Long> id;
            try {
                id = h.createUpdate(sql)
                        .bind("t", tenantId).bind("type", r.type()).bind("payload", payload).bind("due", InstantAsUtc.toDb(due))
                        .bind("max", maxAttempts).bind("key", r.dedupeKey()).bind("event", eventId)
                        .bind("now", InstantAsUtc.toDb(now))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne();
            } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                // H2 and MariaDB undo only the failed statement: the transaction goes on
                if (!keyed || !(e.getCause() instanceof java.sql.SQLException cause) || !Dialect.isDuplicateKey(cause)) {
                    throw e;
                }
                id = Optional.empty();
            }
            if (id.isPresent()) {
                return id.get();
            }
            Optional<Long> taken = h.createQuery(
                            "SELECT id FROM oa_core_job WHERE tenant_id = :t AND dedupe_key = :k AND status = 'READY' AND attempts = 0")
                    .bind("t", tenantId).bind("k", r.dedupeKey()).mapTo(Long.class).findFirst();
            if (taken.isPresent() || attempt == 3) {
                // (a job claimed or cancelled in between frees the key: insert again, a few times at most)
                return taken.orElseThrow(() -> new IllegalStateException("job key '" + r.dedupeKey() + "' stayed taken by jobs that were gone"));
            }
        }
    }

    /** @return whether a job of the tenant with the key waits (for its first attempt or a retry) or runs */
    public boolean waitingOrRunning(Handle h, String tenantId, String dedupeKey) {
        return h.createQuery("""
                SELECT COUNT(*) FROM oa_core_job WHERE tenant_id = :t AND dedupe_key = :k AND status IN ('READY', 'RUNNING')""")
                .bind("t", tenantId).bind("k", dedupeKey).mapTo(Long.class).one() > 0;
    }

    /** Cancels the READY jobs with the key (waiting for their first attempt or a retry); returns how many. */
    public int cancel(Handle h, String tenantId, String dedupeKey, Instant now) {
        return h.createUpdate("""
                UPDATE oa_core_job SET status = 'CANCELLED', dedupe_key = NULL, updated_at = :now
                WHERE tenant_id = :t AND dedupe_key = :k AND status = 'READY'""")
                .bind("t", tenantId).bind("k", dedupeKey).bind("now", InstantAsUtc.toDb(now)).execute();
    }

    /**
     * Cancels the READY jobs whose key starts with a prefix. {@code LIKE 'prefix%'} is a range on
     * the index {@code (tenant_id, dedupe_key)} on H2 and MariaDB; PostgreSQL needs the pattern
     * index {@code oa_core_job_key_prefix} for it unless the database collation is "C".
     */
    static final String CANCEL_BY_KEY_PREFIX_SQL = """
            UPDATE oa_core_job SET status = 'CANCELLED', dedupe_key = NULL, updated_at = :now
            WHERE tenant_id = :t AND dedupe_key LIKE :p ESCAPE '!' AND status = 'READY'""";

    /** Cancels the READY jobs whose key starts with {@code prefix}, taken literally; returns how many. */
    public int cancelByKeyPrefix(Handle h, String tenantId, String prefix, Instant now) {
        return h.createUpdate(CANCEL_BY_KEY_PREFIX_SQL)
                .bind("t", tenantId).bind("p", likePrefix(prefix)).bind("now", InstantAsUtc.toDb(now)).execute();
    }

    /** @return the LIKE pattern (escape character {@code !}) of the keys that start with {@code prefix} */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /**
     * Claims up to {@code max} due jobs for {@code owner}; each claim increments the fencing token.
     * Fair across tenants: the tenants with due jobs share the batch (the one after the tenant this
     * node served last first), so one tenant's backlog never holds back another tenant's job.
     */
    public List<Claimed> claim(String owner, int max, Instant now, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        if (db.dialect().supportsSkipLocked()) {
            return db.poolJdbi().inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                    h -> markClaimed(h, pickFairly(h, max, now, " FOR UPDATE SKIP LOCKED"), owner, now, lease));
        }
        ReentrantLock lock = H2_CLAIM_LOCKS.computeIfAbsent(db.url(), u -> new ReentrantLock());
        lock.lock();
        try {
            return db.poolJdbi().inTransaction(h -> markClaimed(h, pickFairly(h, max, now, ""), owner, now, lease));
        } finally {
            lock.unlock();
        }
    }

    /** @return ids of up to {@code max} due jobs, shared among the tenants that have some, oldest first within a tenant */
    private List<Long> pickFairly(Handle h, int max, Instant now, String lockClause) {
        // the next tenants with due jobs after the one served last, wrapping around: at most max of them
        String last = lastTenant.get();
        List<String> turn = new ArrayList<>(tenantsWithDueJobs(h, "tenant_id > :last", last, max, now));
        if (turn.size() < max) {
            for (String t : tenantsWithDueJobs(h, "tenant_id <= :last", last, max - turn.size(), now)) {
                if (!turn.contains(t)) {
                    turn.add(t);
                }
            }
        }
        if (turn.isEmpty()) {
            return List.of();
        }
        Set<Long> picked = new LinkedHashSet<>();
        int share = max / turn.size();
        int extra = max % turn.size();
        for (int i = 0; i < turn.size(); i++) {
            picked.addAll(dueOf(h, turn.get(i), share + (i < extra ? 1 : 0), now, lockClause, Set.of()));
        }
        lastTenant.set(turn.get(turn.size() - 1));
        // tenants with fewer due jobs than their share leave room: the others fill it, in turn
        for (int i = 0; i < turn.size() && picked.size() < max; i++) {
            picked.addAll(dueOf(h, turn.get(i), max - picked.size(), now, lockClause, picked));
        }
        return List.copyOf(picked);
    }

    private static List<String> tenantsWithDueJobs(Handle h, String range, String last, int limit, Instant now) {
        return h.createQuery("SELECT DISTINCT tenant_id FROM oa_core_job WHERE status = 'READY' AND due_at <= :now AND " + range
                        + " ORDER BY tenant_id LIMIT :n")
                .bind("now", InstantAsUtc.toDb(now)).bind("last", last).bind("n", limit).mapTo(String.class).list();
    }

    private static List<Long> dueOf(Handle h, String tenant, int limit, Instant now, String lockClause, Set<Long> except) {
        if (limit <= 0) {
            return List.of();
        }
        Query q = h.createQuery("SELECT id FROM oa_core_job WHERE status = 'READY' AND tenant_id = :t AND due_at <= :now"
                        + (except.isEmpty() ? "" : " AND id NOT IN (<except>)") + " ORDER BY due_at, id LIMIT :max" + lockClause)
                .bind("t", tenant).bind("now", InstantAsUtc.toDb(now)).bind("max", limit);
        if (!except.isEmpty()) {
            q.bindList("except", List.copyOf(except));
        }
        return q.mapTo(Long.class).list();
    }

    private static final RowMapper<Claimed> CLAIMED = (rs, ctx) -> new Claimed(rs.getLong("id"), rs.getString("tenant_id"),
            rs.getString("type"), rs.getString("payload"), rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getLong("fence"),
            instant(rs.getObject("first_attempt_at", LocalDateTime.class)));

    private List<Claimed> markClaimed(Handle h, List<Long> ids, String owner, Instant now, Duration lease) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Claimed> claimed = new ArrayList<>(ids.size());
        for (Long id : ids) {
            // the status condition makes the optimistic (H2) path safe as well: a job claimed meanwhile is skipped.
            // The dedupe key stays: a job waiting for its retry can still be found and cancelled by it.
            int n = h.createUpdate("""
                    UPDATE oa_core_job SET status = 'RUNNING', lease_owner = :owner, lease_expires_at = :exp,
                        fence = fence + 1, attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, :now),
                        updated_at = :now
                    WHERE id = :id AND status = 'READY'""")
                    .bind("owner", owner).bind("exp", InstantAsUtc.toDb(now.plus(lease))).bind("now", InstantAsUtc.toDb(now))
                    .bind("id", id).execute();
            if (n == 1) {
                claimed.add(h.createQuery("SELECT " + CLAIMED_COLUMNS + " FROM oa_core_job WHERE id = :id")
                        .bind("id", id).map(CLAIMED).one());
            }
        }
        return claimed;
    }

    /** Marks a job done in the handler's transaction; false when the fence moved on (this worker lost its lease). */
    public boolean complete(Handle h, Claimed job, String owner, Instant now) {
        return h.createUpdate("""
                UPDATE oa_core_job SET status = 'DONE', lease_owner = NULL, lease_expires_at = NULL, dedupe_key = NULL,
                    last_error = NULL, updated_at = :now
                WHERE id = :id AND fence = :fence AND status = 'RUNNING' AND lease_owner = :owner""")
                .bind("now", InstantAsUtc.toDb(now)).bind("id", job.id()).bind("fence", job.fence()).bind("owner", owner)
                .execute() == 1;
    }

    /** Records a failed attempt: back to READY at {@code retryAt} (keeping its key), or DEAD when {@code retryAt} is null. */
    public boolean fail(Claimed job, String owner, String error, Instant retryAt, Instant now) {
        String msg = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 1997) + "..." : error;
        return db.poolJdbi().withHandle(h -> h.createUpdate(retryAt == null ? """
                UPDATE oa_core_job SET status = 'DEAD', lease_owner = NULL, lease_expires_at = NULL, dedupe_key = NULL,
                    last_error = :err, updated_at = :now
                WHERE id = :id AND fence = :fence AND status = 'RUNNING' AND lease_owner = :owner""" : """
                UPDATE oa_core_job SET status = 'READY', lease_owner = NULL, lease_expires_at = NULL,
                    last_error = :err, due_at = :retry, updated_at = :now
                WHERE id = :id AND fence = :fence AND status = 'RUNNING' AND lease_owner = :owner""")
                .bind("err", msg).bind("now", InstantAsUtc.toDb(now)).bind("retry", InstantAsUtc.toDb(retryAt))
                .bind("id", job.id()).bind("fence", job.fence()).bind("owner", owner).execute() == 1);
    }

    /** Extends the leases of jobs this node still runs. */
    public void extendLeases(String owner, List<Claimed> running, Instant until, Instant now) {
        if (running.isEmpty()) {
            return;
        }
        db.poolJdbi().useHandle(h -> {
            for (Claimed c : running) {
                h.createUpdate("UPDATE oa_core_job SET lease_expires_at = :until, updated_at = :now WHERE id = :id AND fence = :fence AND lease_owner = :owner AND status = 'RUNNING'")
                        .bind("until", InstantAsUtc.toDb(until)).bind("now", InstantAsUtc.toDb(now)).bind("id", c.id())
                        .bind("fence", c.fence()).bind("owner", owner).execute();
            }
        });
    }

    /**
     * Returns jobs whose lease expired (their node crashed or hung) to READY, or parks them as dead
     * when that was their last attempt. The old node is fenced out: its fence is stale.
     */
    public int recoverExpired(Instant now) {
        return db.poolJdbi().withHandle(h -> {
            int dead = h.createUpdate("""
                    UPDATE oa_core_job SET status = 'DEAD', lease_owner = NULL, lease_expires_at = NULL, dedupe_key = NULL,
                        last_error = 'lease expired on the last attempt (the node running it stopped or hung)', updated_at = :now
                    WHERE status = 'RUNNING' AND lease_expires_at <= :now AND attempts >= max_attempts""")
                    .bind("now", InstantAsUtc.toDb(now)).execute();
            int ready = h.createUpdate("""
                    UPDATE oa_core_job SET status = 'READY', lease_owner = NULL, lease_expires_at = NULL,
                        last_error = 'lease expired (the node running it stopped or hung)', updated_at = :now
                    WHERE status = 'RUNNING' AND lease_expires_at <= :now""")
                    .bind("now", InstantAsUtc.toDb(now)).execute();
            return dead + ready;
        });
    }

    /** @return the job of the tenant, if it exists */
    Optional<JobInfo> find(Handle h, String tenantId, long jobId) {
        return h.createQuery("SELECT * FROM oa_core_job WHERE id = :id AND tenant_id = :t")
                .bind("id", jobId).bind("t", tenantId).map(infoMapper()).findOne();
    }

    /** @return the tenant's dead jobs (of the type, when not null), the latest to die first */
    List<JobInfo> dead(Handle h, String tenantId, String type, int limit) {
        return h.createQuery("SELECT * FROM oa_core_job WHERE tenant_id = :t AND status = 'DEAD'" + (type == null ? "" : " AND type = :type")
                        + " ORDER BY updated_at DESC, id DESC")
                .bind("t", tenantId).bind("type", type).setMaxRows(limit).map(infoMapper()).list();
    }

    /** @return the number of the tenant's jobs per status (statuses without jobs are absent) */
    List<java.util.Map.Entry<JobStatus, Long>> counts(Handle h, String tenantId) {
        return h.createQuery("SELECT status, COUNT(*) FROM oa_core_job WHERE tenant_id = :t GROUP BY status")
                .bind("t", tenantId).map((rs, ctx) -> java.util.Map.entry(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
    }

    /** @return the number of the tenant's jobs ready or running and due at or before {@code dueBy} */
    long pending(Handle h, String tenantId, Instant dueBy) {
        return h.createQuery("SELECT COUNT(*) FROM oa_core_job WHERE tenant_id = :t AND status IN ('READY', 'RUNNING') AND due_at <= :by")
                .bind("t", tenantId).bind("by", InstantAsUtc.toDb(dueBy)).mapTo(Long.class).one();
    }

    /**
     * @return ids of the tenant's dead jobs of the type created in {@code [from, before)} (either
     *     end may be null), in order of creation, at most {@code limit}
     */
    List<Long> deadIds(Handle h, String tenantId, String type, Instant from, Instant before, int limit) {
        Query q = h.createQuery("SELECT id FROM oa_core_job WHERE tenant_id = :t AND status = 'DEAD' AND type = :type"
                        + (from == null ? "" : " AND created_at >= :from") + (before == null ? "" : " AND created_at < :before")
                        + " ORDER BY id")
                .bind("t", tenantId).bind("type", type);
        if (from != null) {
            q.bind("from", InstantAsUtc.toDb(from));
        }
        if (before != null) {
            q.bind("before", InstantAsUtc.toDb(before));
        }
        return q.setMaxRows(limit).mapTo(Long.class).list();
    }

    /**
     * Puts dead jobs of the tenant back to READY, due now, with fresh attempts and a fresh retry
     * budget. Jobs due at the same time are claimed in id order, so they run in order of creation.
     *
     * @return how many were dead and are READY now
     */
    int replay(Handle h, String tenantId, List<Long> ids, Instant now) {
        int n = 0;
        for (int from = 0; from < ids.size(); from += 500) {
            n += h.createUpdate("""
                    UPDATE oa_core_job SET status = 'READY', attempts = 0, first_attempt_at = NULL, due_at = :now,
                        last_error = NULL, updated_at = :now
                    WHERE tenant_id = :t AND status = 'DEAD' AND id IN (<ids>)""")
                    .bind("now", InstantAsUtc.toDb(now)).bind("t", tenantId)
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500))).execute();
        }
        return n;
    }

    /**
     * Deletes jobs that ended before the cut-offs, at most {@code batch} rows per statement.
     *
     * @param doneBefore done and cancelled jobs that ended before this go
     * @param deadBefore dead jobs that died before this go; null keeps them
     * @param maxBatches statements per status at most in this call
     * @return rows deleted
     */
    public int purgeEnded(Instant doneBefore, Instant deadBefore, int batch, int maxBatches) {
        int n = purge("status IN ('DONE', 'CANCELLED')", doneBefore, batch, maxBatches);
        return deadBefore == null ? n : n + purge("status = 'DEAD'", deadBefore, batch, maxBatches);
    }

    private int purge(String condition, Instant before, int batch, int maxBatches) {
        return BatchedDelete.run(db.poolJdbi(), batch, maxBatches,
                h -> h.createQuery("SELECT id FROM oa_core_job WHERE " + condition + " AND updated_at < :before ORDER BY updated_at")
                        .bind("before", InstantAsUtc.toDb(before)).setMaxRows(batch).mapTo(Long.class).list(),
                (h, ids) -> h.createUpdate("DELETE FROM oa_core_job WHERE " + condition + " AND id IN (<ids>)").bindList("ids", ids).execute());
    }

    /** @return true if the dialect is H2 (tests use it to pick expectations) */
    public boolean isH2() {
        return db.dialect() == Dialect.H2;
    }
}
