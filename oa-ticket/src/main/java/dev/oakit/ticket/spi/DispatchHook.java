package dev.oakit.ticket.spi;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketType;
import org.apiguardian.api.API;

import java.util.Map;

/**
 * Where the create command asks dispatch for a route (queue, strategy, priority, SLA policy) and an agent, and where
 * redispatch and SLA escalations ask again for a ticket waiting in a queue. The default is the tenant's dispatch
 * rules with the registered {@link DispatchStrategy strategies} (docs/ticket-dispatch.md, docs/ticket-routing.md);
 * without rules it names nothing (the request's or the type's queue, the request's or the type's priority, no SLA,
 * nobody assigned). A vendor replaces it in its plugin's {@code configure} with
 * {@code context.replace(DispatchHook.class, hook)} (or a Guice {@code OptionalBinder.setBinding()}); only one hook
 * is in force. Override {@link #route} and {@link #assigneeFor(CommandContext, Ticket, Route)}, or the simpler
 * {@link #queueFor} and {@link #assigneeFor(CommandContext, Ticket)}.
 *
 * <p>Every method runs inside the command's transaction ({@code ctx}); what it writes with {@code ctx.handle()}
 * commits or rolls back with the ticket. It must not call remote systems (the transaction would wait for them) and
 * is called from many threads at once, so an implementation is stateless or thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
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
     * @param agentId the agent to assign (a member of the ticket's queue, active, under capacity), or null to leave it in the queue
     * @param explanation why, in words; recorded in the ticket's history as an internal entry ({@code DISPATCHED}); null records nothing
     * @param detail facts for the history entry (strategy, rule, agent); never null
     */
    record Assignment(String agentId, String explanation, Map<String, Object> detail) {
    }

    /**
     * Called before a new ticket's queue is chosen (after its own fields are checked).
     *
     * @param type the ticket's type
     * @param request the request as the caller made it
     * @param channel the ticket's channel ({@code api} when the request names none)
     * @param fields the custom fields, checked against the type's form
     * @return the route of a new ticket; never null. The default takes {@link #queueFor}'s queue
     */
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
     * Called once the new ticket is stored (in the create command's transaction), and by redispatch and escalations
     * for a waiting ticket. An agent the ticket cannot take (no member of its queue, inactive, at capacity) fails the
     * command with the assignment's own error, so a hook that is not sure leaves the ticket in the queue.
     *
     * @param ticket the ticket as stored, in its queue, with nobody assigned
     * @param route the route the ticket was created with, or null to take the strategy the rules give the ticket's queue
     * @return the decision, or null when no dispatch applies. The default assigns {@link #assigneeFor(CommandContext, Ticket)}'s agent
     */
    default Assignment assigneeFor(CommandContext ctx, Ticket ticket, Route route) {
        String agent = assigneeFor(ctx, ticket);
        return agent == null ? null : new Assignment(agent, null, Map.of());
    }

    /** A hook that routes nothing and assigns nobody: tickets go to the request's or the type's queue and wait there. */
    final class None implements DispatchHook {
    }
}
