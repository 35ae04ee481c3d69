package dev.oakit.integration.pull;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * Where the pull of one remote entity type stands. Immutable.
 *
 * @param spec how it pulls
 * @param watermark the highest remote version recorded; null before the first record
 * @param pulled records read, over all runs (each record read again by the overlap counts again)
 * @param applied records the inbox accepted as new changes
 * @param echoes records that were OAKit's own writes coming back
 * @param lastRunAt when a page was last recorded; null before
 * @param lastError the last failed call's message, cleared by the next recorded page; null when none
 * @param running whether a worker holds the pull now: a run is between its pages
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PullState(PullSpec spec, Long watermark, long pulled, long applied, long echoes, Instant lastRunAt, String lastError,
                        boolean running) {
}
