package dev.oakit.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

/**
 * One attempt of one durable job, handed to a {@link JobHandler}. Valid only during the call.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface JobContext {
    /** @return the job's id, stable across attempts */
    long jobId();

    /** @return the tenant the job belongs to */
    String tenantId();

    /** @return the job type */
    String type();

    /** @return 1 for the first attempt, 2 for the first retry, ... */
    int attempt();

    /** @return the fencing token of this attempt; increases with every claim */
    long fence();

    /** @return the JSON payload given when the job was scheduled; never null */
    JsonNode payload();

    /** @return the payload read into a type with Jackson */
    <T> T payload(Class<T> type);

    /**
     * @return the handle of the job's transaction; commits together with the job's completion
     * @throws IllegalStateException for a handler that runs outside a transaction
     *     ({@link JobHandler#runsInTransaction()} is false)
     */
    Handle handle();

    /** @return the current time from OAKit's clock */
    Instant now();

    /**
     * Schedules a durable job of the job's tenant in the attempt's transaction: it commits with the job's completion,
     * and is not audited. For a recurring job whose run found nothing to do and only schedules its next run (a run
     * that changes state does so in a command, audited, and schedules there). A dedupe key that a waiting job holds
     * shares that job, as {@link CommandContext#schedule} does.
     *
     * @return the job's id (or the waiting one's for a repeated dedupe key)
     * @throws IllegalStateException for a handler that runs outside a transaction
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default long schedule(dev.oakit.core.job.JobRequest request) {
        throw new UnsupportedOperationException("this job context cannot schedule jobs");
    }
}
