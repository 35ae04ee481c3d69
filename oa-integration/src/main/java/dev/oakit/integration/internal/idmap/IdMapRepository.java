package dev.oakit.integration.internal.idmap;

import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdLink;
import dev.oakit.integration.IdMapChange;
import dev.oakit.integration.internal.Columns;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every statement on {@code oa_int_id_link} and {@code oa_int_id_history}. */
@Singleton
public final class IdMapRepository {
    private static final String LINK_COLUMNS = "system_id, entity_type, external_id, local_id, linked_at";

    /** @return the link of an external record */
    public Optional<IdLink> byExternal(Handle h, String tenant, ExternalRef ref) {
        return h.createQuery("SELECT " + LINK_COLUMNS + " FROM oa_int_id_link WHERE tenant_id = :t AND system_id = :s"
                        + " AND entity_type = :e AND external_id = :x")
                .bind("t", tenant).bind("s", ref.system()).bind("e", ref.entityType()).bind("x", ref.externalId())
                .map((rs, c) -> link(rs)).findOne();
    }

    /** @return the link of an OAKit id in one system */
    public Optional<IdLink> byLocal(Handle h, String tenant, String system, String entityType, String localId) {
        return h.createQuery("SELECT " + LINK_COLUMNS + " FROM oa_int_id_link WHERE tenant_id = :t AND system_id = :s"
                        + " AND entity_type = :e AND local_id = :l")
                .bind("t", tenant).bind("s", system).bind("e", entityType).bind("l", localId)
                .map((rs, c) -> link(rs)).findOne();
    }

    /** @return every system's link of an OAKit id, by system */
    public List<IdLink> allOfLocal(Handle h, String tenant, String entityType, String localId) {
        return h.createQuery("SELECT " + LINK_COLUMNS + " FROM oa_int_id_link WHERE tenant_id = :t AND entity_type = :e"
                        + " AND local_id = :l ORDER BY system_id")
                .bind("t", tenant).bind("e", entityType).bind("l", localId)
                .map((rs, c) -> link(rs)).list();
    }

    /** @return every link of a system and entity type, by external id */
    public List<IdLink> allOfType(Handle h, String tenant, String system, String entityType) {
        return h.createQuery("SELECT " + LINK_COLUMNS + " FROM oa_int_id_link WHERE tenant_id = :t AND system_id = :s"
                        + " AND entity_type = :e ORDER BY external_id")
                .bind("t", tenant).bind("s", system).bind("e", entityType)
                .map((rs, c) -> link(rs)).list();
    }

    /** Inserts a link. */
    public void insert(Handle h, String tenant, ExternalRef ref, String localId, Instant at) {
        h.createUpdate("INSERT INTO oa_int_id_link (tenant_id, system_id, entity_type, external_id, local_id, linked_at)"
                        + " VALUES (:t, :s, :e, :x, :l, :at)")
                .bind("t", tenant).bind("s", ref.system()).bind("e", ref.entityType()).bind("x", ref.externalId())
                .bind("l", localId).bind("at", Columns.db(at)).execute();
    }

    /** @return the linked ones of these external ids of one system and entity type, to their OAKit ids; one statement */
    public java.util.Map<String, String> linkedOf(Handle h, String tenant, String system, String entityType, java.util.Collection<String> externalIds) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        h.createQuery("SELECT external_id, local_id FROM oa_int_id_link WHERE tenant_id = :t AND system_id = :s AND entity_type = :e"
                        + " AND external_id IN (<x>)")
                .bind("t", tenant).bind("s", system).bind("e", entityType).bindList("x", List.copyOf(externalIds))
                .map((rs, c) -> out.put(rs.getString(1), rs.getString(2))).list();
        return out;
    }

    /** Inserts links and their history lines (action LINK): two statements however many. */
    public void insertAll(Handle h, String tenant, List<IdLink> links, String actorId, Instant at) {
        if (links.isEmpty()) {
            return;
        }
        dev.oakit.integration.spi.MultiRowInsert link = dev.oakit.integration.spi.MultiRowInsert.into("oa_int_id_link", "tenant_id", "system_id",
                "entity_type", "external_id", "local_id", "linked_at");
        dev.oakit.integration.spi.MultiRowInsert history = dev.oakit.integration.spi.MultiRowInsert.into("oa_int_id_history", "tenant_id", "action",
                "system_id", "entity_type", "external_id", "from_local", "to_local", "actor_id", "at");
        for (IdLink l : links) {
            link.row(tenant, l.ref().system(), l.ref().entityType(), l.ref().externalId(), l.localId(), Columns.db(at));
            history.row(tenant, IdMapChange.Action.LINK.name(), l.ref().system(), l.ref().entityType(), l.ref().externalId(), null, l.localId(),
                    actorId, Columns.db(at));
        }
        link.execute(h);
        history.execute(h);
    }

    /** Moves a link to another OAKit id. @return whether it existed */
    public boolean move(Handle h, String tenant, ExternalRef ref, String toLocal, Instant at) {
        return h.createUpdate("UPDATE oa_int_id_link SET local_id = :l, linked_at = :at WHERE tenant_id = :t AND system_id = :s"
                        + " AND entity_type = :e AND external_id = :x")
                .bind("t", tenant).bind("s", ref.system()).bind("e", ref.entityType()).bind("x", ref.externalId())
                .bind("l", toLocal).bind("at", Columns.db(at)).execute() > 0;
    }

    /** Deletes a link. @return whether it existed */
    public boolean delete(Handle h, String tenant, ExternalRef ref) {
        return h.createUpdate("DELETE FROM oa_int_id_link WHERE tenant_id = :t AND system_id = :s AND entity_type = :e AND external_id = :x")
                .bind("t", tenant).bind("s", ref.system()).bind("e", ref.entityType()).bind("x", ref.externalId()).execute() > 0;
    }

    /** Appends history lines in one batch. */
    public void record(Handle h, String tenant, List<IdMapChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("INSERT INTO oa_int_id_history (tenant_id, action, system_id, entity_type, external_id, from_local,"
                + " to_local, actor_id, at) VALUES (:t, :a, :s, :e, :x, :f, :to, :u, :at)");
        for (IdMapChange c : changes) {
            batch.bind("t", tenant).bind("a", c.action().name()).bind("s", c.ref().system()).bind("e", c.ref().entityType())
                    .bind("x", c.ref().externalId()).bind("f", c.fromLocal()).bind("to", c.toLocal()).bind("u", c.actorId())
                    .bind("at", Columns.db(c.at())).add();
        }
        batch.execute();
    }

    /** @return the history lines naming the OAKit id on either side, oldest first */
    public List<IdMapChange> history(Handle h, String tenant, String entityType, String localId) {
        return h.createQuery("SELECT action, system_id, entity_type, external_id, from_local, to_local, actor_id, at FROM oa_int_id_history"
                        + " WHERE tenant_id = :t AND entity_type = :e AND (from_local = :l OR to_local = :l) ORDER BY id")
                .bind("t", tenant).bind("e", entityType).bind("l", localId)
                .map((rs, c) -> new IdMapChange(IdMapChange.Action.valueOf(rs.getString("action")),
                        ExternalRef.of(rs.getString("system_id"), rs.getString("entity_type"), rs.getString("external_id")),
                        rs.getString("from_local"), rs.getString("to_local"), rs.getString("actor_id"), Columns.instant(rs, "at")))
                .list();
    }

    private static IdLink link(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new IdLink(ExternalRef.of(rs.getString("system_id"), rs.getString("entity_type"), rs.getString("external_id")),
                rs.getString("local_id"), Columns.instant(rs, "linked_at"));
    }
}
