package dev.oakit.erp.masterdata.internal;

import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.MasterRecord;
import dev.oakit.integration.spi.MultiRowInsert;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every statement on {@code oa_erp_master} (the synced records) and {@code oa_erp_master_sync} (each kind's
 * watermark). A page is stored in a fixed number of statements whatever its size: one read of the stored
 * versions, one multi-row insert of the new records, one batch of updates of the changed ones.
 */
@Singleton
public final class MasterDataRepository {
    private static final String COLUMNS = "target, kind, external_id, name, email, active, version";

    /** Where the sync of a kind stands. */
    public record SyncRow(long watermark, long pulled, long applied) {
    }

    /**
     * Stores the records newer than what is stored. @return the records stored (new or changed)
     */
    public List<MasterRecord> store(Handle h, String tenant, String target, MasterKind kind, List<MasterRecord> page, Instant now) {
        return store(h, tenant, target, kind, page, now, false);
    }

    /**
     * Stores the records newer than what is stored; with {@code assumeNew} every record is inserted without reading
     * what is stored (a kind's first sync), and one stored already fails the insert as a duplicate key.
     * @return the records stored (new or changed)
     */
    public List<MasterRecord> store(Handle h, String tenant, String target, MasterKind kind, List<MasterRecord> page, Instant now,
                                    boolean assumeNew) {
        Map<String, MasterRecord> newest = new HashMap<>();
        for (MasterRecord r : page) {
            newest.merge(r.externalId(), r, (a, b) -> a.version() >= b.version() ? a : b);
        }
        if (newest.isEmpty()) {
            return List.of();
        }
        Map<String, Long> stored = assumeNew ? Map.of() : versions(h, tenant, target, kind, newest.keySet());
        List<MasterRecord> inserts = new ArrayList<>();
        PreparedBatch update = h.prepareBatch("UPDATE oa_erp_master SET name = :name, email = :email, active = :active, version = :version,"
                + " synced_at = :now WHERE tenant_id = :t AND target = :target AND kind = :kind AND external_id = :id AND version < :version");
        List<MasterRecord> changed = new ArrayList<>();
        for (MasterRecord r : newest.values()) {
            Long v = stored.get(r.externalId());
            if (v != null && v >= r.version()) {
                continue;
            }
            if (v == null) {
                inserts.add(r);
                changed.add(r);
                continue;
            }
            update.bind("t", tenant).bind("target", target).bind("kind", kind.name()).bind("id", r.externalId()).bind("name", r.name())
                    .bind("email", r.email()).bind("active", r.active()).bind("version", r.version()).bind("now", db(now)).add();
            changed.add(r);
        }
        insert(h, tenant, target, kind, inserts, now);
        if (update.size() > 0) {
            update.execute();
        }
        return changed;
    }

    /** The new records in one multi-row INSERT ({@link MultiRowInsert}: one statement on the server too). */
    private static void insert(Handle h, String tenant, String target, MasterKind kind, List<MasterRecord> rows, Instant now) {
        MultiRowInsert insert = MultiRowInsert.into("oa_erp_master", "tenant_id", "target", "kind", "external_id", "name", "email", "active",
                "version", "synced_at");
        for (MasterRecord r : rows) {
            insert.row(tenant, target, kind.name(), r.externalId(), r.name(), r.email(), r.active(), r.version(), db(now));
        }
        insert.execute(h);
    }

    private static Map<String, Long> versions(Handle h, String tenant, String target, MasterKind kind, Collection<String> ids) {
        Map<String, Long> out = new HashMap<>();
        h.createQuery("SELECT external_id, version FROM oa_erp_master WHERE tenant_id = :t AND target = :target AND kind = :kind"
                        + " AND external_id IN (<ids>)")
                .bind("t", tenant).bind("target", target).bind("kind", kind.name()).bindList("ids", new ArrayList<>(ids))
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** @return the sync state of a kind, when it ran before */
    public Optional<SyncRow> sync(Handle h, String tenant, String target, MasterKind kind) {
        return h.createQuery("SELECT watermark, pulled, applied FROM oa_erp_master_sync WHERE tenant_id = :t AND target = :target AND kind = :kind")
                .bind("t", tenant).bind("target", target).bind("kind", kind.name())
                .map((rs, c) -> new SyncRow(rs.getLong(1), rs.getLong(2), rs.getLong(3))).findOne();
    }

    /** Records a stored page: the watermark raised (never lowered) and the counts added. */
    public void recordPage(Handle h, String tenant, String target, MasterKind kind, long highest, int pulled, int applied, Instant now) {
        int n = h.createUpdate("UPDATE oa_erp_master_sync SET watermark = CASE WHEN watermark < :w THEN :w ELSE watermark END,"
                        + " pulled = pulled + :p, applied = applied + :a, synced_at = :now WHERE tenant_id = :t AND target = :target AND kind = :kind")
                .bind("w", highest).bind("p", pulled).bind("a", applied).bind("now", db(now)).bind("t", tenant).bind("target", target)
                .bind("kind", kind.name()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_erp_master_sync (tenant_id, target, kind, watermark, pulled, applied, synced_at)"
                            + " VALUES (:t, :target, :kind, :w, :p, :a, :now)")
                    .bind("w", highest).bind("p", pulled).bind("a", applied).bind("now", db(now)).bind("t", tenant).bind("target", target)
                    .bind("kind", kind.name()).execute();
        }
    }

    /** @return one record */
    public Optional<MasterRecord> find(Handle h, String tenant, String target, MasterKind kind, String externalId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_erp_master WHERE tenant_id = :t AND target = :target AND kind = :kind"
                        + " AND external_id = :id")
                .bind("t", tenant).bind("target", target).bind("kind", kind.name()).bind("id", externalId).map((rs, c) -> row(rs)).findOne();
    }

    /** @return the active records of a kind, by name */
    public List<MasterRecord> active(Handle h, String tenant, String target, MasterKind kind) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_erp_master WHERE tenant_id = :t AND target = :target AND kind = :kind"
                        + " AND active = :yes ORDER BY name, external_id")
                .bind("t", tenant).bind("target", target).bind("kind", kind.name()).bind("yes", true).map((rs, c) -> row(rs)).list();
    }

    /** @return whether each of these ERP ids is active, for those stored; one statement */
    public Map<String, Boolean> activeOf(Handle h, String tenant, String target, MasterKind kind, Collection<String> externalIds) {
        Map<String, Boolean> out = new HashMap<>();
        h.createQuery("SELECT external_id, active FROM oa_erp_master WHERE tenant_id = :t AND target = :target AND kind = :kind"
                        + " AND external_id IN (<ids>)")
                .bind("t", tenant).bind("target", target).bind("kind", kind.name()).bindList("ids", List.copyOf(externalIds))
                .map((rs, c) -> out.put(rs.getString(1), rs.getBoolean(2))).list();
        return out;
    }

    private static MasterRecord row(ResultSet rs) throws SQLException {
        return new MasterRecord(rs.getString(1), MasterKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getLong(7));
    }

    private static LocalDateTime db(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
