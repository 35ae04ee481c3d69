package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * Who may take a lifecycle transition, relative to one ticket.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Party {
    /** the internal user who asked for the ticket */
    REQUESTER,
    /** any member of the ticket's queue */
    AGENT,
    /** the agent the ticket is assigned to */
    ASSIGNEE,
    /** a member of the ticket's queue marked as dispatcher (派单员) */
    DISPATCHER,
    /** an administrator of the tenant (role {@code oa-admin}); also OAKit's own system actor */
    ADMIN
}
