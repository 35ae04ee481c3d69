package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.util.List;

/**
 * One page of a ticket list.
 *
 * @param items the tickets, newest first
 * @param total how many tickets match the filters
 * @param offset the page's first position
 * @param limit the page size asked for
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketPage(List<Ticket> items, long total, int offset, int limit) {
}
