package dev.oakit.ticket.internal;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketType;

/**
 * Where the create command asks dispatch for a queue and an agent. The default names neither
 * (the request's or the type's queue, nobody assigned); the dispatch rules and strategies of
 * {@code dev.oakit.ticket.dispatch} plug in here.
 */
public interface DispatchHook {
    /** @return the queue for a new ticket that names none, or null for the type's default queue */
    default String queueFor(CommandContext ctx, TicketType type, NewTicket request) {
        return null;
    }

    /**
     * Called once the new ticket is stored (in the create command's transaction).
     *
     * @return the agent to assign (a member of the ticket's queue), or null to leave it in the queue
     */
    default String assigneeFor(CommandContext ctx, Ticket ticket) {
        return null;
    }

    /** The default: no rules, no automatic assignment. */
    final class None implements DispatchHook {
    }
}
