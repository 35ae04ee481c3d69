package dev.oakit.ticket.internal.store;

import dev.oakit.ticket.Rating;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Every statement on {@code oa_tk_rating}: one rating per resolution of a ticket. The reports read it too ({@code ReportEngine}). */
@Singleton
public final class RatingRepository {
    /** @return whether the resolution was rated */
    public boolean rated(Handle h, String tenant, long ticketId, int resolution) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_rating WHERE tenant_id = :t AND ticket_id = :id AND resolution = :res")
                .bind("t", tenant).bind("id", ticketId).bind("res", resolution).mapTo(Integer.class).one() > 0;
    }

    /** Inserts a rating; {@code day}: the day of its instant in the reports' zone (what the report figures count it on). */
    public void insert(Handle h, String tenant, long ticketId, Rating rating, LocalDate day) {
        h.createUpdate("""
                INSERT INTO oa_tk_rating (tenant_id, ticket_id, resolution, score, comment, rated_by, rated_at, rated_day)
                VALUES (:t, :id, :res, :s, :c, :u, :now, :d)""")
                .bind("t", tenant).bind("id", ticketId).bind("res", rating.resolution()).bind("s", rating.score()).bind("c", rating.comment())
                .bind("u", rating.ratedBy()).bind("now", Columns.db(rating.at())).bind("d", day).execute();
    }

    /** A rating as the report figures count it: its day and score. */
    public record Counted(LocalDate day, int score) {
    }

    /** @return the ticket's ratings that the report figures count (those with a day) */
    public List<Counted> counted(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT rated_day, score FROM oa_tk_rating WHERE ticket_id = :id AND tenant_id = :t AND rated_day IS NOT NULL")
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> new Counted(rs.getObject(1, java.sql.Date.class).toLocalDate(), rs.getInt(2))).list();
    }

    /** The ratings {@link #fillDays} reads and dates per round (one read and one batch of updates). */
    static final int FILL_CHUNK = 1_000;

    /**
     * Gives the tenant's ratings without a day (given before V72__ticket_metric_category.sql) the day of their instant
     * in {@code zone}, so that a rebuild of the report figures counts them: {@link #FILL_CHUNK} at a time (read from
     * index oa_tk_rating_undated, then updated), so a tenant with many old ratings is never held in memory at once.
     *
     * @return the ratings given a day
     */
    public int fillDays(Handle h, String tenant, ZoneId zone) {
        record Old(long id, java.time.Instant at) {
        }
        int total = 0;
        List<Old> old;
        do {
            // each round dates every rating it read, so the next round reads the next ones
            old = h.createQuery("SELECT id, rated_at FROM oa_tk_rating WHERE tenant_id = :t AND rated_day IS NULL LIMIT :n")
                    .bind("t", tenant).bind("n", FILL_CHUNK).map((rs, c) -> new Old(rs.getLong(1), Columns.instant(rs, "rated_at"))).list();
            if (old.isEmpty()) {
                break;
            }
            org.jdbi.v3.core.statement.PreparedBatch b = h.prepareBatch("UPDATE oa_tk_rating SET rated_day = :d WHERE id = :id AND tenant_id = :t");
            for (Old o : old) {
                b.bind("d", o.at().atZone(zone).toLocalDate()).bind("id", o.id()).bind("t", tenant).add();
            }
            b.execute();
            total += old.size();
        } while (old.size() == FILL_CHUNK);
        return total;
    }

    /** @return the ticket's ratings by resolution */
    public List<Rating> ratings(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT resolution, score, comment, rated_by, rated_at FROM oa_tk_rating"
                        + " WHERE ticket_id = :id AND tenant_id = :t ORDER BY resolution")
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> new Rating(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), Columns.instant(rs, "rated_at"))).list();
    }
}
