package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketLink;
import dev.oakit.ticket.internal.TicketEngine.Op;
import dev.oakit.ticket.internal.store.TicketRow;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Commands on two tickets at once (links, parent and child, merge) and split. Both tickets are
 * locked in id order, so two such commands on the same pair never deadlock.
 */
final class TicketRelations {
    private final TicketEngine engine;

    TicketRelations(TicketEngine engine) {
        this.engine = engine;
    }

    TicketLink link(Actor actor, long fromId, LinkKind kind, long toId, String requestId) {
        Checks.notNull("kind", kind);
        if (fromId == toId) {
            throw ValidationException.of("toId", "a ticket cannot be linked to itself");
        }
        return onPair(actor, fromId, toId, "link", requestId, TicketLink.class, RequestIds.args(kind, toId), (from, to) -> {
            TicketEngine.requireAgent(from, "link");
            TicketEngine.requireAgent(to, "link");
            boolean exists = engine.links.exists(from.h, from.tenant(), fromId, kind, toId);
            if (exists) {
                throw new ConflictException("OA-TK/LINK_EXISTS", "ticket " + from.row.number + " " + kind + " " + to.row.number + " is linked already");
            }
            insertLink(from, fromId, kind, toId);
            return new TicketLink(fromId, kind, toId, from.actor.userId(), from.now);
        });
    }

    private void insertLink(Op from, long fromId, LinkKind kind, long toId) {
        engine.links.insert(from.h, from.tenant(), new TicketLink(fromId, kind, toId, from.actor.userId(), from.now));
        from.event(TicketEventKind.LINKED, "link", null, null, null, false, TicketEngine.detail("kind", kind.name(), "to", toId));
    }

    /**
     * Runs a command on two tickets, locked in id order (no deadlock between two commands on the same pair).
     */
    private <T> T onPair(Actor actor, long aId, long bId, String action, String requestId, Class<T> type,
                         List<?> arguments, BiFunction<Op, Op, T> body) {
        Checks.notNull("actor", actor);
        CommandSpec spec = CommandSpec.of(actor, "tk.ticket." + action).withTarget("ticket", Long.toString(aId)).withRequestId(requestId);
        return engine.requestIds.execute(spec, type, arguments, ctx -> {
            Op first = engine.load(ctx, Math.min(aId, bId));
            Op second = engine.load(ctx, Math.max(aId, bId));
            Op a = aId < bId ? first : second;
            Op b = aId < bId ? second : first;
            T r = body.apply(a, b);
            engine.save(a);
            engine.save(b);
            return r;
        });
    }

    Ticket setParent(Actor actor, long childId, Long parentId, String requestId) {
        if (parentId == null) {
            return engine.onTicket(actor, childId, "parent", requestId, Ticket.class, RequestIds.args((Object) null), op -> {
                TicketEngine.requireAgent(op, "change the parent of");
                if (op.row.parentId != null) {
                    op.event(TicketEventKind.UPDATED, "parent", null, null, null, false, TicketEngine.detail("parent", null));
                    op.row.parentId = null;
                    op.dirty = true;
                }
                return op.row.toTicket();
            });
        }
        if (parentId == childId) {
            throw ValidationException.of("parentId", "a ticket cannot be its own parent");
        }
        return onPair(actor, childId, parentId, "parent", requestId, Ticket.class, RequestIds.args(parentId), (child, parent) -> {
            TicketEngine.requireAgent(child, "change the parent of");
            mayAddChildren(parent);
            Set<Long> seen = new HashSet<>();
            for (Long p = parentId; p != null; p = engine.tickets.parentOf(child.h, child.tenant(), p)) {
                if (p == childId || !seen.add(p)) {
                    throw ValidationException.of("parentId", "ticket " + parent.row.number + " is below " + child.row.number
                            + " already; making it the parent would form a cycle");
                }
            }
            child.row.parentId = parentId;
            child.dirty = true;
            child.event(TicketEventKind.UPDATED, "parent", null, null, null, false, TicketEngine.detail("parent", parentId));
            return child.row.toTicket();
        });
    }

    /**
     * The access check of a parent, for a new ticket's parent and for {@link #setParent}: locks it and checks that the
     * actor may add children to it (agents of its queue and administrators) and that it is open. A parent the actor
     * may not see answers exactly like an id that does not exist ({@code OA-TK/NOT_FOUND}), so ids cannot be probed.
     */
    Op lockParent(CommandContext ctx, long parentId) {
        Op parent = engine.load(ctx, parentId);
        mayAddChildren(parent);
        return parent;
    }

    private static void mayAddChildren(Op parent) {
        TicketEngine.requireAgent(parent, "add children to");
        requireOpenParent(parent.row);
    }

    static void requireOpenParent(TicketRow parent) {
        if (parent.kind == StateKind.CLOSED) {
            throw new ConflictException("OA-TK/PARENT_CLOSED", "parent ticket " + parent.number + " is closed; choose an open parent");
        }
    }

    Ticket merge(Actor actor, long sourceId, long survivorId, String comment, String requestId) {
        Checks.optionalText("comment", comment, 2000);
        if (sourceId == survivorId) {
            throw ValidationException.of("survivorId", "a ticket cannot be merged into itself");
        }
        return onPair(actor, sourceId, survivorId, "merge", requestId, Ticket.class, RequestIds.args(survivorId, comment),
                (source, survivor) -> {
            TicketEngine.requireAgent(source, "merge");
            TicketEngine.requireAgent(survivor, "merge into");
            for (Op o : List.of(source, survivor)) {
                if (o.row.kind == StateKind.CLOSED) {
                    throw new ConflictException("OA-TK/CLOSED", "ticket " + o.row.number + " is closed ('" + o.row.state + "'); only open tickets merge");
                }
            }
            String closed = source.lc.transition(source.row.state, "close").map(Lifecycle.Transition::to)
                    .filter(s -> source.lc.kindOf(s) == StateKind.CLOSED)
                    .or(() -> source.lc.state("closed").filter(s -> s.kind() == StateKind.CLOSED).map(Lifecycle.State::name))
                    .orElseGet(() -> source.lc.states().stream().filter(s -> s.kind() == StateKind.CLOSED).findFirst().orElseThrow().name());
            source.row.mergedInto = survivorId;
            source.event(TicketEventKind.MERGED, "merge", null, null, comment, false, TicketEngine.detail("source", sourceId, "survivor", survivorId));
            engine.move(source, "merge", closed, comment);
            Set<String> add = new TreeSet<>(engine.watchers.watchers(source.h, sourceId));
            if (source.row.requester.userId() != null && !source.row.requester.userId().equals(survivor.row.requester.userId())) {
                add.add(source.row.requester.userId());
            }
            add.removeAll(engine.watchers.watchers(survivor.h, survivorId));
            engine.watchers.add(survivor.h, survivor.tenant(), survivorId, add);
            survivor.event(TicketEventKind.MERGED, "merge", null, null, comment, false, TicketEngine.detail("source", sourceId, "survivor", survivorId,
                    "number", source.row.number, "watchersAdded", List.copyOf(add)));
            return survivor.row.toTicket();
        });
    }

    Ticket split(Actor actor, long sourceId, String title, String description, String requestId) {
        Checks.text("title", title, 200);
        Checks.optionalText("description", description, 20_000);
        return engine.onTicket(actor, sourceId, "split", requestId, Ticket.class, RequestIds.args(title, description), source -> {
            TicketEngine.requireAgent(source, "split");
            TicketEngine.requireOpen(source, "split");
            TicketRow s = source.row;
            NewTicket.Builder b = NewTicket.builder(s.type, title).description(description).category(s.category).priority(s.priority)
                    .channel(s.channel).requester(s.requester).queue(s.queue).fields(s.fields).parent(s.parentId);
            s.tags.forEach(b::tags);
            Op part = engine.createIn(source.ctx, b.build(), false);
            insertLink(part, part.row.id, LinkKind.SPLIT_FROM, s.id);
            part.event(TicketEventKind.SPLIT, "split", null, null, null, false, TicketEngine.detail("source", s.id, "part", part.row.id));
            engine.save(part);
            source.event(TicketEventKind.SPLIT, "split", null, null, null, false, TicketEngine.detail("source", s.id, "part", part.row.id,
                    "number", part.row.number));
            source.ctx.target("ticket", Long.toString(s.id));
            source.ctx.summary("split ticket " + part.row.number + " off " + s.number);
            return part.row.toTicket();
        });
    }
}
