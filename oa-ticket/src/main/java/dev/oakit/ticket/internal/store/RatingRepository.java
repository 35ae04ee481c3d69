package dev.oakit.ticket.internal.store;

import dev.oakit.ticket.Rating;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;

/** Every statement on {@code oa_tk_rating}: one rating per resolution of a ticket. The reports read it too ({@code ReportEngine}). */
@Singleton
public final class RatingRepository {
    /** @return whether the resolution was rated */
    public boolean rated(Handle h, String tenant, long ticketId, int resolution) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_rating WHERE tenant_id = :t AND ticket_id = :id AND resolution = :res")
                .bind("t", tenant).bind("id", ticketId).bind("res", resolution).mapTo(Integer.class).one() > 0;
    }

    /** Inserts a rating. */
    public void insert(Handle h, String tenant, long ticketId, Rating rating) {
        h.createUpdate("""
                INSERT INTO oa_tk_rating (tenant_id, ticket_id, resolution, score, comment, rated_by, rated_at)
                VALUES (:t, :id, :res, :s, :c, :u, :now)""")
                .bind("t", tenant).bind("id", ticketId).bind("res", rating.resolution()).bind("s", rating.score()).bind("c", rating.comment())
                .bind("u", rating.ratedBy()).bind("now", Columns.db(rating.at())).execute();
    }

    /** @return the ticket's ratings by resolution */
    public List<Rating> ratings(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT resolution, score, comment, rated_by, rated_at FROM oa_tk_rating"
                        + " WHERE ticket_id = :id AND tenant_id = :t ORDER BY resolution")
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> new Rating(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), Columns.instant(rs, "rated_at"))).list();
    }
}
