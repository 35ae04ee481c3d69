package dev.oakit.ticket.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.internal.command.TicketReads;
import dev.oakit.ticket.internal.store.CatalogRepository;
import dev.oakit.ticket.internal.store.LinkRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.RatingRepository;
import dev.oakit.ticket.internal.store.RoutingRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.WatcherRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** {@link TicketReads} over the repositories and the directory, in one command's transaction. */
@Singleton
final class StoreReads {
    private final TicketRepository tickets;
    private final QueueRepository queues;
    private final CatalogRepository catalog;
    private final WatcherRepository watchers;
    private final LinkRepository links;
    private final RatingRepository ratings;
    private final RoutingRepository routing;
    private final Directory directory;

    @Inject
    StoreReads(TicketRepository tickets, QueueRepository queues, CatalogRepository catalog, WatcherRepository watchers,
               LinkRepository links, RatingRepository ratings, RoutingRepository routing,
               Directory directory) {
        this.tickets = tickets;
        this.queues = queues;
        this.catalog = catalog;
        this.watchers = watchers;
        this.links = links;
        this.ratings = ratings;
        this.routing = routing;
        this.directory = directory;
    }

    /** @return the reads of the command's actor's tenant in its transaction */
    TicketReads in(CommandContext ctx) {
        Handle h = ctx.handle();
        String tenant = ctx.actor().tenantId();
        return new TicketReads() {
            @Override
            public Optional<Boolean> membership(String queue, String userId) {
                return queues.membership(h, tenant, queue, userId);
            }

            @Override
            public boolean agentAnywhere(String userId) {
                return queues.isAgentAnywhere(h, tenant, userId);
            }

            @Override
            public Optional<Queue> queue(String key) {
                return queues.queue(h, tenant, key);
            }

            @Override
            public Queue requireQueue(String key, String field) {
                return queues.requireQueue(h, tenant, key, field);
            }

            @Override
            public Optional<Category> category(String key) {
                return catalog.category(h, tenant, key);
            }

            @Override
            public TicketType type(String key) {
                return catalog.type(h, tenant, key);
            }

            @Override
            public List<String> dispatchers(String queue) {
                return queues.dispatchers(h, tenant, queue);
            }

            @Override
            public List<String> watchers(long ticketId) {
                return watchers.watchers(h, ticketId);
            }

            @Override
            public List<String> openChildren(long ticketId) {
                return tickets.openChildren(h, tenant, ticketId);
            }

            @Override
            public Long parentOf(long ticketId) {
                return tickets.parentOf(h, tenant, ticketId);
            }

            @Override
            public int openLoad(String userId) {
                return tickets.openLoad(h, tenant, userId);
            }

            @Override
            public Optional<Agent> agent(String userId) {
                return queues.agent(h, tenant, userId);
            }

            @Override
            public Optional<User> user(String userId) {
                return directory.findUser(Actor.system(tenant), userId);
            }

            @Override
            public List<String> slaPolicyNames() {
                return routing.policyNames(h, tenant);
            }

            @Override
            public boolean linked(long fromId, LinkKind kind, long toId) {
                return links.exists(h, tenant, fromId, kind, toId);
            }

            @Override
            public boolean rated(long ticketId, int resolution) {
                return ratings.rated(h, tenant, ticketId, resolution);
            }
        };
    }
}
