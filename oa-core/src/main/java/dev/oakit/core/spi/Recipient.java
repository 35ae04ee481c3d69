package dev.oakit.core.spi;

import org.apiguardian.api.API;

/**
 * Whom a {@link NotificationChannel} delivers one message to.
 *
 * @param tenantId the tenant
 * @param userId the recipient user, or null for a {@link AddressKind#GROUP} delivery
 * @param address the resolved address for the channel's {@link AddressKind}: an email address, a
 *     mobile number, the user id for {@link AddressKind#USER_ID}, null for {@link AddressKind#GROUP}
 * @param deliveryId stable across retries of this delivery ({@code oakit-notify-<id>}), for de-duplication
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Recipient(String tenantId, String userId, String address, String deliveryId) {
}
