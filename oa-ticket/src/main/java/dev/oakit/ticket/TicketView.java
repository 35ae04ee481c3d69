package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * How much of a ticket a reader sees.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum TicketView {
    /** requester and watchers: no internal notes, no time entries */
    PUBLIC,
    /** agents of the queue, the assignee and administrators: everything */
    AGENT
}
