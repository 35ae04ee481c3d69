package dev.oakit.integration.internal.write;

import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.TargetStats;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.internal.Columns;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every statement on {@code oa_int_write}. The claim and the record are compare-and-set on the
 * fencing token: a worker whose lease was taken over changes nothing.
 */
@Singleton
public final class WriteRepository {
    private static final String COLUMNS = "id, target, operation, write_key, local_id, payload, status, remote_id, attempts, creates,"
            + " last_error, remote_status, remote_error, created_at, updated_at";

    /** A write as a worker sees it when it claims it. */
    public record Row(RemoteWrite write, long fence, Instant leaseUntil) {
    }

    /** Inserts a new write as PENDING. @return its id */
    public long insert(Handle h, String tenant, NewRemoteWrite w, String payload, Instant now) {
        return h.createUpdate("INSERT INTO oa_int_write (tenant_id, target, operation, write_key, local_id, payload, status, attempts,"
                        + " creates, fence, created_at, updated_at) VALUES (:t, :target, :op, :k, :l, :p, :s, 0, 0, 0, :now, :now)")
                .bind("t", tenant).bind("target", w.target()).bind("op", w.operation()).bind("k", w.key()).bind("l", w.localId())
                .bind("p", payload).bind("s", WriteStatus.PENDING.name()).bind("now", Columns.db(now))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** @return the write with its fence and lease */
    public Optional<Row> row(Handle h, String tenant, long id) {
        return h.createQuery("SELECT " + COLUMNS + ", fence, lease_until FROM oa_int_write WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant).bind("id", id)
                .map((rs, c) -> new Row(write(rs), rs.getLong("fence"), Columns.instant(rs, "lease_until"))).findOne();
    }

    /** @return the write */
    public Optional<RemoteWrite> get(Handle h, String tenant, long id) {
        return row(h, tenant, id).map(Row::write);
    }

    /** @return the write of a target, operation and key */
    public Optional<RemoteWrite> byKey(Handle h, String tenant, String target, String operation, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_int_write WHERE tenant_id = :t AND target = :target AND operation = :op"
                        + " AND write_key = :k")
                .bind("t", tenant).bind("target", target).bind("op", operation).bind("k", key).map((rs, c) -> write(rs)).findOne();
    }

    /**
     * @return whether a write of ours created the remote record: confirmed with that remote id, or (when the
     *     record carries a key) requested with that key, whatever its status
     */
    public boolean ours(Handle h, String tenant, String target, String operation, String remoteId, String key) {
        var q = h.createQuery("SELECT COUNT(*) FROM oa_int_write WHERE tenant_id = :t AND target = :target AND operation = :op"
                        + " AND ((status = 'CONFIRMED' AND remote_id = :rid)" + (key == null ? ")" : " OR write_key = :k)"))
                .bind("t", tenant).bind("target", target).bind("op", operation).bind("rid", remoteId);
        if (key != null) {
            q.bind("k", key);
        }
        return q.mapTo(Long.class).one() > 0;
    }

    /**
     * {@link #ours} for a page of records in one statement.
     *
     * @param keys OAKit's key each record carries, by remote id (a null key: none)
     * @return the remote ids among them that a write of ours created
     */
    public java.util.Set<String> oursAmong(Handle h, String tenant, String target, String operation, Map<String, String> keys) {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, String> byKey = new java.util.HashMap<>();
        keys.forEach((id, k) -> {
            if (k != null) {
                byKey.put(k, id);
            }
        });
        // two branches, each served by its column's index (an OR of the two would scan on some databases)
        var q = h.createQuery("SELECT status, remote_id, write_key FROM oa_int_write WHERE tenant_id = :t AND target = :target AND operation = :op"
                        + " AND status = 'CONFIRMED' AND remote_id IN (<rids>)" + (byKey.isEmpty() ? ""
                        : " UNION ALL SELECT status, remote_id, write_key FROM oa_int_write WHERE tenant_id = :t AND target = :target"
                        + " AND operation = :op AND write_key IN (<ks>)"))
                .bind("t", tenant).bind("target", target).bind("op", operation).bindList("rids", List.copyOf(keys.keySet()));
        if (!byKey.isEmpty()) {
            q.bindList("ks", List.copyOf(byKey.keySet()));
        }
        q.map((rs, c) -> {
            String rid = rs.getString(2);
            if ("CONFIRMED".equals(rs.getString(1)) && rid != null && keys.containsKey(rid)) {
                out.add(rid);
            }
            String mine = byKey.get(rs.getString(3));
            if (mine != null) {
                out.add(mine);
            }
            return true;
        }).list();
        return out;
    }

    /** @return every write of a target and operation, by key */
    public List<RemoteWrite> allOf(Handle h, String tenant, String target, String operation) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_int_write WHERE tenant_id = :t AND target = :target AND operation = :op"
                        + " ORDER BY write_key")
                .bind("t", tenant).bind("target", target).bind("op", operation).map((rs, c) -> write(rs)).list();
    }

    /** @return per target: writes per status, and the delivery times of the confirmed ones */
    public Map<String, TargetStats> stats(Handle h, String tenant) {
        Map<String, Map<WriteStatus, Long>> counts = new TreeMap<>();
        h.createQuery("SELECT target, status, COUNT(*) AS n FROM oa_int_write WHERE tenant_id = :t GROUP BY target, status")
                .bind("t", tenant)
                .map((rs, c) -> counts.computeIfAbsent(rs.getString("target"), k -> new EnumMap<>(WriteStatus.class))
                        .put(WriteStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
        Map<String, Long[]> times = new TreeMap<>();
        h.createQuery("SELECT target, AVG(confirm_ms) AS avg_ms, MAX(confirm_ms) AS max_ms FROM oa_int_write WHERE tenant_id = :t"
                        + " AND status = 'CONFIRMED' AND confirm_ms IS NOT NULL GROUP BY target")
                .bind("t", tenant)
                .map((rs, c) -> times.put(rs.getString("target"), new Long[]{Math.round(rs.getDouble("avg_ms")), rs.getLong("max_ms")}))
                .list();
        Map<String, TargetStats> stats = new TreeMap<>();
        counts.forEach((target, n) -> {
            Long[] t = times.getOrDefault(target, new Long[]{null, null});
            stats.put(target, new TargetStats(target, n.getOrDefault(WriteStatus.PENDING, 0L), n.getOrDefault(WriteStatus.SENT, 0L),
                    n.getOrDefault(WriteStatus.CONFIRMED, 0L), n.getOrDefault(WriteStatus.UNKNOWN, 0L), n.getOrDefault(WriteStatus.FAILED, 0L),
                    t[0], t[1]));
        });
        return stats;
    }

    /** Stores how long a write took from its request to its confirmation; only while the fence is ours. */
    public void confirmedAfter(Handle h, String tenant, long id, long fence, long millis) {
        h.createUpdate("UPDATE oa_int_write SET confirm_ms = :ms WHERE tenant_id = :t AND id = :id AND fence = :f")
                .bind("ms", millis).bind("t", tenant).bind("id", id).bind("f", fence).execute();
    }

    /**
     * Claims a write whose lease is free: sets the status the claim stores, a new fence and the lease.
     *
     * @param attempt whether this claim starts an attempt (counted) or continues one
     * @param create whether the worker is about to send a create (counted now, so a worker that dies during the call is counted)
     * @return whether this worker now holds it (false: another worker claimed or holds it)
     */
    public boolean claim(Handle h, String tenant, long id, long seenFence, WriteStatus during, boolean attempt, boolean create,
                         String owner, Instant leaseUntil, Instant now) {
        return h.createUpdate("UPDATE oa_int_write SET status = :s, fence = fence + 1, lease_owner = :o, lease_until = :u,"
                        + " attempts = attempts + :a, creates = creates + :cr, updated_at = :now WHERE tenant_id = :t AND id = :id AND fence = :f"
                        + " AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :o)")
                .bind("s", during.name()).bind("o", owner).bind("u", Columns.db(leaseUntil)).bind("a", attempt ? 1 : 0).bind("cr", create ? 1 : 0)
                .bind("now", Columns.db(now)).bind("t", tenant).bind("id", id).bind("f", seenFence).execute() == 1;
    }

    /** @return whether the worker still holds the write with this fence and its lease lasts until at least {@code until} */
    public boolean holds(Handle h, String tenant, long id, long fence, String owner, Instant until) {
        return h.createQuery("SELECT COUNT(*) FROM oa_int_write WHERE tenant_id = :t AND id = :id AND fence = :f AND lease_owner = :o"
                        + " AND lease_until >= :u")
                .bind("t", tenant).bind("id", id).bind("f", fence).bind("o", owner).bind("u", Columns.db(until))
                .mapTo(Integer.class).one() == 1;
    }

    /**
     * Records an outcome, only while the fence is still this worker's; releases the lease.
     *
     * @return whether it was recorded
     */
    public boolean record(Handle h, String tenant, long id, long fence, String owner, WriteStatus status, String remoteId,
                          String error, Integer remoteStatus, String remoteError, Instant now) {
        return h.createUpdate("UPDATE oa_int_write SET status = :s, remote_id = COALESCE(:r, remote_id),"
                        + " last_error = :e, remote_status = :rs, remote_error = :re, lease_owner = NULL, lease_until = NULL,"
                        + " updated_at = :now WHERE tenant_id = :t AND id = :id AND fence = :f AND lease_owner = :o")
                .bind("s", status.name()).bind("r", remoteId).bind("e", Columns.cut(error, 2000))
                .bind("rs", remoteStatus).bind("re", Columns.cut(remoteError, 4000)).bind("now", Columns.db(now))
                .bind("t", tenant).bind("id", id).bind("f", fence).bind("o", owner).execute() == 1;
    }

    /** @return dead letters, oldest first */
    public List<RemoteWrite> failed(Handle h, String tenant, String target, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_int_write WHERE tenant_id = :t AND status = :s"
                        + (target == null ? "" : " AND target = :target") + " ORDER BY id")
                .bind("t", tenant).bind("s", WriteStatus.FAILED.name()).bind("target", target).setMaxRows(limit)
                .map((rs, c) -> write(rs)).list();
    }

    /** @return the newest dead letters of every target */
    public List<RemoteWrite> failedNewest(Handle h, String tenant, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_int_write WHERE tenant_id = :t AND status = :s ORDER BY id DESC")
                .bind("t", tenant).bind("s", WriteStatus.FAILED.name()).setMaxRows(limit)
                .map((rs, c) -> write(rs)).list();
    }

    /** Puts a dead letter back: the given status, fresh attempts, a new fence. @return whether it was a dead letter */
    public boolean replay(Handle h, String tenant, long id, WriteStatus status, Instant now) {
        return h.createUpdate("UPDATE oa_int_write SET status = :s, attempts = 0, fence = fence + 1, lease_owner = NULL, lease_until = NULL,"
                        + " updated_at = :now WHERE tenant_id = :t AND id = :id AND status = :failed")
                .bind("s", status.name()).bind("now", Columns.db(now)).bind("t", tenant).bind("id", id)
                .bind("failed", WriteStatus.FAILED.name()).execute() == 1;
    }

    private static RemoteWrite write(ResultSet rs) throws SQLException {
        Integer remoteStatus = rs.getObject("remote_status", Integer.class);
        return new RemoteWrite(rs.getLong("id"), rs.getString("target"), rs.getString("operation"), rs.getString("write_key"),
                rs.getString("local_id"), rs.getString("payload"), WriteStatus.valueOf(rs.getString("status")), rs.getString("remote_id"),
                rs.getInt("attempts"), rs.getInt("creates"), rs.getString("last_error"), remoteStatus,
                rs.getString("remote_error"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
