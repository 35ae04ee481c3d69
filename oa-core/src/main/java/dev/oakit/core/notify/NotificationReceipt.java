package dev.oakit.core.notify;

import org.apiguardian.api.API;

import java.util.List;

/**
 * What {@link Notifications#send} wrote.
 *
 * @param notificationId id of the notification, shared by its deliveries
 * @param deliveryIds one per (recipient, channel), in recipient order; empty when every recipient muted the template
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NotificationReceipt(String notificationId, List<Long> deliveryIds) {
    /** Copies the list. */
    public NotificationReceipt {
        deliveryIds = deliveryIds == null ? List.of() : List.copyOf(deliveryIds);
    }
}
