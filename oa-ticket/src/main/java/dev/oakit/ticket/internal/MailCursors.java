package dev.oakit.ticket.internal;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/**
 * Every statement on {@code oa_tk_mail_cursor}: how far each mailbox has been read (IMAP UIDs only
 * grow while the folder's UIDVALIDITY stays). Pollers of one mailbox take turns on its row lock.
 */
final class MailCursors {
    private MailCursors() {
    }

    /** @return {uidvalidity, last uid} with the row locked until the transaction ends, or empty when the mailbox has no row yet */
    static Optional<long[]> lock(Handle h, String tenant, String mailbox) {
        return h.createQuery("SELECT uid_validity, last_uid FROM oa_tk_mail_cursor WHERE tenant_id = :t AND mailbox = :m FOR UPDATE")
                .bind("t", tenant).bind("m", mailbox).map((rs, c) -> new long[]{rs.getLong(1), rs.getLong(2)}).findOne();
    }

    /** Creates the row of a mailbox never read; a concurrent creation fails on the primary key. */
    static void create(Handle h, String tenant, String mailbox, Instant now) {
        h.createUpdate("INSERT INTO oa_tk_mail_cursor (tenant_id, mailbox, uid_validity, last_uid, polled_at) VALUES (:t, :m, -1, 0, :now)")
                .bind("t", tenant).bind("m", mailbox).bind("now", TicketRow.db(now)).execute();
    }

    /** Moves the cursor after a poll. */
    static void advance(Handle h, String tenant, String mailbox, long uidValidity, long lastUid, Instant now) {
        h.createUpdate("UPDATE oa_tk_mail_cursor SET uid_validity = :v, last_uid = :u, polled_at = :now WHERE tenant_id = :t AND mailbox = :m")
                .bind("v", uidValidity).bind("u", lastUid).bind("now", TicketRow.db(now)).bind("t", tenant).bind("m", mailbox).execute();
    }
}
