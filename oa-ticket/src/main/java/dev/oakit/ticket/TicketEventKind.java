package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * Kinds of entries in a ticket's history. The first ten are the events an SLA clock replays:
 * {@link #CREATED}, {@link #STATE_CHANGED}, {@link #AGENT_REPLY} (public reply by an agent),
 * {@link #REQUESTER_REPLY}, {@link #PRIORITY_CHANGED}, {@link #POLICY_CHANGED},
 * {@link #DUE_OVERRIDDEN}, {@link #RESOLVED}, {@link #REOPENED} and {@link #CLOSED}; every state
 * change is exactly one of {@code STATE_CHANGED}, {@code RESOLVED}, {@code REOPENED} or
 * {@code CLOSED} and carries the from- and to-state (their {@link StateKind}s in the detail as
 * {@code fromKind} and {@code toKind}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum TicketEventKind {
    /** the ticket was created */
    CREATED,
    /** a state change other than resolve, reopen and close */
    STATE_CHANGED,
    /** a public reply by an agent (or anybody who is not the requester) */
    AGENT_REPLY,
    /** a public reply by the requester */
    REQUESTER_REPLY,
    /** the priority changed; detail {@code from}, {@code to} */
    PRIORITY_CHANGED,
    /** the SLA policy changed; detail {@code from}, {@code to} */
    POLICY_CHANGED,
    /** a manual due time was set; detail {@code dueAt} */
    DUE_OVERRIDDEN,
    /** moved to a resolved state */
    RESOLVED,
    /** moved from a resolved or closed state back to work */
    REOPENED,
    /** moved to a closed state (closed, accepted, cancelled, withdrawn, merged) */
    CLOSED,
    /** an internal note, never shown to requesters */
    INTERNAL_NOTE,
    /** the assignee or queue changed; detail {@code from}, {@code to}, {@code queue} */
    ASSIGNED,
    /** title, description, category, custom fields or tags changed; detail lists the fields */
    UPDATED,
    /** a link was added; detail {@code kind}, {@code other} */
    LINKED,
    /** this ticket was merged into another, or another into this; detail {@code source}, {@code survivor} */
    MERGED,
    /** a ticket was split off this one, or this one off another; detail {@code source}, {@code part} */
    SPLIT,
    /** time was logged; detail {@code minutes} */
    TIME_LOGGED,
    /** the requester rated the resolution; detail {@code score} */
    RATED,
    /** the ticket was not started in time (超时未处理) */
    OVERDUE,
    /** a watcher was added or removed; detail {@code user}, {@code watching} */
    WATCHERS_CHANGED
}
