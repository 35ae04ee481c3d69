package dev.oakit.core.spi;

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
 * retried with exponential backoff and jitter until the job's attempts are exhausted.
 * Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface JobHandler {
    /** @return the job type this handler runs, e.g. {@code wf.timer}; unique among handlers */
    String type();

    /** Runs one attempt of a job. */
    void handle(JobContext context) throws Exception;
}
