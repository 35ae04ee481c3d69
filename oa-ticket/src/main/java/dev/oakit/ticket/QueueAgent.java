package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * A queue member as dispatch sees them: the profile, whether the directory has them active,
 * and how much open work they hold.
 *
 * @param agent the profile (defaults when none was saved)
 * @param dispatcher whether they dispatch this queue
 * @param active whether the directory has the user active
 * @param openTickets tickets assigned to them that are not resolved or closed (all queues)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record QueueAgent(Agent agent, boolean dispatcher, boolean active, int openTickets) {
    /** @return true if the agent may get new work: active, on duty and under capacity */
    public boolean available() {
        return active && agent.onDuty() && (agent.capacity() == 0 || openTickets < agent.capacity());
    }
}
