package dev.oakit.ticket;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.util.Set;
import java.util.TreeSet;

/**
 * An agent's working profile, the same in every queue they belong to.
 *
 * @param userId the user's id
 * @param skills skill codes (sorted)
 * @param capacity most open tickets at once, 0 for no limit
 * @param onDuty false while the agent takes no new work (off shift, away)
 * @param calendar business calendar of the agent's shifts, or null for the queue's
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Agent(String userId, Set<String> skills, int capacity, boolean onDuty, String calendar) {
    /** Validates and sorts the skills. */
    public Agent {
        Checks.id("userId", userId);
        skills = skills == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(Checks.elements("skills", skills)));
        if (capacity < 0) {
            throw ValidationException.of("capacity", "must be 0 (no limit) or more, was " + capacity);
        }
        Checks.optionalText("calendar", calendar, 64);
    }

    /** @return an on-duty agent without skills or limit */
    public static Agent of(String userId) {
        return new Agent(userId, Set.of(), 0, true, null);
    }

    /** @return a copy with the skills */
    public Agent withSkills(String... v) {
        return new Agent(userId, Set.of(v), capacity, onDuty, calendar);
    }

    /** @return a copy with the capacity */
    public Agent withCapacity(int v) {
        return new Agent(userId, skills, v, onDuty, calendar);
    }

    /** @return a copy with the on-duty flag */
    public Agent withOnDuty(boolean v) {
        return new Agent(userId, skills, capacity, v, calendar);
    }
}
