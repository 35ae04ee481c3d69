package dev.oakit.ticket.internal.store;

import dev.oakit.ticket.mail.MailboxStatus;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/**
 * Every statement on {@code oa_tk_mail_cursor}: how far each mailbox has been read (IMAP UIDs only
 * grow while the folder's UIDVALIDITY stays) and how its polling goes (failures in a row, last
 * error, next poll). Pollers of one mailbox take turns on its row lock.
 */
public final class MailCursorRepository {
    private MailCursorRepository() {
    }

    /** Where a mailbox's reading stands. */
    public record Cursor(long uidValidity, long lastUid, int failures) {
    }

    /** @return the cursor with the row locked until the transaction ends, or empty when the mailbox has no row yet */
    public static Optional<Cursor> lock(Handle h, String tenant, String mailbox) {
        return h.createQuery("SELECT uid_validity, last_uid, failures FROM oa_tk_mail_cursor WHERE tenant_id = :t AND mailbox = :m FOR UPDATE")
                .bind("t", tenant).bind("m", mailbox).map((rs, c) -> new Cursor(rs.getLong(1), rs.getLong(2), rs.getInt(3))).findOne();
    }

    /** @return true when the mailbox has its row */
    public static boolean exists(Handle h, String tenant, String mailbox) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_mail_cursor WHERE tenant_id = :t AND mailbox = :m")
                .bind("t", tenant).bind("m", mailbox).mapTo(Integer.class).one() > 0;
    }

    /** Creates the row of a mailbox never read; a concurrent creation fails on the primary key. */
    public static void create(Handle h, String tenant, String mailbox, Instant now) {
        h.createUpdate("INSERT INTO oa_tk_mail_cursor (tenant_id, mailbox, uid_validity, last_uid, polled_at) VALUES (:t, :m, -1, 0, :now)")
                .bind("t", tenant).bind("m", mailbox).bind("now", Columns.db(now)).execute();
    }

    /** Moves the cursor after a successful poll, which ends a run of failures. */
    public static void advance(Handle h, String tenant, String mailbox, long uidValidity, long lastUid, Instant now) {
        h.createUpdate("UPDATE oa_tk_mail_cursor SET uid_validity = :v, last_uid = :u, polled_at = :now, failures = 0"
                        + " WHERE tenant_id = :t AND mailbox = :m")
                .bind("v", uidValidity).bind("u", lastUid).bind("now", Columns.db(now)).bind("t", tenant).bind("m", mailbox).execute();
    }

    /**
     * Counts a failed poll (the row must exist).
     *
     * @return the failures in a row, this one included
     */
    public static int failed(Handle h, String tenant, String mailbox, String error, Instant now) {
        h.createUpdate("UPDATE oa_tk_mail_cursor SET failures = failures + 1, last_error = :e, failed_at = :now WHERE tenant_id = :t AND mailbox = :m")
                .bind("e", error).bind("now", Columns.db(now)).bind("t", tenant).bind("m", mailbox).execute();
        return h.createQuery("SELECT failures FROM oa_tk_mail_cursor WHERE tenant_id = :t AND mailbox = :m")
                .bind("t", tenant).bind("m", mailbox).mapTo(Integer.class).one();
    }

    /** Notes that the recurring poll was started now, unless it is scheduled already (then its time stands). */
    public static void started(Handle h, String tenant, String mailbox, Instant now) {
        h.createUpdate("UPDATE oa_tk_mail_cursor SET next_poll_at = :now WHERE tenant_id = :t AND mailbox = :m"
                        + " AND (next_poll_at IS NULL OR next_poll_at < :now)")
                .bind("now", Columns.db(now)).bind("t", tenant).bind("m", mailbox).execute();
    }

    /** Notes when the recurring poll runs next; null when it stopped. */
    public static void nextPoll(Handle h, String tenant, String mailbox, Instant at) {
        h.createUpdate("UPDATE oa_tk_mail_cursor SET next_poll_at = :at WHERE tenant_id = :t AND mailbox = :m")
                .bind("at", at == null ? null : Columns.db(at)).bind("t", tenant).bind("m", mailbox).execute();
    }

    /** @return the mailbox's status; a mailbox never polled has an empty one */
    public static MailboxStatus status(Handle h, String tenant, String mailbox) {
        return h.createQuery("SELECT uid_validity, polled_at, next_poll_at, failures, last_error, failed_at FROM oa_tk_mail_cursor"
                        + " WHERE tenant_id = :t AND mailbox = :m")
                .bind("t", tenant).bind("m", mailbox)
                .map((rs, c) -> new MailboxStatus(mailbox, rs.getLong("uid_validity") == -1 ? null : Columns.instant(rs, "polled_at"),
                        Columns.instant(rs, "next_poll_at"), rs.getInt("failures"), rs.getString("last_error"), Columns.instant(rs, "failed_at")))
                .findOne().orElse(new MailboxStatus(mailbox, null, null, 0, null, null));
    }
}
