package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketPage;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.TicketView;
import dev.oakit.ticket.TicketWorkbench;
import dev.oakit.ticket.internal.command.Access;
import dev.oakit.ticket.internal.store.CatalogRepository;
import dev.oakit.ticket.internal.store.EventRepository;
import dev.oakit.ticket.internal.store.LinkRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.RatingRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import dev.oakit.ticket.internal.store.TimeRepository;
import dev.oakit.ticket.internal.store.WatcherRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The read side: every query carries the tenant and, for non-administrators, the visibility
 * condition (requester, assignee, member of the queue, watcher) in its SQL ({@link TicketRepository#page},
 * {@link TicketRepository#workbench}); a detail is answered only to a party or watcher of the ticket.
 */
@Singleton
public final class TicketReader implements TicketQueries {
    private final Commands commands;
    private final CatalogRepository catalog;
    private final TicketRepository tickets;
    private final QueueRepository queues;
    private final WatcherRepository watchers;
    private final EventRepository events;
    private final LinkRepository links;
    private final TimeRepository times;
    private final RatingRepository ratings;

    @Inject
    public TicketReader(Commands commands, CatalogRepository catalog, TicketRepository tickets, QueueRepository queues,
                        WatcherRepository watchers, EventRepository events, LinkRepository links, TimeRepository times,
                        RatingRepository ratings) {
        this.commands = commands;
        this.catalog = catalog;
        this.tickets = tickets;
        this.queues = queues;
        this.watchers = watchers;
        this.events = events;
        this.links = links;
        this.times = times;
        this.ratings = ratings;
    }

    @Override
    public TicketDetail detail(Actor actor, long ticketId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> detail(h, actor, ticketId, tickets.find(h, actor.tenantId(), ticketId)
                .orElseThrow(() -> Access.notFound(actor.tenantId(), ticketId))));
    }

    @Override
    public TicketDetail detail(Actor actor, String number) {
        Checks.notNull("actor", actor);
        Checks.text("number", number, 40);
        return commands.query(h -> detail(h, actor, number, tickets.findByNumber(h, actor.tenantId(), number)
                .orElseThrow(() -> Access.notFound(actor.tenantId(), number))));
    }

    /** @param named the id or number the actor asked for */
    private TicketDetail detail(Handle h, Actor actor, Object named, TicketRow row) {
        Set<Party> parties = Access.parties(actor, row, queues.membership(h, row.tenantId, row.queue, actor.userId()));
        if (parties.isEmpty() && !watchers.watches(h, row.id, actor.userId())) {
            throw Access.notFound(actor.tenantId(), named);
        }
        boolean agent = Access.agentView(parties);
        String tenant = actor.tenantId();
        var timeline = events.timeline(h, tenant, row.id, agent);
        var linked = links.links(h, tenant, row.id);
        var children = tickets.children(h, tenant, row.id);
        var time = !agent ? List.<dev.oakit.ticket.TimeEntry>of() : times.entries(h, tenant, row.id);
        var rated = ratings.ratings(h, tenant, row.id);
        Lifecycle lc = catalog.lifecycle(h, tenant, row.type);
        List<String> actions = lc.from(row.state).stream()
                .filter(t -> !Collections.disjoint(parties, t.by()))
                .filter(t -> !(t.action().equals("claim") && row.assignee != null))
                .map(Lifecycle.Transition::action).distinct().toList();
        return new TicketDetail(row.toTicket(), agent ? TicketView.AGENT : TicketView.PUBLIC, timeline, watchers.watchers(h, row.id), linked,
                children, time, rated, actions);
    }

    @Override
    public TicketPage list(Actor actor, TicketQuery q) {
        Checks.notNull("actor", actor);
        Checks.notNull("query", q);
        return commands.query(h -> tickets.page(h, actor, q,
                q.category() == null ? null : List.copyOf(catalog.subTree(h, actor.tenantId(), q.category()))));
    }

    @Override
    public TicketWorkbench workbench(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> tickets.workbench(h, actor));
    }
}
