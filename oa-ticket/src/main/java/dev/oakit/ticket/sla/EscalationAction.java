package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

/**
 * What an {@link EscalationStep} asks the ticket service to do (升级). The SLA clock only computes
 * when a step fires; the ticket service performs the action.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum EscalationAction {
    /** Notify the assignee and the queue's supervisors. */
    NOTIFY,
    /** Raise the ticket's priority by one level (the ticket type defines the order of priorities). */
    RAISE_PRIORITY,
    /** Move the ticket to another queue, named by {@link EscalationStep#queue()}. */
    REASSIGN_QUEUE
}
