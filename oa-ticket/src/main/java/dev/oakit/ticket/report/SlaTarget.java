package dev.oakit.ticket.report;

import org.apiguardian.api.API;

/**
 * The SLA targets a ticket can meet or breach.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SlaTarget {
    /** The first public reply of an agent. */
    FIRST_RESPONSE,
    /** A public reply of an agent after the requester's reply. */
    NEXT_RESPONSE,
    /** Resolution. */
    RESOLUTION
}
