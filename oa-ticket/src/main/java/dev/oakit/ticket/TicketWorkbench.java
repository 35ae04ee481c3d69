package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * Counts for a person's workbench (工作台).
 *
 * @param myOpen tickets assigned to me that are not resolved or closed
 * @param teamQueue open tickets of my queues
 * @param unassigned open tickets of my queues with nobody assigned
 * @param overdue tickets of my queues (or assigned to me) flagged overdue (not started in time) or with a breached SLA
 * @param waitingForMyAcceptance tickets I asked for that are resolved and wait for my acceptance
 * @param teamAwaitingAcceptance resolved tickets of my queues waiting for their requester
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketWorkbench(long myOpen, long teamQueue, long unassigned, long overdue, long waitingForMyAcceptance,
                              long teamAwaitingAcceptance) {
}
