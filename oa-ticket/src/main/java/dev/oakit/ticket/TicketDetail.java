package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.util.List;

/**
 * A ticket with everything its reader may see.
 *
 * @param ticket the ticket
 * @param view how much the reader sees
 * @param timeline history entries, oldest first (internal ones only in the agent view)
 * @param watchers watcher user ids, sorted
 * @param links links from and to this ticket
 * @param children ids of child tickets
 * @param timeEntries logged time (agent view only; empty otherwise)
 * @param ratings ratings, by resolution
 * @param actions lifecycle actions the reader may take now
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketDetail(Ticket ticket, TicketView view, List<TicketEvent> timeline, List<String> watchers, List<TicketLink> links,
                           List<Long> children, List<TimeEntry> timeEntries, List<Rating> ratings, List<String> actions) {
}
