package dev.oakit.ticket;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * Filters and paging of a ticket list. Every list is limited to what the reader may see; the
 * scope narrows it further. Null filters do not filter. Start from {@link #all()}.
 *
 * @param scope which of the visible tickets
 * @param openOnly only tickets that are not resolved or closed
 * @param state a state name
 * @param stateKind a state kind
 * @param queue a queue key
 * @param assignee an assignee
 * @param unassigned only tickets with nobody assigned
 * @param type a type key
 * @param category a category key (its sub-categories included)
 * @param priority a priority
 * @param tag a tag
 * @param overdue only overdue tickets: not started in time, or with a breached SLA
 * @param createdFrom created at or after
 * @param createdBefore created before
 * @param offset first position, 0 or more
 * @param limit page size, 1 to 500
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketQuery(Scope scope, boolean openOnly, String state, StateKind stateKind, String queue, String assignee,
                          boolean unassigned, String type, String category, Priority priority, String tag, boolean overdue,
                          Instant createdFrom, Instant createdBefore, int offset, int limit) {
    /** Which of the visible tickets a list shows. */
    public enum Scope {
        /** everything the reader may see */
        VISIBLE,
        /** tickets the reader asked for */
        REQUESTED_BY_ME,
        /** tickets assigned to the reader */
        ASSIGNED_TO_ME,
        /** tickets of the reader's queues */
        MY_QUEUES,
        /** tickets the reader watches */
        WATCHING
    }

    /** Validates paging. */
    public TicketQuery {
        scope = scope == null ? Scope.VISIBLE : scope;
        if (offset < 0) {
            throw ValidationException.of("offset", "must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > 500) {
            throw ValidationException.of("limit", "must be 1 to 500, was " + limit);
        }
    }

    /** @return every visible ticket, first 50 */
    public static TicketQuery all() {
        return new TicketQuery(Scope.VISIBLE, false, null, null, null, null, false, null, null, null, null, false, null, null, 0, 50);
    }

    /** @return a copy with the scope */
    public TicketQuery withScope(Scope v) {
        return new TicketQuery(v, openOnly, state, stateKind, queue, assignee, unassigned, type, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy limited to open tickets */
    public TicketQuery onlyOpen() {
        return new TicketQuery(scope, true, state, stateKind, queue, assignee, unassigned, type, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the state */
    public TicketQuery withState(String v) {
        return new TicketQuery(scope, openOnly, v, stateKind, queue, assignee, unassigned, type, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the state kind */
    public TicketQuery withStateKind(StateKind v) {
        return new TicketQuery(scope, openOnly, state, v, queue, assignee, unassigned, type, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the queue */
    public TicketQuery withQueue(String v) {
        return new TicketQuery(scope, openOnly, state, stateKind, v, assignee, unassigned, type, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the assignee */
    public TicketQuery withAssignee(String v) {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, v, unassigned, type, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy limited to unassigned tickets */
    public TicketQuery unassignedOnly() {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, true, type, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the type */
    public TicketQuery withType(String v) {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, v, category, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the category */
    public TicketQuery withCategory(String v) {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, type, v, priority, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the priority */
    public TicketQuery withPriority(Priority v) {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, type, category, v, tag, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy with the tag */
    public TicketQuery withTag(String v) {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, type, category, priority, v, overdue,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy limited to overdue tickets */
    public TicketQuery overdueOnly() {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, type, category, priority, tag, true,
                createdFrom, createdBefore, offset, limit);
    }

    /** @return a copy limited to tickets created in [from, before) */
    public TicketQuery createdBetween(Instant from, Instant before) {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, type, category, priority, tag, overdue,
                from, before, offset, limit);
    }

    /** @return a copy with the page */
    public TicketQuery page(int newOffset, int newLimit) {
        return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, type, category, priority, tag, overdue,
                createdFrom, createdBefore, newOffset, newLimit);
    }
}
