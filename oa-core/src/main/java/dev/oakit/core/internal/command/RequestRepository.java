package dev.oakit.core.internal.command;

import dev.oakit.core.internal.db.BatchedDelete;
import dev.oakit.core.internal.db.InstantAsUtc;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every statement on the request table: the request ids of idempotent commands and their first results. */
public final class RequestRepository {
    private RequestRepository() {
    }

    /** A request id seen before: what it did, and its stored result (JSON). */
    record Prior(String action, String result, String actorId, String target) {
    }

    static Optional<Prior> find(Handle h, String tenantId, String requestId) {
        return h.createQuery("SELECT action, result, actor_id, target FROM oa_core_request WHERE tenant_id = :t AND request_id = :r")
                .bind("t", tenantId).bind("r", requestId)
                .map((rs, ctx) -> new Prior(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).findOne();
    }

    /** Claims the request id; a concurrent claim of the same id fails on the primary key. */
    static void insert(Handle h, String tenantId, String requestId, String action, String actorId, String target, Instant now) {
        h.createUpdate("INSERT INTO oa_core_request (tenant_id, request_id, action, actor_id, target, created_at)"
                        + " VALUES (:t, :r, :a, :actor, :target, :now)")
                .bind("t", tenantId).bind("r", requestId).bind("a", action)
                .bind("actor", actorId).bind("target", target)
                .bind("now", InstantAsUtc.toDb(now)).execute();
    }

    static void storeResult(Handle h, String tenantId, String requestId, String result) {
        h.createUpdate("UPDATE oa_core_request SET result = :res WHERE tenant_id = :t AND request_id = :r")
                .bind("res", result).bind("t", tenantId).bind("r", requestId).execute();
    }

    /**
     * Deletes request ids first seen before {@code before}, at most {@code batch} rows per
     * statement and {@code maxBatches} statements; a request repeated after that runs again.
     *
     * @return rows deleted
     */
    public static int purge(Jdbi jdbi, Instant before, int batch, int maxBatches) {
        return BatchedDelete.run(jdbi, batch, maxBatches,
                h -> h.createQuery("SELECT tenant_id, request_id FROM oa_core_request WHERE created_at < :before ORDER BY created_at")
                        .bind("before", InstantAsUtc.toDb(before)).setMaxRows(batch)
                        .map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2))).list(),
                (h, keys) -> {
                    int n = 0;
                    for (int from = 0; from < keys.size(); from += 100) {
                        n += delete(h, keys.subList(from, Math.min(keys.size(), from + 100)), before);
                    }
                    return n;
                });
    }

    private static int delete(Handle h, List<Key> keys, Instant before) {
        StringBuilder where = new StringBuilder();
        for (int k = 0; k < keys.size(); k++) {
            where.append(k == 0 ? "" : " OR ").append("(tenant_id = :t").append(k).append(" AND request_id = :r").append(k).append(')');
        }
        var delete = h.createUpdate("DELETE FROM oa_core_request WHERE created_at < :before AND (" + where + ")")
                .bind("before", InstantAsUtc.toDb(before));
        for (int k = 0; k < keys.size(); k++) {
            delete.bind("t" + k, keys.get(k).tenantId()).bind("r" + k, keys.get(k).requestId());
        }
        return delete.execute();
    }

    private record Key(String tenantId, String requestId) {
    }
}
