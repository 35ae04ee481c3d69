package dev.oakit.ticket.internal.store;

import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.TicketLink;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;

/** Every statement on {@code oa_tk_link}: links between two tickets (related, duplicate of, blocks, split from). */
@Singleton
public final class LinkRepository {
    /** @return whether this very link exists */
    public boolean exists(Handle h, String tenant, long fromId, LinkKind kind, long toId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_link WHERE tenant_id = :t AND from_id = :f AND to_id = :to AND kind = :k")
                .bind("t", tenant).bind("f", fromId).bind("to", toId).bind("k", kind.name()).mapTo(Integer.class).one() > 0;
    }

    /** Inserts a link. */
    public void insert(Handle h, String tenant, TicketLink link) {
        h.createUpdate("INSERT INTO oa_tk_link (tenant_id, from_id, to_id, kind, created_by, created_at) VALUES (:t, :f, :to, :k, :u, :now)")
                .bind("t", tenant).bind("f", link.fromId()).bind("to", link.toId()).bind("k", link.kind().name()).bind("u", link.createdBy())
                .bind("now", Columns.db(link.createdAt())).execute();
    }

    /** @return the links from and to the ticket, oldest first */
    public List<TicketLink> links(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT from_id, kind, to_id, created_by, created_at FROM oa_tk_link"
                        + " WHERE tenant_id = :t AND (from_id = :id OR to_id = :id) ORDER BY id")
                .bind("t", tenant).bind("id", ticketId)
                .map((rs, c) -> new TicketLink(rs.getLong(1), LinkKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getString(4),
                        Columns.instant(rs, "created_at"))).list();
    }

}
