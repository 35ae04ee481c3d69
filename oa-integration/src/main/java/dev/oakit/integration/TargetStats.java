package dev.oakit.integration;

import org.apiguardian.api.API;

/**
 * The remote writes of one target, counted in the database: every node's writes, also for hosts
 * without Micrometer. Immutable.
 *
 * @param target the connector's id
 * @param pending writes waiting for their first or next create ({@code PENDING})
 * @param sent writes whose create is under way ({@code SENT})
 * @param confirmed writes the remote holds ({@code CONFIRMED})
 * @param unknown writes whose outcome is being looked up ({@code UNKNOWN})
 * @param dead dead letters ({@code FAILED})
 * @param averageDeliveryMillis the mean time from request to confirmation of the confirmed writes; null when none
 * @param maxDeliveryMillis the longest of them; null when none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TargetStats(String target, long pending, long sent, long confirmed, long unknown, long dead, Long averageDeliveryMillis,
                          Long maxDeliveryMillis) {
}
