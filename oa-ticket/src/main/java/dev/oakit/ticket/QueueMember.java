package dev.oakit.ticket;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A member of a queue: an agent, possibly also its dispatcher (派单员).
 *
 * @param userId the user's id
 * @param dispatcher true if the member assigns the queue's tickets
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record QueueMember(String userId, boolean dispatcher) {
    /** Validates. */
    public QueueMember {
        Checks.id("userId", userId);
    }

    /** @return an agent who is not a dispatcher */
    public static QueueMember agent(String userId) {
        return new QueueMember(userId, false);
    }

    /** @return a dispatcher */
    public static QueueMember dispatcher(String userId) {
        return new QueueMember(userId, true);
    }
}
