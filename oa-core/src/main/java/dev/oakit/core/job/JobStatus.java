package dev.oakit.core.job;

import org.apiguardian.api.API;

/**
 * Life of a durable job: {@code READY} (waiting for its due time) → {@code RUNNING} (leased by a
 * worker) → {@code DONE}, or back to {@code READY} for a retry, or {@code DEAD} when attempts are
 * exhausted or the failure is permanent; {@code CANCELLED} when its owner withdrew it.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum JobStatus {
    /** Waiting for its due time. */
    READY,
    /** Leased by a worker. */
    RUNNING,
    /** Completed. */
    DONE,
    /** Failed permanently or exhausted its attempts; replayable. */
    DEAD,
    /** Withdrawn before it ran. */
    CANCELLED
}
