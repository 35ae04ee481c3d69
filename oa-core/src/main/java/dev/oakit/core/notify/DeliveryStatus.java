package dev.oakit.core.notify;

import org.apiguardian.api.API;

/**
 * Where a delivery stands: {@code PENDING} (not tried yet) → {@code SENT}, or {@code FAILED}
 * (an attempt failed, another is scheduled) → ... → {@code SENT} or {@code DEAD} (a permanent
 * failure, or the attempts are exhausted; an administrator may replay its job with
 * {@code Jobs.replay}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DeliveryStatus {
    /** Waiting for its first attempt. */
    PENDING,
    /** The channel accepted the message. */
    SENT,
    /** The last attempt failed; it will be retried. */
    FAILED,
    /** Given up; see {@link Delivery#lastError()}. */
    DEAD
}
