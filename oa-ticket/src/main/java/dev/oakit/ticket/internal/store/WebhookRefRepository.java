package dev.oakit.ticket.internal.store;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/**
 * Every statement on {@code oa_tk_webhook_ref}: which ticket an external message id of a webhook source became, so a
 * message delivered twice is taken once and a reply can name the message it answers.
 */
@Singleton
public final class WebhookRefRepository {
    /** @return the ticket an external id of the source became, if it was taken */
    public Optional<Long> ticketOf(Handle h, String tenant, String source, String externalId) {
        return h.createQuery("SELECT ticket_id FROM oa_tk_webhook_ref WHERE tenant_id = :t AND source = :s AND external_id = :e")
                .bind("t", tenant).bind("s", source).bind("e", externalId).mapTo(Long.class).findOne();
    }

    /** Records what an external message became; a second record of the same id fails on the unique index. */
    public void insert(Handle h, String tenant, String source, String externalId, long ticketId, String outcome, Instant now) {
        h.createUpdate("INSERT INTO oa_tk_webhook_ref (tenant_id, source, external_id, ticket_id, outcome, received_at) VALUES (:t, :s, :e, :tk, :o, :now)")
                .bind("t", tenant).bind("s", source).bind("e", externalId).bind("tk", ticketId).bind("o", outcome)
                .bind("now", Columns.db(now)).execute();
    }
}
