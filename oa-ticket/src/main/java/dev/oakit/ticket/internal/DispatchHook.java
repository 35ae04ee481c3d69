package dev.oakit.ticket.internal;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketType;

import java.util.Map;

/**
 * Where the create command asks dispatch for a route (queue, strategy, priority, SLA policy) and
 * an agent. The default names none of them (the request's or the type's queue, the request's or
 * the type's priority, no SLA, nobody assigned); the dispatch rules and strategies of
 * {@code dev.oakit.ticket.dispatch} plug in here ({@link RuleDispatch}).
 */
public interface DispatchHook {
    /**
     * What the rules say about a new ticket; every component may be null for "the ticket's own".
     *
     * @param queue the queue, used when the request names none
     * @param strategy the strategy that picks the agent
     * @param priority replaces the request's priority
     * @param slaPolicy the ticket's SLA policy
     * @param explanation which rule matched and why; null without rules
     */
    record Route(String queue, String strategy, Priority priority, String slaPolicy, String explanation) {
        /** No rules: nothing decided. */
        public static final Route NONE = new Route(null, null, null, null, null);
    }

    /**
     * What automatic dispatch decided for a ticket.
     *
     * @param agentId the agent to assign (a member of the ticket's queue), or null to leave it in the queue
     * @param explanation why, in words; recorded in the ticket's history
     * @param detail facts for the history entry (strategy, rule, agent)
     */
    record Assignment(String agentId, String explanation, Map<String, Object> detail) {
    }

    /** @return the route of a new ticket; never null */
    default Route route(CommandContext ctx, TicketType type, NewTicket request, String channel, Map<String, Object> fields) {
        return Route.NONE;
    }

    /**
     * Called once the new ticket is stored (in the create command's transaction), and by
     * redispatch and escalations for a waiting ticket.
     *
     * @param route the route the ticket was created with, or null to take the strategy the rules give the ticket's queue
     * @return the decision, or null when no dispatch applies (nothing is recorded)
     */
    default Assignment assigneeFor(CommandContext ctx, Ticket ticket, Route route) {
        return null;
    }

    /** The default: no rules, no automatic assignment. */
    final class None implements DispatchHook {
    }
}
