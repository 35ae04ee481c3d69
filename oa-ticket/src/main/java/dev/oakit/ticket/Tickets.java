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
 *
 * <p><b>Request ids.</b> Every command takes an optional request id (at most 128 characters, unique
 * per tenant): {@link NewTicket#requestId()} for create, a last {@code requestId} argument for the
 * others (null for none). A client that did not get the answer to a command (the connection broke
 * after COMMIT) sends it again with the same request id and gets the first result, without a second
 * effect: one reply, one transition, one time entry. The same request id with another command,
 * another ticket, another actor or other arguments is refused with a
 * {@link dev.oakit.core.ConflictException} ({@code OA-CORE/REQUEST_ID_REUSED}) and changes nothing.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Tickets {
    /**
     * Creates a ticket with the next number of the tenant and year. Anybody may create a ticket
     * for themselves; agents, dispatchers and administrators also for another requester or an
     * external contact. Custom fields are validated by the type's form. A repeated
     * {@link NewTicket#requestId()} returns the ticket the first request created.
     */
    Ticket create(Actor actor, NewTicket ticket);

    /**
     * Takes a lifecycle action ({@code start}, {@code pend}, {@code resume}, {@code resolve},
     * {@code close}, {@code reopen}, {@code return}, {@code withdraw}, {@code cancel},
     * {@code accept}, {@code refuse} or any action of the type's lifecycle).
     *
     * @param comment the comment or reason; required where the transition says so
     */
    default Ticket act(Actor actor, long ticketId, String action, String comment) {
        return act(actor, ticketId, action, comment, null);
    }

    /** {@link #act(Actor, long, String, String)} with a request id (see the interface; null for none). */
    Ticket act(Actor actor, long ticketId, String action, String comment, String requestId);

    /** Starts work: {@code start}. */
    default Ticket start(Actor actor, long ticketId) {
        return start(actor, ticketId, null);
    }

    /** {@link #start(Actor, long)} with a request id (null for none). */
    default Ticket start(Actor actor, long ticketId, String requestId) {
        return act(actor, ticketId, "start", null, requestId);
    }

    /** Resolves: {@code resolve}; the requester then accepts or refuses. */
    default Ticket resolve(Actor actor, long ticketId, String comment) {
        return resolve(actor, ticketId, comment, null);
    }

    /** {@link #resolve(Actor, long, String)} with a request id (null for none). */
    default Ticket resolve(Actor actor, long ticketId, String comment, String requestId) {
        return act(actor, ticketId, "resolve", comment, requestId);
    }

    /** Accepts the resolution (验收通过): {@code accept}; closes the ticket. */
    default Ticket accept(Actor actor, long ticketId, String comment) {
        return accept(actor, ticketId, comment, null);
    }

    /** {@link #accept(Actor, long, String)} with a request id (null for none). */
    default Ticket accept(Actor actor, long ticketId, String comment, String requestId) {
        return act(actor, ticketId, "accept", comment, requestId);
    }

    /** Refuses the resolution with a reason (验收不通过): {@code refuse}; the ticket is worked on again. */
    default Ticket refuse(Actor actor, long ticketId, String reason) {
        return refuse(actor, ticketId, reason, null);
    }

    /** {@link #refuse(Actor, long, String)} with a request id (null for none). */
    default Ticket refuse(Actor actor, long ticketId, String reason, String requestId) {
        return act(actor, ticketId, "refuse", reason, requestId);
    }

    /** Returns the ticket to the dispatcher with a reason (退回): {@code return}; the assignee is cleared. */
    default Ticket returnToDispatcher(Actor actor, long ticketId, String reason) {
        return returnToDispatcher(actor, ticketId, reason, null);
    }

    /** {@link #returnToDispatcher(Actor, long, String)} with a request id (null for none). */
    default Ticket returnToDispatcher(Actor actor, long ticketId, String reason, String requestId) {
        return act(actor, ticketId, "return", reason, requestId);
    }

    /** The requester withdraws the ticket with a reason (撤回): {@code withdraw}. */
    default Ticket withdraw(Actor actor, long ticketId, String reason) {
        return withdraw(actor, ticketId, reason, null);
    }

    /** {@link #withdraw(Actor, long, String)} with a request id (null for none). */
    default Ticket withdraw(Actor actor, long ticketId, String reason, String requestId) {
        return act(actor, ticketId, "withdraw", reason, requestId);
    }

    /** Assigns the ticket to an agent of its queue (派单); dispatchers and administrators. */
    default Ticket assign(Actor actor, long ticketId, String assigneeId) {
        return assign(actor, ticketId, assigneeId, null);
    }

    /** {@link #assign(Actor, long, String)} with a request id (null for none). */
    Ticket assign(Actor actor, long ticketId, String assigneeId, String requestId);

    /**
     * Claims an unassigned ticket of one of the actor's queues (抢单). Of two agents claiming at
     * once exactly one wins; the other gets a {@link dev.oakit.core.ConflictException}.
     */
    default Ticket claim(Actor actor, long ticketId) {
        return claim(actor, ticketId, null);
    }

    /** {@link #claim(Actor, long)} with a request id (null for none). */
    Ticket claim(Actor actor, long ticketId, String requestId);

    /** Gives a claimed or assigned ticket back to its queue: {@code release}. */
    default Ticket release(Actor actor, long ticketId) {
        return release(actor, ticketId, null);
    }

    /** {@link #release(Actor, long)} with a request id (null for none). */
    Ticket release(Actor actor, long ticketId, String requestId);

    /**
     * Hands the ticket to another agent, possibly of another queue (转派); the assignee,
     * dispatchers and administrators.
     *
     * @param queue the new queue, or null to stay
     * @param assigneeId the new assignee (a member of the queue), or null to leave it unassigned in the new queue
     */
    default Ticket reassign(Actor actor, long ticketId, String queue, String assigneeId, String reason) {
        return reassign(actor, ticketId, queue, assigneeId, reason, null);
    }

    /** {@link #reassign(Actor, long, String, String, String)} with a request id (null for none). */
    Ticket reassign(Actor actor, long ticketId, String queue, String assigneeId, String reason, String requestId);

    /**
     * Adds a public reply. A requester's reply to a waiting ticket resumes it when the lifecycle
     * has {@code resume} from that state.
     */
    default Ticket reply(Actor actor, long ticketId, String body, List<AttachmentRef> attachments) {
        return reply(actor, ticketId, body, attachments, null);
    }

    /** {@link #reply(Actor, long, String, List)} with a request id (null for none). */
    Ticket reply(Actor actor, long ticketId, String body, List<AttachmentRef> attachments, String requestId);

    /**
     * Adds the public reply of the ticket's external requester that reached OAKit through a channel (a CRM comment, a
     * message of another system): the requester has no user, so the system records it as the requester's reply when
     * {@code email} is the requester's address. A waiting ticket resumes as with {@link #reply}.
     *
     * @param system the tenant's system actor ({@code Actor.system(tenant)}) or an operator
     * @param email the sender's address; must be the ticket's external requester's
     * @param channel where it came from, e.g. {@code crm}
     * @param requestId repeating it returns the first result; null for none
     * @throws dev.oakit.core.ForbiddenException when the actor is no system actor or operator, or the address is not the
     *     requester's
     * @throws dev.oakit.core.ConflictException when the ticket is closed
     * @since 0.1
     */
    Ticket contactReply(Actor system, long ticketId, String email, String channel, String body, String requestId);

    /** Adds an internal note, visible to agents only. */
    default Ticket note(Actor actor, long ticketId, String body) {
        return note(actor, ticketId, body, null);
    }

    /** {@link #note(Actor, long, String)} with a request id (null for none). */
    Ticket note(Actor actor, long ticketId, String body, String requestId);

    /** Changes fields (title, description, category, priority, custom fields, tags, SLA policy, due time). */
    default Ticket update(Actor actor, long ticketId, TicketChanges changes) {
        return update(actor, ticketId, changes, null);
    }

    /** {@link #update(Actor, long, TicketChanges)} with a request id (null for none). */
    Ticket update(Actor actor, long ticketId, TicketChanges changes, String requestId);

    /** Logs time spent; agents of the queue and administrators. */
    default TimeEntry logTime(Actor actor, long ticketId, int minutes, LocalDate workDate, String note) {
        return logTime(actor, ticketId, minutes, workDate, note, null);
    }

    /** {@link #logTime(Actor, long, int, LocalDate, String)} with a request id (null for none). */
    TimeEntry logTime(Actor actor, long ticketId, int minutes, LocalDate workDate, String note, String requestId);

    /** Adds or removes a watcher; a user may watch tickets they can see, agents may add others. */
    default Ticket watch(Actor actor, long ticketId, String userId, boolean watching) {
        return watch(actor, ticketId, userId, watching, null);
    }

    /** {@link #watch(Actor, long, String, boolean)} with a request id (null for none). */
    Ticket watch(Actor actor, long ticketId, String userId, boolean watching, String requestId);

    /**
     * Rates the current resolution (1–5 and a comment), once per resolution; the requester only,
     * never the agent who resolved it.
     */
    default Rating rate(Actor actor, long ticketId, int score, String comment) {
        return rate(actor, ticketId, score, comment, null);
    }

    /** {@link #rate(Actor, long, int, String)} with a request id (null for none). */
    Rating rate(Actor actor, long ticketId, int score, String comment, String requestId);

    /** Links two tickets; agents of both tickets' queues and administrators. */
    default TicketLink link(Actor actor, long fromId, LinkKind kind, long toId) {
        return link(actor, fromId, kind, toId, null);
    }

    /** {@link #link(Actor, long, LinkKind, long)} with a request id (null for none). */
    TicketLink link(Actor actor, long fromId, LinkKind kind, long toId, String requestId);

    /** Makes a ticket the child of another (or of none, with null). */
    default Ticket setParent(Actor actor, long childId, Long parentId) {
        return setParent(actor, childId, parentId, null);
    }

    /** {@link #setParent(Actor, long, Long)} with a request id (null for none). */
    Ticket setParent(Actor actor, long childId, Long parentId, String requestId);

    /**
     * Merges a ticket into a survivor: the source is closed pointing to the survivor, its
     * watchers and requester are added to the survivor's watchers, and both record it.
     */
    default Ticket merge(Actor actor, long sourceId, long survivorId, String comment) {
        return merge(actor, sourceId, survivorId, comment, null);
    }

    /** {@link #merge(Actor, long, long, String)} with a request id (null for none). */
    Ticket merge(Actor actor, long sourceId, long survivorId, String comment, String requestId);

    /**
     * Splits part of a ticket into a new ticket of the same type, requester and queue, linked
     * {@link LinkKind#SPLIT_FROM} the source.
     *
     * @return the new ticket
     */
    default Ticket split(Actor actor, long sourceId, String title, String description) {
        return split(actor, sourceId, title, description, null);
    }

    /** {@link #split(Actor, long, String, String)} with a request id (null for none). */
    Ticket split(Actor actor, long sourceId, String title, String description, String requestId);
}
