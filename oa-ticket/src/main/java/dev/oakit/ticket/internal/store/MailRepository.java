package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every statement on {@code oa_tk_mail}: the mails OAKit has seen, in and out. The unique
 * {@code (tenant_id, message_id)} makes a mail delivered twice open one ticket and lets replies
 * thread by their In-Reply-To / References.
 */
public final class MailRepository {
    private MailRepository() {
    }

    /** One mail to an external requester, ready to go. */
    public record Outgoing(String to, String name, String subject, String body, String messageId, String inReplyTo, String references) {
    }

    /** @return the ticket of a Message-ID seen before: present with -1 when it has none (a failed mail), empty when never seen */
    public static Optional<Long> seen(Handle h, String tenant, String messageId) {
        return h.createQuery("SELECT ticket_id FROM oa_tk_mail WHERE tenant_id = :t AND message_id = :m")
                .bind("t", tenant).bind("m", messageId).map((rs, c) -> rs.getObject(1) == null ? -1L : rs.getLong(1)).findOne();
    }

    /** @return the ticket of the first stored mail among the ids, or empty */
    public static Optional<Long> ticketOfAny(Handle h, String tenant, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return h.createQuery("SELECT ticket_id FROM oa_tk_mail WHERE tenant_id = :t AND message_id IN (<ids>) AND ticket_id IS NOT NULL ORDER BY id")
                .bind("t", tenant).bindList("ids", List.copyOf(messageIds)).mapTo(Long.class).findFirst();
    }

    /** @return the Message-IDs of the mails on a ticket, oldest first */
    public static List<String> thread(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT message_id FROM oa_tk_mail WHERE tenant_id = :t AND ticket_id = :id ORDER BY id")
                .bind("t", tenant).bind("id", ticketId).mapTo(String.class).list();
    }

    /**
     * Claims a Message-ID for a mail in; a second claim of the same id fails on the unique index
     * (after the first commits).
     *
     * @return the row id
     */
    public static long insertIn(Handle h, String tenant, String mailbox, String messageId, String outcome, String sender, String subject, String body,
                         String detail, Instant now) {
        return h.createUpdate("""
                        INSERT INTO oa_tk_mail (tenant_id, message_id, direction, mailbox, outcome, address, subject, body, detail, received_at)
                        VALUES (:t, :m, 'IN', :box, :o, :s, :subj, :body, :d, :now)""")
                .bind("t", tenant).bind("m", Columns.cut(messageId, 255)).bind("box", mailbox).bind("o", outcome)
                .bind("s", sender == null ? null : Columns.cut(sender, 254)).bind("subj", subject == null ? null : Columns.cut(subject, 1000))
                .bind("body", body).bind("d", detail).bind("now", Columns.db(now))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Records what a mail in became. */
    public static void taken(Handle h, long row, long ticketId, String outcome) {
        h.createUpdate("UPDATE oa_tk_mail SET ticket_id = :tk, outcome = :o WHERE id = :id")
                .bind("tk", ticketId).bind("o", outcome).bind("id", row).execute();
    }

    /**
     * Records a mail OAKit sends to a ticket's external requester, before it is sent.
     *
     * @param headers the JSON detail with the rest of the mail: the recipient's name, In-Reply-To and References
     */
    public static void insertOut(Handle h, String tenant, Outgoing out, long ticketId, String headers, Instant now) {
        h.createUpdate("INSERT INTO oa_tk_mail (tenant_id, message_id, direction, ticket_id, outcome, address, subject, body, detail, received_at)"
                        + " VALUES (:t, :m, 'OUT', :tk, 'SENT', :a, :s, :b, :d, :now)")
                .bind("t", tenant).bind("m", out.messageId()).bind("tk", ticketId).bind("a", out.to()).bind("s", Columns.cut(out.subject(), 1000))
                .bind("b", out.body()).bind("d", headers).bind("now", Columns.db(now)).execute();
    }

    /** @return a mail out as recorded by {@link #insertOut}; its body is null once purged */
    public static Optional<Outgoing> outgoing(Handle h, String tenant, String messageId, ObjectMapper json) {
        return h.createQuery("SELECT address, subject, body, detail FROM oa_tk_mail WHERE tenant_id = :t AND message_id = :m AND direction = 'OUT'")
                .bind("t", tenant).bind("m", messageId).map((rs, c) -> {
                    JsonNode d = JsonText.read(json, rs.getString("detail"));
                    return new Outgoing(rs.getString("address"), text(d, "name"), rs.getString("subject"), rs.getString("body"),
                            messageId, text(d, "inReplyTo"), text(d, "references"));
                }).findOne();
    }

    /** A mail record whose text may be purged. */
    public record Kept(long id, Instant receivedAt) {
    }

    /**
     * @param from the earliest receipt time to look at (an earlier purge dropped every text before it), or null for all
     * @return the oldest records still holding a text received before the cutoff, oldest first
     */
    public static List<Kept> keptBefore(Handle h, String tenant, Instant from, Instant cutoff, int limit) {
        return h.createQuery("SELECT id, received_at FROM oa_tk_mail WHERE tenant_id = :t AND received_at >= :from AND received_at < :cut"
                        + " AND body IS NOT NULL ORDER BY received_at, id LIMIT :n")
                .bind("t", tenant).bind("from", Columns.db(from == null ? Instant.EPOCH : from)).bind("cut", Columns.db(cutoff))
                .bind("n", limit).map((rs, c) -> new Kept(rs.getLong("id"), Columns.instant(rs, "received_at"))).list();
    }

    /** Drops the whole texts of the records; everything else of them stays. */
    public static int dropTexts(Handle h, List<Long> ids) {
        return h.createUpdate("UPDATE oa_tk_mail SET body = NULL WHERE id IN (<ids>)").bindList("ids", ids).execute();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
