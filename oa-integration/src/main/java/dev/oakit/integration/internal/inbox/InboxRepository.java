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

    /** Deletes the deliveries received before {@code before}; the entities' versions stay. @return how many */
    public int purgeDeliveries(Handle h, String tenant, Instant before) {
        return h.createUpdate("DELETE FROM oa_int_inbox_delivery WHERE tenant_id = :t AND received_at < :b")
                .bind("t", tenant).bind("b", dev.oakit.integration.internal.Columns.db(before)).execute();
    }
}
