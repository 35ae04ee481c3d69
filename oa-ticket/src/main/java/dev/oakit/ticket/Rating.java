package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * The requester's rating (评价) of one resolution.
 *
 * @param resolution which resolution of the ticket (1 for the first)
 * @param score 1 to 5
 * @param comment comment or null
 * @param ratedBy who rated
 * @param at when
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Rating(int resolution, int score, String comment, String ratedBy, Instant at) {
}
