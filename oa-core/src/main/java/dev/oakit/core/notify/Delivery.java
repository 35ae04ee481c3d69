package dev.oakit.core.notify;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One message of one notification to one recipient on one channel.
 *
 * @param id delivery id; the channel sees {@code oakit-notify-<id>} as a stable delivery id
 * @param notificationId the notification it belongs to
 * @param templateKey the template of the notification
 * @param recipientId the user it is for; null for a group-robot delivery (the group is the channel's)
 * @param channel channel id
 * @param address where it went (email address, mobile), known once sent; null for channels without addresses
 * @param status current status
 * @param attempts attempts made so far
 * @param lastError the last failure, or null
 * @param jobId the durable job delivering it (for {@code Jobs.get} / {@code Jobs.replay})
 * @param createdAt when the notification was sent
 * @param sentAt when the channel accepted it, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Delivery(long id, String notificationId, String templateKey, String recipientId, String channel,
                       String address, DeliveryStatus status, int attempts, String lastError, long jobId,
                       Instant createdAt, Instant sentAt) {
}
