package dev.oakit.ticket;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Queues (teams), their members and the agents' profiles (skills, capacity, on duty, calendar).
 * Writes are for administrators (agents may set their own on-duty flag) and audited. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Queues {
    /** Creates or replaces a queue; its calendar, if named, must exist. */
    Queue saveQueue(Actor admin, Queue queue);

    /** @return every queue, by key */
    List<Queue> queues(Actor actor);

    /** Replaces the members of a queue; each must be a user of the directory. */
    List<QueueMember> setMembers(Actor admin, String queue, List<QueueMember> members);

    /** Creates or replaces an agent's profile. */
    Agent saveAgent(Actor admin, Agent agent);

    /** Sets an agent's on-duty flag; the agent themself or an administrator. */
    Agent setOnDuty(Actor actor, String userId, boolean onDuty);

    /**
     * @return the queue's members as dispatch sees them (profile, active flag from the
     *     directory, open tickets); members of the queue and administrators
     */
    List<QueueAgent> agents(Actor actor, String queue);
}
