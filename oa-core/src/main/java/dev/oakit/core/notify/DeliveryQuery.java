package dev.oakit.core.notify;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * Filters for {@link Notifications#deliveries}; every filter is optional (null).
 *
 * @param notificationId only deliveries of this notification
 * @param recipientId only deliveries to this user
 * @param status only deliveries in this status
 * @param limit at most this many, 1 to 1,000 (default 100)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeliveryQuery(String notificationId, String recipientId, DeliveryStatus status, int limit) {
    /** Validates the components. */
    public DeliveryQuery {
        Checks.optionalText("notificationId", notificationId, 36);
        Checks.optionalText("recipientId", recipientId, Checks.MAX_ID_LENGTH);
        if (limit < 1 || limit > 1000) {
            throw ValidationException.of("limit", "must be between 1 and 1000, was " + limit);
        }
    }

    /** @return no filters, at most 100 */
    public static DeliveryQuery all() {
        return new DeliveryQuery(null, null, null, 100);
    }

    /** @return a copy limited to one notification */
    public DeliveryQuery notification(String id) {
        return new DeliveryQuery(id, recipientId, status, limit);
    }

    /** @return a copy limited to one recipient */
    public DeliveryQuery recipient(String userId) {
        return new DeliveryQuery(notificationId, userId, status, limit);
    }

    /** @return a copy limited to one status */
    public DeliveryQuery status(DeliveryStatus s) {
        return new DeliveryQuery(notificationId, recipientId, s, limit);
    }

    /** @return a copy with another limit */
    public DeliveryQuery limit(int n) {
        return new DeliveryQuery(notificationId, recipientId, status, n);
    }
}
