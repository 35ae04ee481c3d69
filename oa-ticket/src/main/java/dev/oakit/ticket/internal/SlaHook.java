package dev.oakit.ticket.internal;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;

import java.util.List;

/**
 * Where every ticket command reports the history entries it wrote (created, state changed,
 * replies, priority / policy / due changes, resolved, reopened, closed ...), in its own
 * transaction, so an SLA clock can recompute due times and (re)schedule its timers. The default
 * does nothing.
 */
public interface SlaHook {
    /**
     * @param ticket the ticket after the command
     * @param events the entries the command wrote, oldest first; never empty
     */
    void recorded(CommandContext ctx, Ticket ticket, List<TicketEvent> events);

    /** The default: no SLA. */
    final class None implements SlaHook {
        @Override
        public void recorded(CommandContext ctx, Ticket ticket, List<TicketEvent> events) {
            // no SLA policies installed
        }
    }
}
