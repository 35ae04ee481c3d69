package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.form.AttachmentRef;
import org.apiguardian.api.API;

import java.time.LocalDate;
import java.util.List;

/**
 * Commands on tickets. Each runs as one OAKit command: one transaction, the ticket row locked,
 * a history entry, an audit entry, outbox events ({@code tk.ticket.*}) and notifications on state
 * changes. Actors see only their own tenant: another tenant's ticket id is "not found".
 *
 * <p>Errors: {@link dev.oakit.core.ValidationException} for bad input (naming the field),
 * {@link dev.oakit.core.NotFoundException} for unknown ids, {@link dev.oakit.core.ForbiddenException}
 * naming who may, {@link dev.oakit.core.ConflictException} for actions the current state does not
 * allow (naming the allowed ones) and for lost races (two agents claiming at once).
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Tickets {
    /**
     * Creates a ticket with the next number of the tenant and year. Anybody may create a ticket
     * for themselves; agents, dispatchers and administrators also for another requester or an
     * external contact. Custom fields are validated by the type's form.
     */
    Ticket create(Actor actor, NewTicket ticket);

    /**
     * Takes a lifecycle action ({@code start}, {@code pend}, {@code resume}, {@code resolve},
     * {@code close}, {@code reopen}, {@code return}, {@code withdraw}, {@code cancel},
     * {@code accept}, {@code refuse} or any action of the type's lifecycle).
     *
     * @param comment the comment or reason; required where the transition says so
     */
    Ticket act(Actor actor, long ticketId, String action, String comment);

    /** Starts work: {@code start}. */
    default Ticket start(Actor actor, long ticketId) {
        return act(actor, ticketId, "start", null);
    }

    /** Resolves: {@code resolve}; the requester then accepts or refuses. */
    default Ticket resolve(Actor actor, long ticketId, String comment) {
        return act(actor, ticketId, "resolve", comment);
    }

    /** Accepts the resolution (验收通过): {@code accept}; closes the ticket. */
    default Ticket accept(Actor actor, long ticketId, String comment) {
        return act(actor, ticketId, "accept", comment);
    }

    /** Refuses the resolution with a reason (验收不通过): {@code refuse}; the ticket is worked on again. */
    default Ticket refuse(Actor actor, long ticketId, String reason) {
        return act(actor, ticketId, "refuse", reason);
    }

    /** Returns the ticket to the dispatcher with a reason (退回): {@code return}; the assignee is cleared. */
    default Ticket returnToDispatcher(Actor actor, long ticketId, String reason) {
        return act(actor, ticketId, "return", reason);
    }

    /** The requester withdraws the ticket with a reason (撤回): {@code withdraw}. */
    default Ticket withdraw(Actor actor, long ticketId, String reason) {
        return act(actor, ticketId, "withdraw", reason);
    }

    /** Assigns the ticket to an agent of its queue (派单); dispatchers and administrators. */
    Ticket assign(Actor actor, long ticketId, String assigneeId);

    /**
     * Claims an unassigned ticket of one of the actor's queues (抢单). Of two agents claiming at
     * once exactly one wins; the other gets a {@link dev.oakit.core.ConflictException}.
     */
    Ticket claim(Actor actor, long ticketId);

    /** Gives a claimed or assigned ticket back to its queue: {@code release}. */
    Ticket release(Actor actor, long ticketId);

    /**
     * Hands the ticket to another agent, possibly of another queue (转派); the assignee,
     * dispatchers and administrators.
     *
     * @param queue the new queue, or null to stay
     * @param assigneeId the new assignee (a member of the queue), or null to leave it unassigned in the new queue
     */
    Ticket reassign(Actor actor, long ticketId, String queue, String assigneeId, String reason);

    /**
     * Adds a public reply. A requester's reply to a waiting ticket resumes it when the lifecycle
     * has {@code resume} from that state.
     */
    Ticket reply(Actor actor, long ticketId, String body, List<AttachmentRef> attachments);

    /** Adds an internal note, visible to agents only. */
    Ticket note(Actor actor, long ticketId, String body);

    /** Changes fields (title, description, category, priority, custom fields, tags, SLA policy, due time). */
    Ticket update(Actor actor, long ticketId, TicketChanges changes);

    /** Logs time spent; agents of the queue and administrators. */
    TimeEntry logTime(Actor actor, long ticketId, int minutes, LocalDate workDate, String note);

    /** Adds or removes a watcher; a user may watch tickets they can see, agents may add others. */
    Ticket watch(Actor actor, long ticketId, String userId, boolean watching);

    /**
     * Rates the current resolution (1–5 and a comment), once per resolution; the requester only,
     * never the agent who resolved it.
     */
    Rating rate(Actor actor, long ticketId, int score, String comment);

    /** Links two tickets; agents of both tickets' queues and administrators. */
    TicketLink link(Actor actor, long fromId, LinkKind kind, long toId);

    /** Makes a ticket the child of another (or of none, with null). */
    Ticket setParent(Actor actor, long childId, Long parentId);

    /**
     * Merges a ticket into a survivor: the source is closed pointing to the survivor, its
     * watchers and requester are added to the survivor's watchers, and both record it.
     */
    Ticket merge(Actor actor, long sourceId, long survivorId, String comment);

    /**
     * Splits part of a ticket into a new ticket of the same type, requester and queue, linked
     * {@link LinkKind#SPLIT_FROM} the source.
     *
     * @return the new ticket
     */
    Ticket split(Actor actor, long sourceId, String title, String description);
}
