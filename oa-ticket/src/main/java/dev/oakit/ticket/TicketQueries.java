package dev.oakit.ticket;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

/**
 * Reading tickets, always limited to what the reader may see: requesters their own tickets
 * (never internal notes), watchers the tickets they watch, agents their queues' tickets and
 * those assigned to them, administrators every ticket of their tenant. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TicketQueries {
    /**
     * @return the ticket with its timeline, in the public or the agent view
     * @throws dev.oakit.core.NotFoundException for an unknown id or another tenant's ticket
     * @throws dev.oakit.core.ForbiddenException if the reader may not see it, naming who may
     */
    TicketDetail detail(Actor actor, long ticketId);

    /** @return the detail of the ticket with the number (e.g. {@code TK-2026-000123}) */
    TicketDetail detail(Actor actor, String number);

    /** @return one page of the visible tickets that match, newest first */
    TicketPage list(Actor actor, TicketQuery query);

    /** @return the reader's workbench counts */
    TicketWorkbench workbench(Actor actor);
}
