package dev.oakit.ticket.internal.command;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketLink;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Commands on two tickets (links, parent and child, merge) and split. The runner locks both tickets in id order, so
 * two such commands on the same pair never deadlock. Who may make a ticket a parent is decided in one place,
 * {@link #mayAddChildren}, for {@code setParent} and for a new ticket's parent alike.
 */
@Singleton
public final class Relations {
    private final Transitions transitions;

    @Inject
    public Relations(Transitions transitions) {
        this.transitions = transitions;
    }

    public TicketLink link(TicketChange from, TicketChange to, LinkKind kind, TicketReads reads) {
        Guards.requireAgent(from, "link");
        Guards.requireAgent(to, "link");
        if (reads.linked(from.row.id, kind, to.row.id)) {
            throw new ConflictException(TicketErrors.LINK_EXISTS, "ticket " + from.row.number + " " + kind + " " + to.row.number + " is linked already");
        }
        return addLink(from, kind, to.row.id);
    }

    private static TicketLink addLink(TicketChange from, LinkKind kind, long toId) {
        TicketLink link = new TicketLink(from.row.id, kind, toId, from.actor.userId(), from.now);
        from.effects.add(new Effect.AddLink(link));
        from.event(TicketEventKind.LINKED, "link", null, null, null, false, TicketChange.detail("kind", kind.name(), "to", toId));
        return link;
    }

    /** The ticket has no parent any more. */
    public void clearParent(TicketChange child) {
        Guards.requireAgent(child, "change the parent of");
        if (child.row.parentId != null) {
            child.event(TicketEventKind.UPDATED, "parent", null, null, null, false, TicketChange.detail("parent", null));
            child.row.parentId = null;
            child.dirty = true;
        }
    }

    /** Makes {@code parent} the parent of {@code child}; no cycles. */
    public void setParent(TicketChange child, TicketChange parent, TicketReads reads) {
        Guards.requireAgent(child, "change the parent of");
        mayAddChildren(parent);
        long childId = child.row.id;
        long parentId = parent.row.id;
        Set<Long> seen = new HashSet<>();
        for (Long p = parentId; p != null; p = reads.parentOf(p)) {
            if (p == childId || !seen.add(p)) {
                throw ValidationException.of("parentId", "ticket " + parent.row.number + " is below " + child.row.number
                        + " already; making it the parent would form a cycle");
            }
        }
        child.row.parentId = parentId;
        child.dirty = true;
        child.event(TicketEventKind.UPDATED, "parent", null, null, null, false, TicketChange.detail("parent", parentId));
    }

    /**
     * The check of a parent, for a new ticket's parent and for {@link #setParent}: the actor may add children to it
     * (agents of its queue, its assignee, dispatchers and administrators) and it is open. (A parent the actor may not
     * see at all was answered as not found when it was loaded.)
     */
    public static void mayAddChildren(TicketChange parent) {
        Guards.requireAgent(parent, "add children to");
        requireOpenParent(parent.row);
    }

    /** A parent must be open (a part split off inherits its source's parent with this check only). */
    public static void requireOpenParent(TicketRow parent) {
        if (parent.kind == StateKind.CLOSED) {
            throw new ConflictException(TicketErrors.PARENT_CLOSED, "parent ticket " + parent.number + " is closed; choose an open parent");
        }
    }

    /** Merges {@code source} into {@code survivor}: the source closes and points to it; its requester and watchers watch the survivor. */
    public void merge(TicketChange source, TicketChange survivor, String comment, TicketReads reads) {
        Guards.requireAgent(source, "merge");
        Guards.requireAgent(survivor, "merge into");
        for (TicketChange o : List.of(source, survivor)) {
            if (o.row.kind == StateKind.CLOSED) {
                throw new ConflictException(TicketErrors.CLOSED, "ticket " + o.row.number + " is closed ('" + o.row.state + "'); only open tickets merge");
            }
        }
        long sourceId = source.row.id;
        long survivorId = survivor.row.id;
        String closed = Transitions.closedState(source.lc, source.row.state);
        source.row.mergedInto = survivorId;
        source.event(TicketEventKind.MERGED, "merge", null, null, comment, false, TicketChange.detail("source", sourceId, "survivor", survivorId));
        transitions.move(source, "merge", closed, comment, reads);
        Set<String> add = new TreeSet<>(reads.watchers(sourceId));
        if (source.row.requester.userId() != null && !source.row.requester.userId().equals(survivor.row.requester.userId())) {
            add.add(source.row.requester.userId());
        }
        add.removeAll(reads.watchers(survivorId));
        if (!add.isEmpty()) {
            survivor.effects.add(new Effect.AddWatchers(List.copyOf(add)));
        }
        survivor.event(TicketEventKind.MERGED, "merge", null, null, comment, false, TicketChange.detail("source", sourceId, "survivor", survivorId,
                "number", source.row.number, "watchersAdded", List.copyOf(add)));
    }

    /** @return the part to split off an open ticket: same type, requester, queue, category, priority, fields, tags and parent */
    public NewTicket splitOff(TicketChange source, String title, String description) {
        Guards.requireAgent(source, "split");
        Guards.requireOpen(source, "split");
        TicketRow s = source.row;
        NewTicket.Builder b = NewTicket.builder(s.type, title).description(description).category(s.category).priority(s.priority)
                .channel(s.channel).requester(s.requester).queue(s.queue).fields(s.fields).parent(s.parentId);
        s.tags.forEach(b::tags);
        return b.build();
    }

    /** The new part (stored, with its id) links to its source. */
    public void splitPart(TicketChange part, long sourceId) {
        addLink(part, LinkKind.SPLIT_FROM, sourceId);
        part.event(TicketEventKind.SPLIT, "split", null, null, null, false, TicketChange.detail("source", sourceId, "part", part.row.id));
    }

    /** The source records the part split off it. */
    public void splitSource(TicketChange source, TicketRow part) {
        TicketRow s = source.row;
        source.event(TicketEventKind.SPLIT, "split", null, null, null, false, TicketChange.detail("source", s.id, "part", part.id,
                "number", part.number));
        source.effects.add(new Effect.Target("ticket", Long.toString(s.id)));
        source.summary("split ticket " + part.number + " off " + s.number);
    }
}
