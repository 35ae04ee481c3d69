package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.spi.Commands;
import dev.oakit.crm.Customer360;
import dev.oakit.crm.CustomerKey;
import dev.oakit.crm.CustomerView;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdLink;
import dev.oakit.integration.IdMap;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.ProcessInstance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@link Customer360} view: resolves the customer through the ID map (CRM account ↔ OAKit's reference),
 * then asks oa-ticket's and oa-workflow's public queries as the asking user, so their access rules apply.
 */
@Singleton
public final class Customer360Service implements Customer360 {
    private final TicketQueries tickets;
    private final ApprovalQueries approvals;
    private final IdMap idMap;
    private final Commands commands;
    private final DealRepository deals;
    private final CrmConnectors connectors;

    @Inject
    public Customer360Service(TicketQueries tickets, ApprovalQueries approvals, IdMap idMap, Commands commands, DealRepository deals,
                              CrmConnectors connectors) {
        this.tickets = tickets;
        this.approvals = approvals;
        this.idMap = idMap;
        this.commands = commands;
        this.deals = deals;
        this.connectors = connectors;
    }

    @Override
    public CustomerView view(Actor actor, CustomerKey key) {
        Checks.notNull("actor", actor);
        Checks.notNull("key", key);
        Actor system = Actor.system(actor.tenantId()); // resolving who the customer is reveals nothing; the lists are read as the actor
        Set<String> refs = new LinkedHashSet<>();
        Set<ExternalRef> accounts = new LinkedHashSet<>();
        refs.add(key.id());
        if (key.target() != null) {
            connectors.require(key.target());
            ExternalRef account = ExternalRef.of(key.target(), CrmConnector.ACCOUNTS, key.id());
            accounts.add(account);
            idMap.localId(system, account).ifPresent(refs::add);
        } else {
            for (IdLink link : idMap.links(system, CrmConnector.ACCOUNTS, key.id())) {
                accounts.add(link.ref());
                refs.add(link.ref().externalId());
            }
        }
        List<Ticket> open = tickets(actor, refs, q -> q.openOnly());
        List<Ticket> recent = tickets(actor, refs, q -> q).stream().filter(t -> t.stateKind() == StateKind.RESOLVED
                || t.stateKind() == StateKind.CLOSED).toList();
        List<Ticket> breached = tickets(actor, refs, q -> q.overdue());
        List<CustomerView.Approval> inFlight = new ArrayList<>();
        List<CustomerView.Approval> decided = new ArrayList<>();
        for (ExternalRef account : accounts) {
            for (DealRepository.Row row : commands.query(h -> deals.byAccount(h, actor.tenantId(), account.system(), account.externalId(), LIMIT))) {
                visible(actor, row.deal().instanceId()).ifPresent(i -> (row.deal().status().open() ? inFlight : decided)
                        .add(new CustomerView.Approval(row.deal(), i)));
            }
        }
        return new CustomerView(key, List.copyOf(refs), open, recent, breached, inFlight, decided);
    }

    private List<Ticket> tickets(Actor actor, Set<String> refs, UnaryOperator<TicketQuery.Builder> filter) {
        Map<Long, Ticket> byId = new LinkedHashMap<>();
        for (String ref : refs) {
            for (Ticket t : tickets.list(actor, filter.apply(TicketQuery.builder().customer(ref)).page(0, LIMIT).build()).items()) {
                byId.putIfAbsent(t.id(), t);
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(Ticket::createdAt).reversed()).limit(LIMIT).toList();
    }

    private Optional<ProcessInstance> visible(Actor actor, long instanceId) {
        try {
            return Optional.of(approvals.detail(actor, instanceId).instance());
        } catch (ForbiddenException | NotFoundException e) {
            return Optional.empty();
        }
    }
}
