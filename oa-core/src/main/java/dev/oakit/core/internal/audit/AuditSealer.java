package dev.oakit.core.internal.audit;

import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.internal.db.Database;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Chains committed audit entries: gives each unsealed entry of a tenant the next sequence number,
 * the previous entry's hash and its own hash (keyed with the current key of {@link AuditKeys}),
 * under the tenant's head-row lock, in id order. Runs every second on every node (sealers of
 * several nodes take turns through the lock), before every read of the log and after every check
 * of it, so that commands only ever insert one row.
 */
@Singleton
public final class AuditSealer {
    /** Which tenants have unsealed entries: served by the index {@code oa_core_audit_unsealed} (V9). */
    static final String UNSEALED_TENANTS_SQL = "SELECT DISTINCT tenant_id FROM oa_core_audit WHERE seq IS NULL";
    /** A tenant's unsealed entries in id order: served by the same index. */
    static final String PENDING_SQL = "SELECT id, tenant_id, actor_id, on_behalf_of, action, target_type, target_id, occurred_at,"
            + " request_id, summary FROM oa_core_audit WHERE tenant_id = :t AND seq IS NULL ORDER BY id";

    private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);
    private static final int BATCH = 500;

    private final Database db;
    private final AuditKeys keys;

    @Inject
    private AuditSealer(Database db, AuditKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    /** An unsealed row. */
    private record Pending(long id, AuditRecord record) {
    }

    /** Seals every tenant's pending entries; returns how many were sealed. */
    public int sealAll() {
        List<String> tenants = db.poolJdbi().withHandle(h -> h.createQuery(UNSEALED_TENANTS_SQL).mapTo(String.class).list());
        int n = 0;
        for (String t : tenants) {
            n += seal(t);
        }
        return n;
    }

    /** Seals the tenant's pending entries; returns how many were sealed. */
    public int seal(String tenantId) {
        AuditLogService.ensureHead(db.poolJdbi(), tenantId);
        int total = 0;
        while (true) {
            int n = db.poolJdbi().inTransaction(h -> sealBatch(h, tenantId));
            total += n;
            if (n < BATCH) {
                if (total > 0) {
                    LOG.debug("sealed {} audit entries of tenant {}", total, tenantId);
                }
                return total;
            }
        }
    }

    private int sealBatch(Handle h, String tenantId) {
        Head head = h.createQuery("SELECT last_seq, last_hash FROM oa_core_audit_head WHERE tenant_id = :t FOR UPDATE")
                .bind("t", tenantId).map((rs, c) -> new Head(rs.getLong(1), rs.getString(2))).one();
        List<Pending> pending = h.createQuery(PENDING_SQL)
                .bind("t", tenantId).setMaxRows(BATCH)
                .map((rs, c) -> new Pending(rs.getLong("id"), new AuditRecord(0, rs.getString("tenant_id"), rs.getString("actor_id"),
                        rs.getString("on_behalf_of"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                        rs.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("request_id"),
                        rs.getString("summary"), null, null)))
                .list();
        if (pending.isEmpty()) {
            return 0;
        }
        long seq = head.seq();
        String prev = head.hash();
        PreparedBatch batch = h.prepareBatch("UPDATE oa_core_audit SET seq = :seq, prev_hash = :prev, hash = :hash, key_id = :key"
                + " WHERE id = :id AND seq IS NULL");
        String key = keys.current();
        for (Pending p : pending) {
            seq++;
            AuditRecord r = p.record();
            AuditRecord chained = new AuditRecord(seq, r.tenantId(), r.actorId(), r.onBehalfOf(), r.action(), r.targetType(),
                    r.targetId(), Instant.ofEpochMilli(r.occurredAt().toEpochMilli()), r.requestId(), r.summary(), prev, null, key);
            String hash = keys.hash(chained);
            batch.bind("seq", seq).bind("prev", prev).bind("hash", hash).bind("key", key).bind("id", p.id()).add();
            prev = hash;
        }
        batch.execute();
        h.createUpdate("UPDATE oa_core_audit_head SET last_seq = :seq, last_hash = :hash WHERE tenant_id = :t")
                .bind("seq", seq).bind("hash", prev).bind("t", tenantId).execute();
        return pending.size();
    }

    private record Head(long seq, String hash) {
    }
}
