package dev.oakit.integration.internal.inbox;

import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.internal.Columns;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** Every statement on {@code oa_int_inbox_delivery} and {@code oa_int_inbox_entity}. */
@Singleton
public final class InboxRepository {
    /** @return whether a delivery with the key was recorded */
    public boolean seen(Handle h, String tenant, String system, String deliveryKey) {
        return h.createQuery("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = :t AND system_id = :s AND delivery_key = :k")
                .bind("t", tenant).bind("s", system).bind("k", deliveryKey).mapTo(Long.class).one() > 0;
    }

    /** Records a delivery; a concurrent one with the same key fails on the unique index. */
    public void record(Handle h, String tenant, String deliveryKey, InboundEvent e, InboxReceipt.Outcome outcome, Instant at) {
        h.createUpdate("INSERT INTO oa_int_inbox_delivery (tenant_id, system_id, delivery_key, entity_type, entity_id, remote_version,"
                        + " outcome, payload, received_at) VALUES (:t, :s, :k, :et, :ei, :v, :o, :p, :at)")
                .bind("t", tenant).bind("s", e.system()).bind("k", deliveryKey).bind("et", e.entityType()).bind("ei", e.entityId())
                .bind("v", e.remoteVersion()).bind("o", outcome.name()).bind("p", e.payload()).bind("at", Columns.db(at)).execute();
    }

    /**
     * @param latest lock the row and read its last committed version (a plain read may see the
     *     transaction's older snapshot: MariaDB's REPEATABLE READ)
     * @return the stored version of a remote record
     */
    public Optional<Long> version(Handle h, String tenant, InboundEvent e, boolean latest) {
        return h.createQuery("SELECT remote_version FROM oa_int_inbox_entity WHERE tenant_id = :t AND system_id = :s"
                        + " AND entity_type = :et AND entity_id = :ei" + (latest ? " FOR UPDATE" : ""))
                .bind("t", tenant).bind("s", e.system()).bind("et", e.entityType()).bind("ei", e.entityId()).mapTo(Long.class).findOne();
    }

    /** Stores the first version of a remote record; a concurrent first one fails on the unique index. */
    public void insertVersion(Handle h, String tenant, InboundEvent e, Instant at) {
        h.createUpdate("INSERT INTO oa_int_inbox_entity (tenant_id, system_id, entity_type, entity_id, remote_version, updated_at)"
                        + " VALUES (:t, :s, :et, :ei, :v, :at)")
                .bind("t", tenant).bind("s", e.system()).bind("et", e.entityType()).bind("ei", e.entityId())
                .bind("v", e.remoteVersion()).bind("at", Columns.db(at)).execute();
    }

    /** Raises the stored version. @return false when it is already as new (a concurrent delivery raised it) */
    public boolean raiseVersion(Handle h, String tenant, InboundEvent e, Instant at) {
        return h.createUpdate("UPDATE oa_int_inbox_entity SET remote_version = :v, updated_at = :at WHERE tenant_id = :t AND system_id = :s"
                        + " AND entity_type = :et AND entity_id = :ei AND remote_version < :v")
                .bind("t", tenant).bind("s", e.system()).bind("et", e.entityType()).bind("ei", e.entityId())
                .bind("v", e.remoteVersion()).bind("at", Columns.db(at)).execute() > 0;
    }

    /** @return the stored versions of these records of one entity type, by remote id; one statement */
    public java.util.Map<String, Long> versions(Handle h, String tenant, String system, String entityType, java.util.Collection<String> ids) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        h.createQuery("SELECT entity_id, remote_version FROM oa_int_inbox_entity WHERE tenant_id = :t AND system_id = :s"
                        + " AND entity_type = :et AND entity_id IN (<ids>)")
                .bind("t", tenant).bind("s", system).bind("et", entityType).bindList("ids", java.util.List.copyOf(ids))
                .map((rs, c) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    /** Stores the first versions of a page's records in one statement; one stored meanwhile fails it on the unique index. */
    public void insertVersions(Handle h, String tenant, String system, String entityType, java.util.List<dev.oakit.integration.spi.RemoteRecord> records,
                               Instant at) {
        dev.oakit.integration.spi.MultiRowInsert insert = dev.oakit.integration.spi.MultiRowInsert.into("oa_int_inbox_entity", "tenant_id", "system_id",
                "entity_type", "entity_id", "remote_version", "updated_at");
        for (dev.oakit.integration.spi.RemoteRecord r : records) {
            insert.row(tenant, system, entityType, r.externalId(), r.version(), Columns.db(at));
        }
        insert.execute(h);
    }

    /**
     * Raises the stored versions of a page's records in one batch. @return per record whether it was raised (false: a
     *     concurrent delivery stored the version or a newer one)
     */
    public boolean[] raiseVersions(Handle h, String tenant, String system, String entityType, java.util.List<dev.oakit.integration.spi.RemoteRecord> records,
                                   Instant at) {
        if (records.isEmpty()) {
            return new boolean[0];
        }
        var batch = h.prepareBatch("UPDATE oa_int_inbox_entity SET remote_version = :v, updated_at = :at WHERE tenant_id = :t AND system_id = :s"
                + " AND entity_type = :et AND entity_id = :ei AND remote_version < :v");
        for (dev.oakit.integration.spi.RemoteRecord r : records) {
            batch.bind("t", tenant).bind("s", system).bind("et", entityType).bind("ei", r.externalId()).bind("v", r.version())
                    .bind("at", Columns.db(at)).add();
        }
        int[] counts = batch.execute();
        boolean[] raised = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            raised[i] = counts[i] != 0; // SUCCESS_NO_INFO (-2) where a driver does not count: the row lock and the WHERE decided
        }
        return raised;
    }

    /** Deletes the deliveries received before {@code before}; the entities' versions stay. @return how many */
    public int purgeDeliveries(Handle h, String tenant, Instant before) {
        return h.createUpdate("DELETE FROM oa_int_inbox_delivery WHERE tenant_id = :t AND received_at < :b")
                .bind("t", tenant).bind("b", dev.oakit.integration.internal.Columns.db(before)).execute();
    }
}
