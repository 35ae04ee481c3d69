package dev.oakit.core.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** SQL for the job table: insert, claim with leases and fencing, complete, fail, recover. */
public final class JobStore {
    /** Claims on H2, which has no SKIP LOCKED, are serialised per database inside the JVM (H2 embedded has one JVM). */
    private static final ConcurrentHashMap<String, ReentrantLock> H2_CLAIM_LOCKS = new ConcurrentHashMap<>();

    private final Database db;
    private final ObjectMapper json;

    public JobStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A job claimed by this node: run it under {@code fence}. */
    public record Claimed(long id, String tenantId, String type, String payload, int attempts, int maxAttempts, long fence) {
    }

    RowMapper<JobInfo> infoMapper() {
        return (rs, ctx) -> new JobInfo(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("type"),
                JobStatus.valueOf(rs.getString("status")), readJson(rs.getString("payload")),
                instant(rs.getObject("due_at", java.time.LocalDateTime.class)), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getString("lease_owner"),
                instant(rs.getObject("lease_expires_at", java.time.LocalDateTime.class)), rs.getLong("fence"),
                rs.getString("last_error"), instant(rs.getObject("created_at", java.time.LocalDateTime.class)),
                instant(rs.getObject("updated_at", java.time.LocalDateTime.class)));
    }

    private static Instant instant(java.time.LocalDateTime t) {
        return t == null ? null : t.toInstant(java.time.ZoneOffset.UTC);
    }

    private JsonNode readJson(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(s);
        }
    }

    /** Inserts a job in the caller's transaction; returns the existing pending job's id for a repeated dedupe key. */
    public long insert(Handle h, String tenantId, JobRequest r, Instant now, int defaultMaxAttempts) {
        if (r.dedupeKey() != null) {
            Optional<Long> existing = h.createQuery("SELECT id FROM oa_core_job WHERE tenant_id = :t AND dedupe_key = :k AND status = 'READY'")
                    .bind("t", tenantId).bind("k", r.dedupeKey()).mapTo(Long.class).findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        String payload;
        try {
            payload = r.payload() == null ? "{}" : json.writeValueAsString(r.payload());
        } catch (Exception e) {
            throw dev.oakit.core.ValidationException.of("payload", "cannot be written as JSON: " + e.getMessage());
        }
        Instant due = r.dueAt() == null ? now : r.dueAt();
        return h.createUpdate("""
                INSERT INTO oa_core_job (tenant_id, type, status, payload, due_at, attempts, max_attempts, fence,
                    dedupe_key, created_at, updated_at)
                VALUES (:t, :type, 'READY', :payload, :due, 0, :max, 0, :key, :now, :now)""")
                .bind("t", tenantId).bind("type", r.type()).bind("payload", payload).bind("due", InstantAsUtc.toDb(due))
                .bind("max", r.maxAttempts() == 0 ? defaultMaxAttempts : r.maxAttempts()).bind("key", r.dedupeKey())
                .bind("now", InstantAsUtc.toDb(now))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Cancels READY jobs with the key; returns how many. */
    public int cancel(Handle h, String tenantId, String dedupeKey, Instant now) {
        return h.createUpdate("""
                UPDATE oa_core_job SET status = 'CANCELLED', dedupe_key = NULL, updated_at = :now
                WHERE tenant_id = :t AND dedupe_key = :k AND status = 'READY'""")
                .bind("t", tenantId).bind("k", dedupeKey).bind("now", InstantAsUtc.toDb(now)).execute();
    }

    /** Claims up to {@code max} due jobs for {@code owner}. Each claim increments the fencing token. */
    public List<Claimed> claim(String owner, int max, Instant now, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        if (db.dialect().supportsSkipLocked()) {
            return db.poolJdbi().inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED, h -> {
                List<Long> ids = h.createQuery("""
                        SELECT id FROM oa_core_job WHERE status = 'READY' AND due_at <= :now
                        ORDER BY due_at LIMIT :max FOR UPDATE SKIP LOCKED""")
                        .bind("now", InstantAsUtc.toDb(now)).bind("max", max).mapTo(Long.class).list();
                return markClaimed(h, ids, owner, now, lease);
            });
        }
        ReentrantLock lock = H2_CLAIM_LOCKS.computeIfAbsent(db.url(), u -> new ReentrantLock());
        lock.lock();
        try {
            return db.poolJdbi().inTransaction(h -> {
                List<Long> ids = h.createQuery("""
                        SELECT id FROM oa_core_job WHERE status = 'READY' AND due_at <= :now
                        ORDER BY due_at LIMIT :max""")
                        .bind("now", InstantAsUtc.toDb(now)).bind("max", max).mapTo(Long.class).list();
                return markClaimed(h, ids, owner, now, lease);
            });
        } finally {
            lock.unlock();
        }
    }

    /** Claims one specific READY job (used to run a just-committed job inline); empty if another node has it. */
    public Optional<Claimed> claimOne(long id, String owner, Instant now, Duration lease) {
        if (!db.dialect().supportsSkipLocked()) {
            ReentrantLock lock = H2_CLAIM_LOCKS.computeIfAbsent(db.url(), u -> new ReentrantLock());
            lock.lock();
            try {
                return claimOneLocked(id, owner, now, lease);
            } finally {
                lock.unlock();
            }
        }
        return claimOneLocked(id, owner, now, lease);
    }

    private Optional<Claimed> claimOneLocked(long id, String owner, Instant now, Duration lease) {
        return db.poolJdbi().inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED, h -> {
            int n = h.createUpdate("""
                    UPDATE oa_core_job SET status = 'RUNNING', lease_owner = :owner, lease_expires_at = :exp,
                        fence = fence + 1, attempts = attempts + 1, dedupe_key = NULL, updated_at = :now
                    WHERE id = :id AND status = 'READY' AND due_at <= :now""")
                    .bind("owner", owner).bind("exp", InstantAsUtc.toDb(now.plus(lease))).bind("now", InstantAsUtc.toDb(now))
                    .bind("id", id).execute();
            if (n == 0) {
                return Optional.<Claimed>empty();
            }
            return h.createQuery("SELECT id, tenant_id, type, payload, attempts, max_attempts, fence FROM oa_core_job WHERE id = :id AND lease_owner = :owner")
                    .bind("id", id).bind("owner", owner).map(CLAIMED).findOne();
        });
    }

    private static final RowMapper<Claimed> CLAIMED = (rs, ctx) -> new Claimed(rs.getLong("id"), rs.getString("tenant_id"),
            rs.getString("type"), rs.getString("payload"), rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getLong("fence"));

    private List<Claimed> markClaimed(Handle h, List<Long> ids, String owner, Instant now, Duration lease) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Claimed> claimed = new ArrayList<>(ids.size());
        for (Long id : ids) {
            // the status condition makes the optimistic (H2) path safe as well: a job claimed meanwhile is skipped
            int n = h.createUpdate("""
                    UPDATE oa_core_job SET status = 'RUNNING', lease_owner = :owner, lease_expires_at = :exp,
                        fence = fence + 1, attempts = attempts + 1, dedupe_key = NULL, updated_at = :now
                    WHERE id = :id AND status = 'READY'""")
                    .bind("owner", owner).bind("exp", InstantAsUtc.toDb(now.plus(lease))).bind("now", InstantAsUtc.toDb(now))
                    .bind("id", id).execute();
            if (n == 1) {
                claimed.add(h.createQuery("SELECT id, tenant_id, type, payload, attempts, max_attempts, fence FROM oa_core_job WHERE id = :id")
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

    /** Records a failed attempt: back to READY at {@code retryAt}, or DEAD when {@code retryAt} is null. */
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

    /** @return true if the dialect is H2 (tests use it to pick expectations) */
    public boolean isH2() {
        return db.dialect() == Dialect.H2;
    }
}
