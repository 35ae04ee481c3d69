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

    /** @return the route of a new ticket; never null. The default takes {@link #queueFor}'s queue */
    default Route route(CommandContext ctx, TicketType type, NewTicket request, String channel, Map<String, Object> fields) {
        String queue = queueFor(ctx, type, request);
        return queue == null ? Route.NONE : new Route(queue, null, null, null, null);
    }

    /** @return the queue for a new ticket that names none, or null for the type's default queue (a simpler {@link #route}) */
    default String queueFor(CommandContext ctx, TicketType type, NewTicket request) {
        return null;
    }

    /** @return the agent to assign to a new ticket, or null (a simpler {@link #assigneeFor(CommandContext, Ticket, Route)}) */
    default String assigneeFor(CommandContext ctx, Ticket ticket) {
        return null;
    }

    /**
     * Called once the new ticket is stored (in the create command's transaction), and by
     * redispatch and escalations for a waiting ticket.
     *
     * @param route the route the ticket was created with, or null to take the strategy the rules give the ticket's queue
     * @return the decision, or null when no dispatch applies; a decision without explanation is not recorded.
     *         The default assigns {@link #assigneeFor(CommandContext, Ticket)}'s agent
     */
    default Assignment assigneeFor(CommandContext ctx, Ticket ticket, Route route) {
        String agent = assigneeFor(ctx, ticket);
        return agent == null ? null : new Assignment(agent, null, Map.of());
    }

    /** The default: no rules, no automatic assignment. */
    final class None implements DispatchHook {
    }
}
