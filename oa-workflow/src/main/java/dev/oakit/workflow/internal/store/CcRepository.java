package dev.oakit.workflow.internal.store;

import dev.oakit.workflow.CcItem;
import dev.oakit.workflow.CcQuery;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every statement on {@code oa_wf_cc}: the cc (抄送) items of instances. */
@Singleton
public final class CcRepository {
    @Inject
    private CcRepository() {
    }

    /** A cc item as its recipient's read needs it. */
    public record Cc(String userId, long instanceId, Instant readAt) {
    }

    /** Copies a node of an instance to its recipients, in one statement. */
    public void insert(Handle h, String tenantId, long instanceId, String nodeId, List<String> userIds, Instant now) {
        if (userIds.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(
                "INSERT INTO oa_wf_cc (tenant_id, instance_id, node_id, user_id, created_at) VALUES (:t, :i, :n, :u, :now)");
        for (String u : userIds) {
            batch.bind("t", tenantId).bind("i", instanceId).bind("n", nodeId).bind("u", u).bind("now", Rows.db(now)).add();
        }
        batch.execute();
    }

    /** A page of the items copied to a user, newest first. */
    public List<CcItem> toUser(Handle h, String tenantId, String userId, CcQuery q) {
        String read = switch (q.filter()) {
            case ALL -> "";
            case UNREAD -> " AND c.read_at IS NULL";
            case READ -> " AND c.read_at IS NOT NULL";
        };
        return h.createQuery("""
                        SELECT c.id, c.instance_id, i.title, i.def_key, c.node_id, i.initiator_id, c.created_at, c.read_at
                        FROM oa_wf_cc c JOIN oa_wf_instance i ON i.id = c.instance_id AND i.tenant_id = c.tenant_id
                        WHERE c.tenant_id = :t AND c.user_id = :u""" + read
                        + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset")
                .bind("t", tenantId).bind("u", userId).bind("limit", q.size()).bind("offset", q.page() * q.size())
                .map((rs, c) -> new CcItem(rs.getLong("id"), rs.getLong("instance_id"), rs.getString("title"), rs.getString("def_key"),
                        rs.getString("node_id"), rs.getString("initiator_id"), Rows.instant(rs, "created_at"), Rows.instant(rs, "read_at")))
                .list();
    }

    /** @return a cc item of the tenant, if any */
    public Optional<Cc> find(Handle h, String tenantId, long ccId) {
        return h.createQuery("SELECT user_id, instance_id, read_at FROM oa_wf_cc WHERE id = :id AND tenant_id = :t")
                .bind("id", ccId).bind("t", tenantId)
                .map((rs, c) -> new Cc(rs.getString("user_id"), rs.getLong("instance_id"), Rows.instant(rs, "read_at")))
                .findOne();
    }

    /** Marks an item read (once). */
    public void markRead(Handle h, long ccId, Instant now) {
        h.createUpdate("UPDATE oa_wf_cc SET read_at = :now WHERE id = :id AND read_at IS NULL")
                .bind("now", Rows.db(now)).bind("id", ccId).execute();
    }

    /** @return the number of unread items of a user */
    public long unreadCount(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_wf_cc WHERE tenant_id = :t AND user_id = :u AND read_at IS NULL")
                .bind("t", tenantId).bind("u", userId).mapTo(Long.class).one();
    }
}
