package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Time an agent spent on a ticket.
 *
 * @param id entry id
 * @param userId who worked
 * @param minutes how long, 1 to 1,440
 * @param workDate the day worked
 * @param note what was done, or null
 * @param loggedAt when it was logged
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TimeEntry(long id, String userId, int minutes, LocalDate workDate, String note, Instant loggedAt) {
}
