package dev.oakit.ticket.internal.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.spi.DispatchHook;
import dev.oakit.ticket.internal.command.Access;
import dev.oakit.ticket.internal.command.Assignment;
import dev.oakit.ticket.internal.command.Creation;
import dev.oakit.ticket.internal.command.Relations;
import dev.oakit.ticket.internal.command.TicketChange;
import dev.oakit.ticket.internal.command.TicketCommand;
import dev.oakit.ticket.internal.command.TicketReads;
import dev.oakit.ticket.internal.store.CatalogRepository;
import dev.oakit.ticket.internal.store.CounterRepository;
import dev.oakit.ticket.internal.store.MetricDayRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import dev.oakit.ticket.internal.store.WatcherRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs the ticket commands: in oa-core's command (one transaction, audit, request ids with their argument
 * fingerprint, see {@link RequestIds}) it locks and loads the ticket (two tickets in id order), has the command's
 * decider decide over the loaded {@link TicketChange}, and has the {@link EffectWriter} write it. A new ticket takes
 * more steps: its checks, the route dispatch gives, its parent's check, its number, its row stored (it needs an id
 * before dispatch can pick an agent for it), what it records, dispatch's decision, and the write. The dispatch hook
 * is asked here, where the command's context is, and its answers handed to the deciders.
 */
@Singleton
public final class CommandRunner {
    private final Commands commands;
    private final RequestIds requestIds;
    private final Numbers numbers;
    private final StoreReads reads;
    private final EffectWriter writer;
    private final TicketRepository tickets;
    private final CatalogRepository catalog;
    private final QueueRepository queues;
    private final WatcherRepository watchers;
    private final TicketConfig config;
    private final DispatchHook dispatch;
    private final Creation creation;
    private final Assignment assignment;
    private final Relations relations;

    @Inject
    CommandRunner(Commands commands, ObjectMapper json, CounterRepository counters, StoreReads reads, EffectWriter writer,
                  TicketRepository tickets, CatalogRepository catalog, QueueRepository queues, WatcherRepository watchers,
                  TicketConfig config, DispatchHook dispatch, Creation creation, Assignment assignment, Relations relations) {
        this.commands = commands;
        this.requestIds = new RequestIds(commands, json);
        this.numbers = new Numbers(commands, counters);
        this.reads = reads;
        this.writer = writer;
        this.tickets = tickets;
        this.catalog = catalog;
        this.queues = queues;
        this.watchers = watchers;
        this.config = config;
        this.dispatch = dispatch;
        this.creation = creation;
        this.assignment = assignment;
        this.relations = relations;
    }

    /** A decision on one ticket. */
    @FunctionalInterface
    public interface Decision<T> {
        T decide(TicketChange c, TicketReads reads);
    }

    /** A decision on two tickets, in the order the command names them. */
    @FunctionalInterface
    public interface PairDecision<T> {
        T decide(TicketChange a, TicketChange b, TicketReads reads);
    }

    // ------------------------------------------------------------------ commands

    /** Runs a command on one ticket; its result is the decision's. */
    public <T> T onTicket(Actor actor, long ticketId, TicketCommand command, String requestId, Class<T> type, Decision<T> decision) {
        return execute(actor, ticketId, command, requestId, type, ctx -> {
            TicketChange c = load(ctx, ticketId);
            T result = decision.decide(c, reads.in(ctx));
            writer.write(ctx, c);
            return result;
        });
    }

    /** Runs a command on one ticket whose result is known once it is written (a stored row's id). */
    public <T> T onTicketThen(Actor actor, long ticketId, TicketCommand command, String requestId, Class<T> type,
                              BiConsumer<TicketChange, TicketReads> decision, Function<TicketChange, T> result) {
        return execute(actor, ticketId, command, requestId, type, ctx -> {
            TicketChange c = load(ctx, ticketId);
            decision.accept(c, reads.in(ctx));
            writer.write(ctx, c);
            return result.apply(c);
        });
    }

    /**
     * Runs a command on two tickets, locked in id order, and written in id order too: a write that moves a ticket or
     * changes its figures locks the ticket's metric row, which the rollup and the rebuild lock in id order
     * ({@code MetricDayRepository.rollUp}, {@code rebuild}), so a rollup or a rebuild that takes one of the two while
     * the first write holds the other waits instead of deadlocking. Of today's commands only a merge locks one (its
     * source's closing; a link, a parent and the survivor's entry change no figures), so the order matters for a
     * decision that changes both tickets' figures ({@code FiguresLockOrderTest} runs one, paused between the writes).
     * Another command on either ticket waits already at the ticket's row lock.
     */
    public <T> T onPair(Actor actor, long aId, long bId, TicketCommand command, String requestId, Class<T> type, PairDecision<T> decision) {
        return execute(actor, aId, command, requestId, type, ctx -> {
            TicketChange first = load(ctx, Math.min(aId, bId));
            TicketChange second = load(ctx, Math.max(aId, bId));
            TicketChange a = aId < bId ? first : second;
            TicketChange b = aId < bId ? second : first;
            T result = decision.decide(a, b, reads.in(ctx));
            writer.write(ctx, first);
            MetricDayRepository.pause("pair", ctx.tenantId());
            writer.write(ctx, second);
            return result;
        });
    }

    private <T> T execute(Actor actor, long ticketId, TicketCommand command, String requestId, Class<T> type, Function<CommandContext, T> body) {
        Checks.notNull("actor", actor);
        CommandSpec spec = CommandSpec.of(actor, "tk.ticket." + command.action()).withTarget("ticket", Long.toString(ticketId))
                .withRequestId(requestId);
        return requestIds.execute(spec, type, command.arguments(), body);
    }

    /** Creates a ticket. */
    public Ticket create(Actor actor, TicketCommand.Create command) {
        Checks.notNull("actor", actor);
        NewTicket request = command.request();
        return requestIds.execute(CommandSpec.of(actor, "tk.ticket.create").withRequestId(request.requestId()), Ticket.class,
                command.arguments(), ctx -> {
                    TicketChange c = create(ctx, request, true, reads.in(ctx));
                    writer.write(ctx, c);
                    return c.row.toTicket();
                });
    }

    /**
     * Splits a part off a ticket: a new ticket like it, linked to it. The part is written before its source, against
     * the id order of {@link #onPair}, and may be: no other transaction can lock the part's rows before this one
     * commits, and the source's write (its split entry) changes none of its figures, so it locks no metric row.
     */
    public Ticket split(Actor actor, long sourceId, TicketCommand.Split command, String requestId) {
        return execute(actor, sourceId, command, requestId, Ticket.class, ctx -> {
            TicketChange source = load(ctx, sourceId);
            TicketReads in = reads.in(ctx);
            NewTicket request = relations.splitOff(source, command.title(), command.description());
            TicketChange part = create(ctx, request, false, in);
            relations.splitPart(part, sourceId);
            writer.write(ctx, part);
            relations.splitSource(source, part.row);
            writer.write(ctx, source);
            return part.row.toTicket();
        });
    }

    /**
     * @param parentChosen whether the actor names the parent (checked as {@link Relations#mayAddChildren}), or it is
     *                     inherited (split: it must be open)
     * @return the new ticket, stored, with what it recorded and dispatch decided still to be written
     */
    private TicketChange create(CommandContext ctx, NewTicket req, boolean parentChosen, TicketReads in) {
        Actor actor = ctx.actor();
        Creation.Draft draft = creation.check(actor, req, in);
        DispatchHook.Route route = dispatch.route(ctx, draft.type(), req, draft.channel(), draft.fields());
        Queue queue = creation.queue(draft, req, route, in);
        if (req.parentId() != null && parentChosen) {
            Relations.mayAddChildren(load(ctx, req.parentId()));
        } else if (req.parentId() != null) {
            Relations.requireOpenParent(lock(ctx, req.parentId()));
        }
        TicketChange c = creation.open(actor, ctx.now(), draft, req, route, queue, year -> numbers.next(ctx, config.numberPrefix(), year), in);
        writer.insert(ctx, c);
        creation.created(c, in);
        assignment.dispatched(c, dispatch.assigneeFor(ctx, c.row.toTicket(), route), in);
        return c;
    }

    // ------------------------------------------------------------------ the system's commands

    /** Runs a decision of the system (a timer, an SLA firing) on a ticket, in {@code ctx}'s command. */
    public void onSystem(CommandContext ctx, long ticketId, BiConsumer<TicketChange, TicketReads> decision) {
        TicketChange c = load(ctx, ticketId);
        decision.accept(c, reads.in(ctx));
        writer.write(ctx, c);
    }

    /**
     * Has dispatch try again for a ticket waiting in {@code queue}, in {@code ctx}'s command.
     *
     * @return the ticket once assigned, or null when it no longer waits there or dispatch chose nobody
     */
    public Ticket redispatch(CommandContext ctx, long ticketId, String queue) {
        TicketChange c = load(ctx, ticketId);
        if (!assignment.redispatch(c, queue, t -> dispatch.assigneeFor(ctx, t, null), reads.in(ctx))) {
            return null;
        }
        writer.write(ctx, c);
        return c.row.toTicket();
    }

    /**
     * Sends a ticket its assignee {@code leaver} can no longer work on back to its queue, then lets dispatch choose
     * again, in {@code ctx}'s command; a dispatch choice that may not take it (inactive, at capacity) leaves it waiting.
     *
     * @return whether the ticket went back to its queue
     */
    public boolean returnToQueue(CommandContext ctx, long ticketId, String leaver, String reason) {
        TicketChange c = load(ctx, ticketId);
        TicketReads in = reads.in(ctx);
        if (!assignment.returnToQueue(c, leaver, reason, in)) {
            return false;
        }
        DispatchHook.Assignment choice = dispatch.assigneeFor(ctx, c.row.toTicket(), null);
        if (choice != null && choice.agentId() != null && !choice.agentId().equals(leaver)) {
            try {
                assignment.dispatched(c, choice, in);
            } catch (dev.oakit.core.OaException refused) {
                c.summary("dispatch chose " + choice.agentId() + ", who may not take it: " + refused.getMessage());
            }
        }
        writer.write(ctx, c);
        return true;
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads and locks the ticket and checks that the actor may see it; a ticket the actor may not see answers as not
     * found, exactly like an id that does not exist, so that ids cannot be probed.
     */
    private TicketChange load(CommandContext ctx, long ticketId) {
        Actor actor = ctx.actor();
        String tenant = actor.tenantId();
        TicketRow row = lock(ctx, ticketId);
        Lifecycle lc = catalog.lifecycle(ctx.handle(), tenant, row.type);
        Set<Party> parties = Access.parties(actor, row, queues.membership(ctx.handle(), tenant, row.queue, actor.userId()));
        if (parties.isEmpty() && !watchers.watches(ctx.handle(), row.id, actor.userId())) {
            throw Access.notFound(tenant, ticketId);
        }
        return new TicketChange(actor, ctx.now(), row, lc, parties);
    }

    private TicketRow lock(CommandContext ctx, long ticketId) {
        String tenant = ctx.actor().tenantId();
        return tickets.lock(ctx.handle(), tenant, ticketId).orElseThrow(() -> Access.notFound(tenant, ticketId));
    }
}
