package dev.oakit.ticket.internal.command;

import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.internal.store.TicketRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who an actor is to a ticket (docs/tickets.md, "Access"): requester, agent or dispatcher of its
 * queue, assignee, administrator, or a watcher (who sees the public view only).
 */
public final class Access {
    /**
     * The parties that get the agent view: internal notes, time entries and dispatch explanations (why an agent or
     * queue was chosen: rules, loads, skills). Requesters and watchers get the public view.
     */
    public static final Set<Party> AGENT_VIEW = EnumSet.of(Party.AGENT, Party.ASSIGNEE, Party.DISPATCHER, Party.ADMIN);

    private Access() {
    }

    /** @return whether these parties get the agent view ({@link #AGENT_VIEW}) */
    public static boolean agentView(Set<Party> parties) {
        return !Collections.disjoint(parties, AGENT_VIEW);
    }

    /**
     * @param membership the actor's dispatcher flag in the ticket's queue, empty when they are no member
     * @return who the actor is to the ticket; empty for nobody (a watcher is no party)
     */
    public static Set<Party> parties(Actor actor, TicketRow row, Optional<Boolean> membership) {
        Set<Party> p = EnumSet.noneOf(Party.class);
        if (actor.isAdmin()) {
            p.add(Party.ADMIN);
        }
        if (row.requestedBy(actor.userId())) {
            p.add(Party.REQUESTER);
        }
        if (actor.userId().equals(row.assignee)) {
            p.add(Party.ASSIGNEE);
        }
        if (membership.isPresent()) {
            p.add(Party.AGENT);
            if (membership.get()) {
                p.add(Party.DISPATCHER);
            }
        }
        return p;
    }

    /**
     * The answer to a ticket that does not exist, and to one the actor may not see: the two look
     * the same, so nobody learns which ticket ids or numbers exist by asking for them.
     *
     * @param named the id or number the actor asked for
     */
    public static NotFoundException notFound(String tenant, Object named) {
        return new NotFoundException(TicketErrors.NOT_FOUND, "ticket " + named + " does not exist in tenant '" + tenant + "'");
    }

    /** @return "its requester ('alice'), agents of queue 'it' and administrators" */
    public static String describe(Set<Party> who, TicketRow row) {
        List<String> parts = new ArrayList<>();
        for (Party p : Party.values()) {
            if (!who.contains(p)) {
                continue;
            }
            parts.add(switch (p) {
                case REQUESTER -> "its requester (" + (row.requester.userId() == null ? "an external contact" : "'" + row.requester.userId() + "'") + ")";
                case AGENT -> "agents of queue '" + row.queue + "'";
                case ASSIGNEE -> "its assignee (" + (row.assignee == null ? "nobody yet" : "'" + row.assignee + "'") + ")";
                case DISPATCHER -> "dispatchers of queue '" + row.queue + "'";
                case ADMIN -> "administrators";
            });
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
