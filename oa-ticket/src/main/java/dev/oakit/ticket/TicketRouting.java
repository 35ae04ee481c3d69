package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.ticket.sla.SlaStatus;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * Dispatch rules and SLA policies of a tenant, and what they did to a ticket. A new ticket is
 * routed by the tenant's {@link DispatchRules} (queue, strategy, priority, SLA policy) and, for
 * automatic strategies, assigned to an agent of its queue; after every command its SLA clocks
 * are replayed from its history and their warnings, breaches and escalations run as durable jobs.
 * See docs/ticket-routing.md. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TicketRouting {
    /**
     * Replaces the tenant's dispatch rules.
     *
     * @param admin an administrator
     * @param rules the rules; every strategy they name must exist, every queue must exist, every priority must be a {@link Priority}
     *              and every SLA policy must be saved
     * @return the saved rules
     * @throws dev.oakit.core.ValidationException naming every unknown strategy, queue, priority or policy
     */
    DispatchRules saveDispatchRules(Actor admin, DispatchRules rules);

    /** @return the tenant's dispatch rules; empty rules (no default) if never saved */
    DispatchRules dispatchRules(Actor actor);

    /**
     * Saves an SLA policy by name (replacing one of the same name); tickets that use it follow
     * the new targets from their next command on.
     *
     * @throws dev.oakit.core.ValidationException when the policy's calendar does not exist
     */
    SlaPolicy saveSlaPolicy(Actor admin, SlaPolicy policy);

    /** @return the tenant's SLA policies by name */
    List<SlaPolicy> slaPolicies(Actor actor);

    /**
     * @return the ticket's SLA clocks now, replayed from its history; {@link SlaStatus#explain()} says why each due is what it is
     * @throws dev.oakit.core.NotFoundException or {@link dev.oakit.core.ForbiddenException} as for reading the ticket
     */
    SlaStatus sla(Actor actor, long ticketId);

    /**
     * Why the current assignee was chosen: for agents of the ticket's queue, its assignee, dispatchers and
     * administrators the dispatch explanation (rules, loads, skills) or who assigned by hand; for the requester and
     * watchers only that it was assigned, e.g. {@code assigned to carol at 2026-11-23T02:00:00Z}.
     *
     * @return the explanation; empty when unassigned
     * @throws dev.oakit.core.NotFoundException or {@link dev.oakit.core.ForbiddenException} as for reading the ticket
     */
    Optional<String> assignmentExplanation(Actor actor, long ticketId);

    /**
     * Runs automatic dispatch again for the queue's open, unassigned tickets, oldest first (for
     * example after agents came on duty or released work).
     *
     * @param admin an administrator or a dispatcher of the queue
     * @return the tickets that got an agent now
     */
    List<Ticket> redispatch(Actor admin, String queue);
}
