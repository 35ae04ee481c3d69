package dev.oakit.core.job;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * A durable job to schedule.
 *
 * @param type job type, matching a registered handler's type; at most 100 characters
 * @param payload any Jackson-serialisable object (becomes a JSON object); null for an empty payload
 * @param dueAt earliest time to run; null for now
 * @param maxAttempts attempts before the job is parked as dead; 0 for the configured default
 * @param dedupeKey optional key, unique per tenant among jobs that have not started: scheduling the same key again returns the waiting job; the key is released when the job starts, so a running job may schedule its successor under the same key
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record JobRequest(String type, Object payload, Instant dueAt, int maxAttempts, String dedupeKey) {
    /** Validates the components. */
    public JobRequest {
        Checks.text("type", type, 100);
        if (maxAttempts < 0 || maxAttempts > 1000) {
            throw ValidationException.of("maxAttempts", "must be between 0 (default) and 1000, was " + maxAttempts);
        }
        if (dedupeKey != null) {
            Checks.text("dedupeKey", dedupeKey, 200);
        }
    }

    /** @return a request to run {@code type} now with the payload */
    public static JobRequest of(String type, Object payload) {
        return new JobRequest(type, payload, null, 0, null);
    }

    /** @return a copy due at the instant */
    public JobRequest at(Instant due) {
        return new JobRequest(type, payload, due, maxAttempts, dedupeKey);
    }

    /** @return a copy with the dedupe key */
    public JobRequest dedupe(String key) {
        return new JobRequest(type, payload, dueAt, maxAttempts, key);
    }

    /** @return a copy with a maximum number of attempts */
    public JobRequest maxAttempts(int attempts) {
        return new JobRequest(type, payload, dueAt, attempts, dedupeKey);
    }
}
