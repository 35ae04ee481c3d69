package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.spi.Commands;
import dev.oakit.crm.CaseRouting;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketQueries;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * What a case should say as its ticket stands now: the routing's status of the ticket's state and, resolved or closed,
 * its last resolution. Read when a case write is sent, so that whichever write reaches the CRM last brings the case to
 * the ticket's current state. Thread-safe.
 */
@Singleton
public final class CaseStates {
    /** A case's state fields; {@code status} null when the routing gives the ticket's state none. */
    record State(String status, String resolution) {
    }

    private final Commands commands;
    private final CaseRepository repo;
    private final CaseRouting routing;
    private final TicketQueries queries;

    @Inject
    public CaseStates(Commands commands, CaseRepository repo, CaseRouting routing, TicketQueries queries) {
        this.commands = commands;
        this.repo = repo;
        this.routing = routing;
        this.queries = queries;
    }

    /** @return the ticket the case is handled as, or empty when the case is no ticket (its row, read once per write) */
    Optional<Long> ticketOf(String tenant, String target, String caseId) {
        return commands.query(h -> repo.byCase(h, tenant, target, caseId, false)).map(CaseRepository.CaseRow::ticketId);
    }

    /** @return the state the case of the ticket should have now, read from the ticket alone */
    State of(String tenant, long ticketId) {
        TicketDetail detail = queries.detail(Actor.system(tenant), ticketId);
        StateKind kind = detail.ticket().stateKind();
        String resolution = null;
        if (kind == StateKind.RESOLVED || kind == StateKind.CLOSED) {
            List<TicketEvent> timeline = detail.timeline();
            for (int i = timeline.size() - 1; i >= 0 && resolution == null; i--) {
                TicketEvent e = timeline.get(i);
                if (e.kind() == TicketEventKind.RESOLVED && e.body() != null && !e.body().isBlank()) {
                    resolution = e.body();
                }
            }
        }
        return new State(routing.status(kind), resolution);
    }
}
