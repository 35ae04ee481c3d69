package dev.oakit.core.spi;

import dev.oakit.core.job.RetryPolicy;
import org.apiguardian.api.API;

/**
 * Runs durable jobs of one type. A handler runs inside a database transaction that also marks
 * the job done; if the worker lost its lease meanwhile (fencing token changed), the whole
 * transaction is rolled back, so the handler's database work happens exactly once. Work outside
 * the database (HTTP calls, mail) happens at least once: make it idempotent, e.g. with the
 * job id as a delivery id.
 *
 * <p>Throwing {@link dev.oakit.core.IntegrationException} with {@code retryable() == false}, a
 * {@link dev.oakit.core.ValidationException}, {@link dev.oakit.core.NotFoundException} or
 * {@link dev.oakit.core.ForbiddenException} parks the job as dead at once; any other exception is
 * retried on the job type's {@link RetryPolicy} (see {@link #retryPolicy()}) until its attempts
 * or its time budget are used up. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface JobHandler {
    /** @return the job type this handler runs, e.g. {@code wf.timer}; unique among handlers */
    String type();

    /** Runs one attempt of a job. */
    void handle(JobContext context) throws Exception;

    /**
     * The retry policy of this job type. The host may override single values of it with
     * {@code core.jobs.retry.<type>}; a job's own attempt limit ({@code JobRequest.maxAttempts})
     * wins over the policy's.
     *
     * @return the policy, or null (the default) for the node's default policy of ordinary jobs
     *     ({@code core.jobs.maxAttempts}, {@code backoffBase}, {@code backoffMax}: doubling, ±25 %, no time budget)
     * @since 0.1
     */
    default RetryPolicy retryPolicy() {
        return null;
    }

    /**
     * Whether an attempt runs inside a database transaction. {@code true} (the default): as described
     * above, the handler's database work and the job's completion commit together, and the worker
     * holds a pooled connection for the whole attempt.
     *
     * <p>{@code false} is for handlers that call remote systems: the worker runs the handler with no
     * transaction and no connection ({@link JobContext#handle()} is refused), the handler does its
     * database work in its own short commands or queries before and after the call, and the worker
     * marks the job done in a short transaction of its own afterwards, conditioned on the fencing
     * token as usual. A worker that lost its lease meanwhile cannot complete the job, but the
     * handler's own commands have committed: guard them with a fence of their own (oa-integration's
     * remote writes do). Failures are retried and parked as dead as for every job.
     *
     * @return true to run each attempt in one transaction
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default boolean runsInTransaction() {
        return true;
    }
}
