package dev.oakit.ticket.spi;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Where every ticket command reports the history entries it wrote (created, state changed, replies, priority, policy
 * and due changes, resolved, reopened, closed, ...), in its own transaction, so an SLA clock can recompute due times
 * and (re)schedule its timers. The default is the built-in SLA clock of docs/ticket-sla.md (tickets without an SLA
 * policy cost it nothing). A vendor replaces it in its plugin's {@code configure} with
 * {@code context.replace(SlaHook.class, hook)} (or a Guice {@code OptionalBinder.setBinding()}); only one hook is in
 * force, so a replacement turns the built-in SLA clock off.
 *
 * <p>It runs inside the command's transaction ({@code ctx}): what it writes or schedules commits or rolls back with the
 * command, and an exception it throws fails the command. It must not call remote systems, and it is called from many
 * threads at once, so an implementation is stateless or thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface SlaHook {
    /**
     * @param ticket the ticket after the command
     * @param events the entries the command wrote for this ticket, oldest first, with their ids; never empty
     */
    void recorded(CommandContext ctx, Ticket ticket, List<TicketEvent> events);

    /** A hook that keeps no SLA. */
    final class None implements SlaHook {
        @Override
        public void recorded(CommandContext ctx, Ticket ticket, List<TicketEvent> events) {
            // no SLA policies installed
        }
    }
}
