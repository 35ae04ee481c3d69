package dev.oakit.core.job;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * Which dead jobs to replay at once: those of one type created within a time range, for example
 * the webhook deliveries of the day a receiver was down.
 *
 * @param type the job type, e.g. {@code core.event.relay}; required, at most 100 characters
 * @param createdFrom earliest creation time (inclusive); null for no lower bound
 * @param createdBefore latest creation time (exclusive); null for no upper bound
 * @param limit the most jobs to replay in one call, 1 to {@value #MAX_LIMIT}; call again for more
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeadJobSelection(String type, Instant createdFrom, Instant createdBefore, int limit) {
    /** The most jobs one call replays. */
    public static final int MAX_LIMIT = 10_000;

    /** Checks the components. */
    public DeadJobSelection {
        Checks.text("type", type, 100);
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw ValidationException.of("createdBefore", "must be after createdFrom (" + createdFrom + "), was " + createdBefore);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** @return every dead job of the type, up to {@value #MAX_LIMIT} */
    public static DeadJobSelection of(String type) {
        return new DeadJobSelection(type, null, null, MAX_LIMIT);
    }

    /** @return a copy limited to jobs created from {@code from} (inclusive) to {@code before} (exclusive); either may be null */
    public DeadJobSelection createdBetween(Instant from, Instant before) {
        return new DeadJobSelection(type, from, before, limit);
    }

    /** @return a copy that replays at most {@code max} jobs */
    public DeadJobSelection limit(int max) {
        return new DeadJobSelection(type, createdFrom, createdBefore, max);
    }
}
