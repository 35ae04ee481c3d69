package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * The error codes of oa-ticket: the stable {@link dev.oakit.core.OaException#code()} of each case,
 * one line on what it means. A host compares {@code e.code()} with these constants (they work in a
 * {@code switch}); each code is {@code OA-TK/} followed by the constant's name. The kernel's codes
 * ({@code OA-CORE/...}, among them the generic {@code VALIDATION} of a ticket's fields) are in
 * {@link dev.oakit.core.CoreErrors}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TicketErrors {
    private TicketErrors() {
    }

    // ---- configuration: lifecycles, dispatch, SLA

    /** A ticket type's lifecycle does not hold together; every problem is listed with its path. */
    public static final String LIFECYCLE_INVALID = "OA-TK/LIFECYCLE_INVALID";
    /** A queue's dispatch rules do not hold together (conditions, targets, strategies); every problem is listed. */
    public static final String DISPATCH_RULES_INVALID = "OA-TK/DISPATCH_RULES_INVALID";
    /** Dispatch strategies registered by plugins are unnamed or share a name. */
    public static final String DISPATCH_STRATEGY_INVALID = "OA-TK/DISPATCH_STRATEGY_INVALID";
    /** No dispatch strategy with this name is registered; the message lists the names there are. */
    public static final String DISPATCH_STRATEGY_NOT_FOUND = "OA-TK/DISPATCH_STRATEGY_NOT_FOUND";
    /** Priority weights have a blank priority or a weight that is not a finite number of 0 or more. */
    public static final String PRIORITY_WEIGHTS_INVALID = "OA-TK/PRIORITY_WEIGHTS_INVALID";
    /** The SLA clock's policies share a name or name a calendar that does not exist, or a ticket's SLA history is unreadable. */
    public static final String SLA_INVALID = "OA-TK/SLA_INVALID";
    /** An SLA policy does not hold together (targets, pausing states, warning share, escalations); every problem is listed. */
    public static final String SLA_POLICY_INVALID = "OA-TK/SLA_POLICY_INVALID";

    // ---- what is not there

    /** No ticket with this id or number in the tenant, or the user may not see it (both look the same). */
    public static final String NOT_FOUND = "OA-TK/NOT_FOUND";
    /** No ticket type with this key in the tenant. */
    public static final String TYPE_NOT_FOUND = "OA-TK/TYPE_NOT_FOUND";
    /** No queue with this key in the tenant. */
    public static final String QUEUE_NOT_FOUND = "OA-TK/QUEUE_NOT_FOUND";
    /** A webhook names a requester who is no user of the tenant. */
    public static final String NO_USER = "OA-TK/NO_USER";
    /** No mailbox with this name is configured for the tenant. */
    public static final String NO_MAILBOX = "OA-TK/NO_MAILBOX";

    // ---- who may act

    /** The user may see the ticket (or queue, or report) but not do this; the message names who may. */
    public static final String FORBIDDEN = "OA-TK/FORBIDDEN";
    /** The agent who handled a ticket may not rate it. */
    public static final String OWN_TICKET = "OA-TK/OWN_TICKET";

    // ---- tickets not in the right state

    /** The lifecycle has no such action from the ticket's state; the message names the actions allowed. */
    public static final String ILLEGAL_TRANSITION = "OA-TK/ILLEGAL_TRANSITION";
    /** The action needs an open ticket; this one is resolved or closed. */
    public static final String NOT_OPEN = "OA-TK/NOT_OPEN";
    /** The ticket is closed: reopen it before replying, changing or merging it. */
    public static final String CLOSED = "OA-TK/CLOSED";
    /** The action needs an assignee and the ticket has none; assign or claim it first. */
    public static final String UNASSIGNED = "OA-TK/UNASSIGNED";
    /** A ticket cannot be resolved while child tickets of it are open. */
    public static final String OPEN_CHILDREN = "OA-TK/OPEN_CHILDREN";
    /** Only a resolved ticket can be rated. */
    public static final String NOT_RESOLVED = "OA-TK/NOT_RESOLVED";
    /** This resolution of the ticket is rated already; a rating is once per resolution. */
    public static final String ALREADY_RATED = "OA-TK/ALREADY_RATED";
    /** Someone claimed or was assigned the ticket first. */
    public static final String ALREADY_ASSIGNED = "OA-TK/ALREADY_ASSIGNED";
    /** The lifecycle has no state of kind NEW for a ticket left without an assignee. */
    public static final String NO_NEW_STATE = "OA-TK/NO_NEW_STATE";
    /** The agent holds as many open tickets as their capacity allows. */
    public static final String AT_CAPACITY = "OA-TK/AT_CAPACITY";
    /** The two tickets are linked this way already. */
    public static final String LINK_EXISTS = "OA-TK/LINK_EXISTS";
    /** A closed ticket cannot become a parent; choose an open one. */
    public static final String PARENT_CLOSED = "OA-TK/PARENT_CLOSED";
    /** The ticket changed while the command ran; nothing was written, reload and retry. */
    public static final String STALE = "OA-TK/STALE";

    // ---- mail channels

    /** A mailbox could not be read (host, port, TLS or folder); {@code retryable()}: it is polled again. */
    public static final String MAIL = "OA-TK/MAIL";
    /** A mailbox refused the login; fix its user or password. */
    public static final String MAIL_LOGIN = "OA-TK/MAIL_LOGIN";
    /** The mail server does not offer the STARTTLS the configuration demands; the mail was not sent. */
    public static final String MAIL_TLS = "OA-TK/MAIL_TLS";
    /** A mail to a contact could not be sent; {@code retryable()}: the job tries again. */
    public static final String MAIL_OUT = "OA-TK/MAIL_OUT";
    /** A mail's text was purged before its job was replayed; it cannot be sent any more. */
    public static final String MAIL_PURGED = "OA-TK/MAIL_PURGED";
}
