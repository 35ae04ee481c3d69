package dev.oakit.ticket.internal.store;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;

import java.time.Instant;
import java.util.List;

/**
 * The SLA columns of a ticket row: the dues, the breach flag and the scheduled and fired firings (JSON), which the
 * built-in SLA clock computes after every command on a ticket with a policy.
 */
public record SlaDues(Instant firstResponseDue, Instant resolutionDue, boolean breached, String timers) {
    /**
     * An SLA hook whose columns the command stores with the row's own update, one statement instead of two: it is
     * handed the command's entries before the row is written, and schedules and cancels its jobs as {@code recorded}
     * does, but returns the columns instead of writing them.
     */
    public interface Deferred {
        /** @return the ticket's SLA columns after the command, or null when it keeps no SLA */
        SlaDues recordedDeferred(CommandContext ctx, Ticket ticket, List<TicketEvent> events);
    }
}
