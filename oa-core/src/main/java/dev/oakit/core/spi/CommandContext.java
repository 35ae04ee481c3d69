package dev.oakit.core.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

/**
 * The running command's transaction and what it may record with it. Everything written here
 * commits or rolls back together: the state change, the audit record, the outbox events and the
 * scheduled jobs. Valid only during the command; not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CommandContext {
    /** @return the handle of the command's transaction */
    Handle handle();

    /** @return who issues the command */
    Actor actor();

    /** @return the actor's tenant */
    default String tenantId() {
        return actor().tenantId();
    }

    /** @return the command's time, read once from OAKit's clock */
    Instant now();

    /** @return OAKit's shared JSON mapper */
    ObjectMapper json();

    /** Sets or changes the audited target, e.g. once a new object has its id. */
    void target(String type, String id);

    /** Sets the audit summary, a short sentence (at most 1,000 characters). */
    void summary(String summary);

    /** Records that the command acts on behalf of another user (a proxy or delegate), for the audit log. */
    void onBehalfOf(String userId);

    /**
     * Writes a domain event to the outbox; listeners and relays get it after commit.
     *
     * @param payload any Jackson-serialisable object, converted to a JSON object
     * @return the event id
     */
    String publish(String eventType, String aggregateType, String aggregateId, Object payload);

    /** Schedules a durable job in this transaction; returns its id (or the existing one for a repeated dedupe key). */
    long schedule(JobRequest request);

    /**
     * Schedules several durable jobs in this transaction, like {@link #schedule} each (a dedupe key
     * that already waits is shared, not repeated), in a fixed number of statements however many
     * there are: one look-up of their dedupe keys and one batched insert.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default void scheduleAll(java.util.Collection<JobRequest> requests) {
        for (JobRequest r : requests) {
            schedule(r);
        }
    }

    /**
     * Schedules jobs whose dedupe keys no job can hold yet, because they name an object this command creates (the
     * timers of a new ticket, keyed by its fresh id): like {@link #scheduleAll} without the look-up of their keys. They
     * are written in one batched insert with the command's next jobs (the deliveries of its notifications, say), at
     * the latest before the command ends, before any other job statement of it and before a nested command begins
     * (which thus sees and may cancel them). A key that got a job earlier in the same transaction (by this call, an
     * earlier one, {@code schedule} or {@code scheduleAll}) shares that job unless a cancel of the key came between,
     * as {@code scheduleAll} would.
     * As no key is looked up, a job that already holds one is not shared: a job waiting for its first attempt fails
     * the command with {@code OA-CORE/JOB_KEY_TAKEN}, naming the keys; a job that is running or waits for a retry
     * is not seen, and the new job is written beside it (where {@code scheduleAll} would share a retrying one). Use
     * {@code scheduleAll} for any key that may already be held.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default void scheduleNew(java.util.Collection<JobRequest> requests) {
        scheduleAll(requests);
    }

    /** Cancels not-yet-running jobs with the dedupe key; returns how many. */
    int cancelJobs(String dedupeKey);

    /**
     * Cancels the tenant's not-yet-running jobs whose dedupe key starts with {@code keyPrefix}, for
     * a family of jobs keyed {@code <prefix><suffix>} (all timers of one task, say); returns how many.
     * The prefix is matched literally ({@code %} and {@code _} are plain characters) and the match
     * is served by an index on the key.
     *
     * @param keyPrefix the start of the keys, not empty; choose it so that it cannot be the start of
     *     another family's keys (end it with a separator: {@code "timer-12-"} rather than {@code "timer-12"})
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    int cancelJobsByKeyPrefix(String keyPrefix);

    /**
     * Runs after a successful commit of an OAKit-owned transaction; in a host's transaction joined
     * through {@link HostTransactions}, after the host's commit; under {@code OaKit.inHostTransaction}, never.
     */
    void afterCommit(Runnable action);
}
