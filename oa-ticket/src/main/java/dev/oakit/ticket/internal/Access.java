package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
import dev.oakit.ticket.Party;
import org.jdbi.v3.core.Handle;

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
final class Access {
    /**
     * The parties that get the agent view: internal notes, time entries and dispatch explanations (why an agent or
     * queue was chosen: rules, loads, skills). Requesters and watchers get the public view.
     */
    static final Set<Party> AGENT_VIEW = EnumSet.of(Party.AGENT, Party.ASSIGNEE, Party.DISPATCHER, Party.ADMIN);

    private Access() {
    }

    /** @return whether these parties get the agent view ({@link #AGENT_VIEW}) */
    static boolean agentView(Set<Party> parties) {
        return !Collections.disjoint(parties, AGENT_VIEW);
    }

    static Set<Party> parties(Handle h, Actor actor, TicketRow row) {
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
        Optional<Boolean> member = QueueStore.membership(h, row.tenantId, row.queue, actor.userId());
        if (member.isPresent()) {
            p.add(Party.AGENT);
            if (member.get()) {
                p.add(Party.DISPATCHER);
            }
        }
        return p;
    }

    static boolean watches(Handle h, long ticketId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_watcher WHERE ticket_id = :id AND user_id = :u")
                .bind("id", ticketId).bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    static List<String> watchers(Handle h, long ticketId) {
        return h.createQuery("SELECT user_id FROM oa_tk_watcher WHERE ticket_id = :id ORDER BY user_id")
                .bind("id", ticketId).mapTo(String.class).list();
    }

    static boolean isAgentAnywhere(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_queue_member WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant).bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    /**
     * The answer to a ticket that does not exist, and to one the actor may not see: the two look
     * the same, so nobody learns which ticket ids or numbers exist by asking for them.
     *
     * @param named the id or number the actor asked for
     */
    static NotFoundException notFound(String tenant, Object named) {
        return new NotFoundException("OA-TK/NOT_FOUND", "ticket " + named + " does not exist in tenant '" + tenant + "'");
    }

    /** @return "its requester ('alice'), agents of queue 'it' and administrators" */
    static String describe(Set<Party> who, TicketRow row) {
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
