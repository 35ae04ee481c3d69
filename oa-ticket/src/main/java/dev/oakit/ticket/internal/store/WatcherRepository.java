package dev.oakit.ticket.internal.store;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.List;

/**
 * Every statement on {@code oa_tk_watcher}: who watches a ticket. {@link TicketRepository}'s lists also read it, in
 * their visibility condition.
 */
@Singleton
public final class WatcherRepository {
    /** @return whether the user watches the ticket */
    public boolean watches(Handle h, long ticketId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_watcher WHERE ticket_id = :id AND user_id = :u")
                .bind("id", ticketId).bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    /** @return the watchers of the ticket, by user id */
    public List<String> watchers(Handle h, long ticketId) {
        return h.createQuery("SELECT user_id FROM oa_tk_watcher WHERE ticket_id = :id ORDER BY user_id")
                .bind("id", ticketId).mapTo(String.class).list();
    }

    /** Adds watchers who do not watch the ticket yet. */
    public void add(Handle h, String tenant, long ticketId, Collection<String> userIds) {
        for (String u : userIds) {
            h.createUpdate("INSERT INTO oa_tk_watcher (tenant_id, ticket_id, user_id) VALUES (:t, :id, :u)")
                    .bind("t", tenant).bind("id", ticketId).bind("u", u).execute();
        }
    }

    /** Removes a watcher. */
    public void remove(Handle h, String tenant, long ticketId, String userId) {
        h.createUpdate("DELETE FROM oa_tk_watcher WHERE ticket_id = :id AND user_id = :u AND tenant_id = :t")
                .bind("t", tenant).bind("id", ticketId).bind("u", userId).execute();
    }
}
