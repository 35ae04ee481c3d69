package dev.oakit.integration.ops;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.Map;

/**
 * What one retention purge deleted in a tenant. Immutable.
 *
 * @param inboxDeliveriesBefore deliveries received before this were deleted
 * @param deadLettersBefore dead letters from before this were deleted (resolved ones, or all when configured)
 * @param inboxDeliveries how many deliveries were deleted
 * @param deadLetters how many dead letters were deleted, per source
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PurgeReport(Instant inboxDeliveriesBefore, Instant deadLettersBefore, int inboxDeliveries, Map<String, Integer> deadLetters) {
    public PurgeReport {
        deadLetters = Map.copyOf(deadLetters);
    }

    /** @return a sentence for the audit log and the job's log */
    public String summary() {
        return "purged " + inboxDeliveries + " inbox deliveries received before " + inboxDeliveriesBefore + " and dead letters from before "
                + deadLettersBefore + ": " + new java.util.TreeMap<>(deadLetters);
    }
}
