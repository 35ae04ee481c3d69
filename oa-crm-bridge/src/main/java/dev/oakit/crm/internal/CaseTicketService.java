package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.crm.CaseComment;
import dev.oakit.crm.CaseRouting;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmCustomers;
import dev.oakit.crm.CrmParty;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.Tickets;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CRM cases as tickets, and the status rule between them. The rule, in this one place:
 *
 * <table>
 *   <caption>Who wins a case's status</caption>
 *   <tr><th>changed since the last sync</th><th>outcome</th></tr>
 *   <tr><td>the ticket only</td><td>the case gets the ticket's status (written back by {@link TicketCaseListener})</td></tr>
 *   <tr><td>the case only, to the status OAKit last wrote</td><td>our own write coming back: nothing to do</td></tr>
 *   <tr><td>the case only</td><td>recorded on the ticket as an internal note; the ticket's state stays the agents' to change</td></tr>
 *   <tr><td>both</td><td>the ticket wins: the case is written back with the ticket's status, and the conflict is recorded on
 *       the ticket (internal note, audited) naming both values</td></tr>
 * </table>
 *
 * And the escalation rule: a case is escalated when the CRM marks it so ({@link CrmCase#escalated()} turns true) or its
 * priority rises (low, normal, high); the ticket's people are told ({@link CaseNotices}) in the command that records
 * the change, so once per escalation. A case that arrives escalated tells them when it becomes a ticket.
 */
@Singleton
public final class CaseTicketService {
    /** The ID map's entity type of a case; its local id is the ticket's id. */
    static final String CASE = CrmConnector.CASES;

    private final Commands commands;
    private final CaseRepository repo;
    private final CaseRouting routing;
    private final CrmCustomers customers;
    private final Tickets tickets;
    private final TicketQueries queries;
    private final IdMap idMap;
    private final RemoteWrites writes;
    private final CaseNotices notices;

    @Inject
    public CaseTicketService(Commands commands, CaseRepository repo, CaseRouting routing, CrmCustomers customers, Tickets tickets,
                             TicketQueries queries, IdMap idMap, RemoteWrites writes, CaseNotices notices) {
        this.commands = commands;
        this.repo = repo;
        this.routing = routing;
        this.customers = customers;
        this.tickets = tickets;
        this.queries = queries;
        this.idMap = idMap;
        this.writes = writes;
        this.notices = notices;
    }

    /** @return the id of the ticket a case became */
    Optional<Long> ticketOf(String tenant, String target, String caseId) {
        return commands.query(h -> repo.byCase(h, tenant, target, caseId, false)).map(CaseRepository.CaseRow::ticketId);
    }

    /** Applies a case read from the CRM: a new one becomes a ticket, a changed one goes through the status rule. */
    void apply(String tenant, String target, CrmCase c) {
        Actor system = Actor.system(tenant);
        Optional<CaseRepository.CaseRow> row = commands.query(h -> repo.byCase(h, tenant, target, c.id(), false));
        if (row.isEmpty()) {
            open(system, target, c);
            return;
        }
        CaseRepository.CaseRow r = row.get();
        if (c.version() <= r.crmVersion()) {
            return;
        }
        Ticket ticket = queries.detail(system, r.ticketId()).ticket();
        String ours = routing.status(ticket.stateKind());
        boolean crmChanged = !c.status().equalsIgnoreCase(r.crmStatus());
        // the ticket changed since the last read of the case: its state moved, or OAKit wrote a status since
        boolean ticketChanged = !ticket.state().equals(r.ticketState()) || r.oakitStatus() != null;
        String note = null;
        boolean writeBack = false;
        if (crmChanged && ours != null && c.status().equalsIgnoreCase(ours)) {
            note = null; // the status OAKit wrote, coming back, or both sides agree
        } else if (crmChanged && ticketChanged && ours != null) {
            note = "[" + target + "] status conflict on case " + label(c) + ": the CRM set '" + c.status() + "' while the ticket became '"
                    + ticket.state() + "'; the ticket wins and the case is set back to '" + ours + "'";
            writeBack = true;
        } else if (crmChanged) {
            note = "[" + target + "] case " + label(c) + " status changed in the CRM: '" + r.crmStatus() + "' -> '" + c.status() + "'";
        }
        String written = writeBack ? ours : null;
        String why = escalation(r, c);
        List<String> told = why == null ? List.of() : notices.recipients(system, ticket);
        commands.execute(new CommandSpec(system, "crm.case.sync", "crm-case", target + "/" + c.id(), null), Boolean.class, ctx -> {
            // a second node applying the same version finds it applied (its update changes nothing): the escalation is told
            // by the first only
            if (!repo.updateIfNewer(ctx.handle(), ctx.tenantId(), new CaseRepository.CaseRow(target, c.id(), r.ticketId(), c.status(),
                    c.version(), ticket.state(), written, c.priority(), c.escalated()), ctx.now())) {
                return false;
            }
            if (why != null) {
                notices.escalated(ctx.actor(), told, c, ticket, why, target);
            }
            ctx.summary("case " + c.id() + " of " + target + " at version " + c.version() + ", status '" + c.status() + "'"
                    + (why == null ? "" : "; escalated (" + why + "), told " + told));
            return true;
        });
        if (note != null) {
            tickets.note(system, r.ticketId(), note, "crm:" + target + ":" + c.id() + "@" + c.version());
        }
        if (writeBack) {
            writes.request(system, new NewRemoteWrite(target, CrmConnector.CASE_UPDATE,
                    CrmConnector.caseUpdateKey(c.id(), "conflict-" + c.version()),
                    "ticket:" + r.ticketId(), new CaseUpdate(c.id(), ours, null, null)));
        }
    }

    /**
     * Adds a public comment of the CRM to the case's ticket, once: the requester's (by e-mail address) as the requester's
     * reply, anybody else's as an internal note naming the author. OAKit's own replies never come here (the inbox
     * answers them as echoes).
     *
     * @throws IllegalStateException when the case is no ticket yet: the event is delivered again later
     */
    void comment(String tenant, String target, CaseComment c) {
        Actor system = Actor.system(tenant);
        CaseRepository.CaseRow r = commands.query(h -> repo.byCase(h, tenant, target, c.caseId(), false)).orElseThrow(() ->
                new IllegalStateException("comment " + c.id() + " of " + target + " is on case " + c.caseId()
                        + ", which is no ticket yet; it is applied when the case is"));
        Ticket ticket = queries.detail(system, r.ticketId()).ticket();
        String requestId = "crm:" + target + ":comment:" + c.id();
        String email = ticket.requester().contactEmail();
        if (!ticket.requester().internal() && email != null && email.equalsIgnoreCase(c.authorEmail())) {
            try {
                tickets.contactReply(system, r.ticketId(), email, "crm", c.body(), requestId);
                return;
            } catch (ConflictException closed) {
                // a closed ticket takes no reply: kept as a note below
            }
        }
        String author = c.authorName() != null ? c.authorName() : c.authorEmail() != null ? c.authorEmail() : "someone";
        tickets.note(system, r.ticketId(), "[" + target + "] comment by " + author + " on case " + c.caseId() + ": " + c.body(), requestId);
    }

    private void open(Actor system, String target, CrmCase c) {
        CaseRouting.Route route = routing.route(c.type());
        NewTicket.Builder b = NewTicket.builder(route.ticketType(), c.subject().length() > 200 ? c.subject().substring(0, 200) : c.subject())
                .description(c.description()).queue(route.queue()).slaPolicy(route.slaPolicy()).channel("crm").priority(priority(c.priority()))
                .requester(requester(system, target, c)).requestId("crm:" + target + ":" + c.id());
        Ticket ticket;
        try {
            ticket = tickets.create(system, b.build()); // a second call with the request id returns the first ticket
        } catch (ValidationException | NotFoundException e) {
            // a queue, ticket type or SLA policy the routing names that this tenant lacks: the event is delivered again,
            // so the case becomes a ticket once the host saves it or fixes the routing
            throw ValidationException.of("caseRouting", "case " + label(c) + " of " + target + " cannot become a ticket by "
                    + describe(c.type()) + ": " + e.getMessage() + "; save what is missing in oa-ticket, or change the "
                    + "route in CaseRouting (CrmBridgePlugin.caseRouting)");
        }
        List<String> told = c.escalated() ? notices.recipients(system, ticket) : List.of();
        commands.execute(new CommandSpec(system, "crm.case.open", "crm-case", target + "/" + c.id(), null), Boolean.class, ctx -> {
            if (repo.byCase(ctx.handle(), ctx.tenantId(), target, c.id(), true).isEmpty()) {
                repo.insert(ctx.handle(), ctx.tenantId(), new CaseRepository.CaseRow(target, c.id(), ticket.id(), c.status(), c.version(),
                        ticket.state(), null, c.priority(), c.escalated()), ctx.now());
                if (c.escalated()) {
                    notices.escalated(ctx.actor(), told, c, ticket, "escalated in " + target, target);
                }
            }
            ctx.summary("case " + label(c) + " of " + target + " is ticket " + ticket.number());
            return true;
        });
        ExternalRef ref = ExternalRef.of(target, CASE, c.id());
        if (idMap.localId(system, ref).isEmpty()) {
            idMap.link(system, ref, Long.toString(ticket.id()));
        }
    }

    /** @return how people read the route of a case type in an error */
    private String describe(String caseType) {
        boolean listed = caseType != null && routing.byType().containsKey(caseType.toLowerCase(Locale.ROOT));
        CaseRouting.Route r = routing.route(caseType);
        return "the CaseRouting route of case type '" + caseType + "' (" + (listed ? "withType" : "the fallback") + ": ticket type '"
                + r.ticketType() + "', queue " + (r.queue() == null ? "(the type's default)" : "'" + r.queue() + "'") + ", SLA policy "
                + (r.slaPolicy() == null ? "(the default)" : "'" + r.slaPolicy() + "'") + ")";
    }

    private Requester requester(Actor system, String target, CrmCase c) {
        Optional<CrmParty> contact = c.contactId() == null ? Optional.empty() : customers.party(system, target, CrmParty.Kind.CONTACT, c.contactId());
        if (contact.isPresent()) {
            return customers.requester(system, contact.get());
        }
        Optional<CrmParty> account = c.accountId() == null ? Optional.empty() : customers.party(system, target, CrmParty.Kind.ACCOUNT, c.accountId());
        return account.map(a -> Requester.contact(a.name(), null, a.localId()))
                .orElse(Requester.contact("CRM case " + label(c), null, c.accountId()));
    }

    /** @return why the case counts as newly escalated since the row, or null when it does not */
    static String escalation(CaseRepository.CaseRow r, CrmCase c) {
        if (c.escalated() && !r.escalated()) {
            return "marked escalated";
        }
        Priority before = priority(r.crmPriority());
        Priority after = priority(c.priority());
        if (rank(after) > rank(before)) {
            return "priority raised from " + (r.crmPriority() == null ? "none" : r.crmPriority()) + " to " + c.priority();
        }
        return null;
    }

    private static int rank(Priority p) {
        return (p == null ? Priority.NORMAL : p).ordinal();
    }

    private static String label(CrmCase c) {
        return c.number() == null ? c.id() : c.number();
    }

    private static Priority priority(String crm) {
        if (crm == null) {
            return null;
        }
        return switch (crm.toLowerCase(Locale.ROOT)) {
            case "high", "urgent", "critical" -> Priority.HIGH;
            case "low" -> Priority.LOW;
            default -> Priority.NORMAL;
        };
    }
}
