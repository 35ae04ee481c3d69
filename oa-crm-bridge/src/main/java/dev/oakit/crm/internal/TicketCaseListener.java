package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.crm.CaseRouting;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketQueries;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a case's ticket back to the case: a public reply as a public reply, the resolution with the resolved status,
 * and every other state change as the routing's status of the new state. Each as a remote write whose key is the
 * case's id and the ticket event's id ({@code CrmConnector.caseUpdateKey(caseId, "tk<ticket>-<event>")}), so a repeated delivery writes nothing
 * twice. Internal notes never leave OAKit. The writes of one case may reach the CRM in any order: the status and the
 * resolution they carry are read again when each is sent ({@link CaseStateConnector}), so the case ends in the ticket's state.
 */
@Singleton
public final class TicketCaseListener implements EventListener {
    private static final Set<String> EVENTS = Set.of("tk.ticket.agent-reply", "tk.ticket.state-changed", "tk.ticket.resolved",
            "tk.ticket.closed", "tk.ticket.reopened");

    private final Commands commands;
    private final CaseRepository repo;
    private final CaseRouting routing;
    private final TicketQueries queries;
    private final RemoteWrites writes;

    @Inject
    public TicketCaseListener(Commands commands, CaseRepository repo, CaseRouting routing, TicketQueries queries, RemoteWrites writes) {
        this.commands = commands;
        this.repo = repo;
        this.routing = routing;
        this.queries = queries;
        this.writes = writes;
    }

    @Override
    public String id() {
        return "crm.ticket-to-case";
    }

    @Override
    public boolean accepts(String eventType) {
        return EVENTS.contains(eventType);
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (!"ticket".equals(event.aggregateType()) || event.payload().path("internal").asBoolean(false)) {
            return;
        }
        String tenant = event.tenantId();
        long ticketId = Long.parseLong(event.aggregateId());
        Optional<CaseRepository.CaseRow> row = commands.query(h -> repo.byTicket(h, tenant, ticketId, false));
        if (row.isEmpty()) {
            return; // not a CRM case's ticket
        }
        CaseRepository.CaseRow r = row.get();
        Actor system = Actor.system(tenant);
        long eventId = event.payload().path("eventId").asLong();
        TicketDetail detail = queries.detail(system, ticketId);
        Ticket ticket = detail.ticket();
        TicketEvent e = detail.timeline().stream().filter(x -> x.id() == eventId).findFirst().orElse(null);
        if (e == null) {
            return;
        }
        String status = routing.status(ticket.stateKind());
        String reply = blankToNull(e.kind() == TicketEventKind.AGENT_REPLY ? e.body() : null);
        String resolution = blankToNull(e.kind() == TicketEventKind.RESOLVED ? e.body() : null);
        // what the case last heard of its status: as read above, unless a side changed it since (then read again under the
        // row's lock), so that two events of one ticket delivered at once do not both take the old value
        String newStatus = commands.execute(new CommandSpec(system, "crm.case.ticket-changed", "crm-case", r.target() + "/" + r.caseId(), null),
                String.class, ctx -> {
                    String changed = changed(status, r);
                    if (!repo.updateTicketSideIfUnchanged(ctx.handle(), tenant, r, ticket.state(), changed != null ? changed : r.oakitStatus(),
                            ctx.now())) {
                        CaseRepository.CaseRow now = repo.byTicket(ctx.handle(), tenant, ticketId, true).orElse(r);
                        changed = changed(status, now);
                        repo.update(ctx.handle(), tenant, now.withTicket(ticket.state(), changed != null ? changed : now.oakitStatus()), ctx.now());
                    }
                    ctx.summary("ticket " + ticket.number() + " is '" + ticket.state() + "'" + (changed == null ? "" : "; case " + r.caseId()
                            + " gets '" + changed + "'"));
                    return changed == null ? "" : changed;
                });
        if (newStatus.isEmpty() && reply == null && resolution == null) {
            return;
        }
        // the status and resolution sent are the ticket's when the write goes out (CaseStateConnector), not these
        writes.request(system, new NewRemoteWrite(r.target(), CrmConnector.CASE_UPDATE,
                CrmConnector.caseUpdateKey(r.caseId(), "tk" + ticketId + "-" + eventId),
                "ticket:" + ticketId, new CaseUpdate(r.caseId(), newStatus.isEmpty() ? null : newStatus, reply, resolution)));
    }

    /** @return the routing's status when the case last heard another one (from either side), else null */
    private static String changed(String status, CaseRepository.CaseRow row) {
        String known = row.oakitStatus() != null ? row.oakitStatus() : row.crmStatus();
        return status != null && !status.equalsIgnoreCase(known) ? status : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
