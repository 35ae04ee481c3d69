package dev.oakit.ticket.spi;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A queue member as the ticket service sees them at dispatch time. Only an {@link #eligible()}
 * candidate (active, on duty, below capacity) may be chosen by any strategy. Immutable and
 * thread-safe; the {@code with…} methods return changed copies.
 *
 * @param userId the agent's user id; not null
 * @param active whether the user is active in the directory
 * @param onDuty whether the agent works now by the queue's business calendar (and is not away); computed by the caller
 * @param skills the agent's skills (e.g. {@code vpn}, {@code printer}); never null
 * @param capacity the most open tickets the agent may hold; {@link #UNLIMITED} for no cap
 * @param openTickets the agent's open tickets now
 * @param load the priority-weighted load of those tickets (see {@code PriorityWeights})
 * @param lastAssignedAt when the agent last got a ticket by dispatch; null if never
 * @param familiar a hint from the caller that the agent knows this requester or subject (used by retain-familiar)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AgentCandidate(String userId, boolean active, boolean onDuty, Set<String> skills, int capacity,
                             int openTickets, double load, Instant lastAssignedAt, boolean familiar) {

    /** A capacity without a cap. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /**
     * Checks the components and copies the skills (null means none).
     *
     * @throws ValidationException naming the field: blank user id, negative capacity, open count or load, or a load that is not a number
     */
    public AgentCandidate {
        Checks.id("userId", userId);
        if (capacity < 0) {
            throw ValidationException.of("capacity", "must be 0 or more (0 takes no new work; UNLIMITED for no cap); was " + capacity);
        }
        if (openTickets < 0) {
            throw ValidationException.of("openTickets", "must be 0 or more; was " + openTickets);
        }
        if (!(load >= 0) || Double.isInfinite(load)) {
            throw ValidationException.of("load", "must be a finite number, 0 or more; was " + load);
        }
        skills = skills == null ? Set.of() : Set.copyOf(skills);
    }

    /** @return an active, on-duty agent without skills, tickets or history, with the given capacity */
    public static AgentCandidate of(String userId, int capacity) {
        return new AgentCandidate(userId, true, true, Set.of(), capacity, 0, 0, null, false);
    }

    /** @return whether a strategy may choose this agent: active, on duty and below capacity */
    public boolean eligible() {
        return ineligibility().isEmpty();
    }

    /** @return why this agent may not get work now, e.g. {@code full (5/5)}; empty when eligible */
    public Optional<String> ineligibility() {
        if (!active) {
            return Optional.of("inactive");
        }
        if (!onDuty) {
            return Optional.of("off duty");
        }
        if (openTickets >= capacity) {
            return Optional.of("full (" + openTickets + "/" + capacity + ")");
        }
        return Optional.empty();
    }

    /** @return a copy with {@code active} */
    public AgentCandidate withActive(boolean active) {
        return new AgentCandidate(userId, active, onDuty, skills, capacity, openTickets, load, lastAssignedAt, familiar);
    }

    /** @return a copy with {@code onDuty} */
    public AgentCandidate withOnDuty(boolean onDuty) {
        return new AgentCandidate(userId, active, onDuty, skills, capacity, openTickets, load, lastAssignedAt, familiar);
    }

    /** @return a copy with these skills */
    public AgentCandidate withSkills(String... skills) {
        return new AgentCandidate(userId, active, onDuty, Set.copyOf(Arrays.asList(skills)), capacity, openTickets, load,
                lastAssignedAt, familiar);
    }

    /** @return a copy with this many open tickets and this load */
    public AgentCandidate withOpen(int openTickets, double load) {
        return new AgentCandidate(userId, active, onDuty, skills, capacity, openTickets, load, lastAssignedAt, familiar);
    }

    /** @return a copy last assigned at {@code at} (null: never) */
    public AgentCandidate withLastAssignedAt(Instant at) {
        return new AgentCandidate(userId, active, onDuty, skills, capacity, openTickets, load, at, familiar);
    }

    /** @return a copy with the familiar hint */
    public AgentCandidate withFamiliar(boolean familiar) {
        return new AgentCandidate(userId, active, onDuty, skills, capacity, openTickets, load, lastAssignedAt, familiar);
    }

    /** @return a copy after one more ticket of weight {@code weight} was assigned at {@code at} */
    public AgentCandidate assigned(Instant at, double weight) {
        return new AgentCandidate(userId, active, onDuty, skills, capacity, openTickets + 1, load + weight, at, familiar);
    }

    /** @return a copy after one ticket of weight {@code weight} was closed or moved away */
    public AgentCandidate released(double weight) {
        return new AgentCandidate(userId, active, onDuty, skills, capacity, Math.max(0, openTickets - 1),
                Math.max(0, load - weight), lastAssignedAt, familiar);
    }
}
