package dev.oakit.ticket.internal.store;

import dev.oakit.ticket.TimeEntry;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Every statement on {@code oa_tk_time}: the time agents logged on a ticket. The reports read it too ({@code ReportEngine}). */
@Singleton
public final class TimeRepository {
    /** @return the new entry's id */
    public long insert(Handle h, String tenant, long ticketId, String userId, int minutes, LocalDate workDate, String note, Instant now) {
        return h.createUpdate("""
                INSERT INTO oa_tk_time (tenant_id, ticket_id, user_id, minutes, work_date, note, logged_at)
                VALUES (:t, :ticket, :u, :m, :d, :n, :now)""")
                .bind("t", tenant).bind("ticket", ticketId).bind("u", userId).bind("m", minutes).bind("d", workDate)
                .bind("n", note).bind("now", Columns.db(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** @return the ticket's entries, oldest first */
    public List<TimeEntry> entries(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT id, user_id, minutes, work_date, note, logged_at FROM oa_tk_time"
                        + " WHERE ticket_id = :id AND tenant_id = :t ORDER BY id")
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> new TimeEntry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                        rs.getString(5), Columns.instant(rs, "logged_at"))).list();
    }
}
