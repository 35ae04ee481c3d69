package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

/**
 * The three clocks an SLA policy can run on a ticket (首次响应 / 下次响应 / 解决时限).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SlaTarget {
    /** From creation to the first public reply of an agent. */
    FIRST_RESPONSE,
    /** From a requester's reply that follows an agent's reply to the next public agent reply; restarts each time. */
    NEXT_RESPONSE,
    /** From creation to resolution; reopening follows the policy's {@link ReopenRule}. */
    RESOLUTION
}
