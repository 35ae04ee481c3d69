package dev.oakit.ticket.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.AttachmentRef;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Rating;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketLink;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.TimeEntry;
import dev.oakit.ticket.internal.command.Assignment;
import dev.oakit.ticket.internal.command.Conversation;
import dev.oakit.ticket.internal.command.Editing;
import dev.oakit.ticket.internal.command.Relations;
import dev.oakit.ticket.internal.command.TicketCommand;
import dev.oakit.ticket.internal.command.Transitions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;

/**
 * {@link Tickets}: checks each command's arguments (bad input fails before anything runs, naming the field), makes
 * the command record and hands it with its decider to the {@link CommandRunner}. See docs/tickets.md.
 */
@Singleton
public final class TicketService implements Tickets {
    private final CommandRunner runner;
    private final Transitions transitions;
    private final Assignment assignment;
    private final Conversation conversation;
    private final Editing editing;
    private final Relations relations;

    @Inject
    public TicketService(CommandRunner runner, Transitions transitions, Assignment assignment, Conversation conversation, Editing editing,
                         Relations relations) {
        this.runner = runner;
        this.transitions = transitions;
        this.assignment = assignment;
        this.conversation = conversation;
        this.editing = editing;
        this.relations = relations;
    }

    @Override
    public Ticket create(Actor actor, NewTicket request) {
        Checks.notNull("actor", actor);
        Checks.notNull("ticket", request);
        return runner.create(actor, new TicketCommand.Create(request));
    }

    // ------------------------------------------------------------------ lifecycle and assignment

    @Override
    public Ticket act(Actor actor, long ticketId, String action, String comment, String requestId) {
        Checks.id("action", action);
        Checks.optionalText("comment", comment, 2000);
        if (action.equals("assign") || action.equals("claim")) {
            throw ValidationException.of("action", "'" + action + "' sets the assignee; use Tickets." + action + " instead");
        }
        return runner.onTicket(actor, ticketId, new TicketCommand.Act(action, comment), requestId, Ticket.class, (c, reads) -> {
            transitions.act(c, action, comment, reads);
            return c.row.toTicket();
        });
    }

    @Override
    public Ticket assign(Actor actor, long ticketId, String assigneeId, String requestId) {
        Checks.id("assigneeId", assigneeId);
        return runner.onTicket(actor, ticketId, new TicketCommand.Assign(assigneeId), requestId, Ticket.class, (c, reads) -> {
            assignment.assign(c, assigneeId, reads);
            return c.row.toTicket();
        });
    }

    @Override
    public Ticket claim(Actor actor, long ticketId, String requestId) {
        return runner.onTicket(actor, ticketId, new TicketCommand.Claim(), requestId, Ticket.class, (c, reads) -> {
            assignment.claim(c, reads);
            return c.row.toTicket();
        });
    }

    @Override
    public Ticket release(Actor actor, long ticketId, String requestId) {
        return runner.onTicket(actor, ticketId, new TicketCommand.Release(), requestId, Ticket.class, (c, reads) -> {
            transitions.act(c, "release", null, reads);
            return c.row.toTicket();
        });
    }

    @Override
    public Ticket reassign(Actor actor, long ticketId, String queue, String assigneeId, String reason, String requestId) {
        Checks.optionalText("queue", queue, 64);
        Checks.optionalText("assigneeId", assigneeId, 64);
        Checks.optionalText("reason", reason, 2000);
        if (queue == null && assigneeId == null) {
            throw ValidationException.of("assigneeId", "name a new queue, a new assignee, or both");
        }
        return runner.onTicket(actor, ticketId, new TicketCommand.Reassign(queue, assigneeId, reason), requestId, Ticket.class, (c, reads) -> {
            assignment.reassign(c, queue, assigneeId, reason, reads);
            return c.row.toTicket();
        });
    }

    // ------------------------------------------------------------------ conversation

    @Override
    public Ticket reply(Actor actor, long ticketId, String body, List<AttachmentRef> attachments, String requestId) {
        Checks.text("body", body, 20_000);
        List<AttachmentRef> files = attachments == null ? List.of() : List.copyOf(Checks.elements("attachments", attachments));
        return runner.onTicket(actor, ticketId, new TicketCommand.Reply(body, files), requestId, Ticket.class, (c, reads) -> {
            conversation.reply(c, body, files, reads);
            return c.row.toTicket();
        });
    }

    /** An external contact's reply through a channel, run as the system (see {@link Conversation#contactReply}). */
    public void contactReply(String tenant, long ticketId, String email, String channel, String body, List<AttachmentRef> files) {
        runner.onTicket(Actor.system(tenant), ticketId, new TicketCommand.ContactReply(email, channel, body, files), null, Void.class,
                (c, reads) -> {
                    conversation.contactReply(c, email, channel, body, files, reads);
                    return null;
                });
    }

    @Override
    public Ticket contactReply(Actor system, long ticketId, String email, String channel, String body, String requestId) {
        if (!system.isOperator()) {
            throw new dev.oakit.core.ForbiddenException(dev.oakit.ticket.TicketErrors.FORBIDDEN, "user '" + system.userId()
                    + "' may not record a contact's reply on ticket " + ticketId + "; the system actor or an operator may");
        }
        Checks.text("body", body, 20_000);
        Checks.text("channel", channel, 32);
        return runner.onTicket(system, ticketId, new TicketCommand.ContactReply(email, channel, body, List.of()), requestId, Ticket.class,
                (c, reads) -> {
                    conversation.contactReply(c, email, channel, body, List.of(), reads);
                    return c.row.toTicket();
                });
    }

    @Override
    public Ticket note(Actor actor, long ticketId, String body, String requestId) {
        Checks.text("body", body, 20_000);
        return runner.onTicket(actor, ticketId, new TicketCommand.Note(body), requestId, Ticket.class, (c, reads) -> {
            conversation.note(c, body);
            return c.row.toTicket();
        });
    }

    @Override
    public Rating rate(Actor actor, long ticketId, int score, String comment, String requestId) {
        if (score < 1 || score > 5) {
            throw ValidationException.of("score", "must be 1 to 5, was " + score);
        }
        Checks.optionalText("comment", comment, 2000);
        return runner.onTicket(actor, ticketId, new TicketCommand.Rate(score, comment), requestId, Rating.class,
                (c, reads) -> conversation.rate(c, score, comment, reads));
    }

    // ------------------------------------------------------------------ editing

    @Override
    public Ticket update(Actor actor, long ticketId, TicketChanges changes, String requestId) {
        Checks.notNull("changes", changes);
        return runner.onTicket(actor, ticketId, new TicketCommand.Update(changes), requestId, Ticket.class, (c, reads) -> {
            editing.update(c, changes, reads);
            return c.row.toTicket();
        });
    }

    @Override
    public TimeEntry logTime(Actor actor, long ticketId, int minutes, LocalDate workDate, String note, String requestId) {
        if (minutes < 1 || minutes > 1440) {
            throw ValidationException.of("minutes", "must be 1 to 1440 (one day), was " + minutes);
        }
        Checks.optionalText("note", note, 2000);
        LocalDate[] day = new LocalDate[1];
        return runner.onTicketThen(actor, ticketId, new TicketCommand.LogTime(minutes, workDate, note), requestId, TimeEntry.class,
                (c, reads) -> day[0] = editing.logTime(c, minutes, workDate, note, reads),
                c -> new TimeEntry(c.loggedTimeId, c.actor.userId(), minutes, day[0], note, c.now));
    }

    @Override
    public Ticket watch(Actor actor, long ticketId, String userId, boolean watching, String requestId) {
        Checks.id("userId", userId);
        return runner.onTicket(actor, ticketId, new TicketCommand.Watch(userId, watching), requestId, Ticket.class, (c, reads) -> {
            editing.watch(c, userId, watching, reads);
            return c.row.toTicket();
        });
    }

    // ------------------------------------------------------------------ relations

    @Override
    public TicketLink link(Actor actor, long fromId, LinkKind kind, long toId, String requestId) {
        Checks.notNull("kind", kind);
        if (fromId == toId) {
            throw ValidationException.of("toId", "a ticket cannot be linked to itself");
        }
        return runner.onPair(actor, fromId, toId, new TicketCommand.Link(kind, toId), requestId, TicketLink.class,
                (from, to, reads) -> relations.link(from, to, kind, reads));
    }

    @Override
    public Ticket setParent(Actor actor, long childId, Long parentId, String requestId) {
        TicketCommand.SetParent command = new TicketCommand.SetParent(parentId);
        if (parentId == null) {
            return runner.onTicket(actor, childId, command, requestId, Ticket.class, (c, reads) -> {
                relations.clearParent(c);
                return c.row.toTicket();
            });
        }
        if (parentId == childId) {
            throw ValidationException.of("parentId", "a ticket cannot be its own parent");
        }
        return runner.onPair(actor, childId, parentId, command, requestId, Ticket.class, (child, parent, reads) -> {
            relations.setParent(child, parent, reads);
            return child.row.toTicket();
        });
    }

    @Override
    public Ticket merge(Actor actor, long sourceId, long survivorId, String comment, String requestId) {
        Checks.optionalText("comment", comment, 2000);
        if (sourceId == survivorId) {
            throw ValidationException.of("survivorId", "a ticket cannot be merged into itself");
        }
        return runner.onPair(actor, sourceId, survivorId, new TicketCommand.Merge(survivorId, comment), requestId, Ticket.class,
                (source, survivor, reads) -> {
                    relations.merge(source, survivor, comment, reads);
                    return survivor.row.toTicket();
                });
    }

    @Override
    public Ticket split(Actor actor, long sourceId, String title, String description, String requestId) {
        Checks.text("title", title, 200);
        Checks.optionalText("description", description, 20_000);
        return runner.split(actor, sourceId, new TicketCommand.Split(title, description), requestId);
    }
}
