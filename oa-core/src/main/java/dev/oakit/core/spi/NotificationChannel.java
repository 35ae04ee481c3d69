package dev.oakit.core.spi;

import dev.oakit.core.notify.RenderedMessage;
import org.apiguardian.api.API;

/**
 * A way to deliver notifications: the built-in logging, email and group-robot channels, or a
 * plugin's own (SMS, an in-app inbox, ...), contributed with
 * {@code context.extension(NotificationChannel.class, channel)}.
 *
 * <p>{@link #send} runs in a durable job after the sending command committed, at least once per
 * delivery: use {@link Recipient#deliveryId()} to de-duplicate. Report remote failures as
 * {@link dev.oakit.core.IntegrationException}: retryable ones are retried with backoff,
 * permanent ones make the delivery DEAD at once. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface NotificationChannel {
    /**
     * @return this channel's id, unique among channels, used in preferences and configuration:
     *     lower-case letters, digits, '.', '_' and '-', at most 64 characters
     */
    String id();

    /**
     * @return what address the channel needs per recipient, resolved by the {@link RecipientResolver}
     *     before {@link #send}; {@link AddressKind#GROUP} channels get one delivery per notification
     */
    AddressKind addressKind();

    /**
     * Sends one message.
     *
     * @param recipient who, at which address; never null
     * @param message the rendered template; never null
     * @throws dev.oakit.core.IntegrationException when the remote side fails, classified retryable or permanent
     */
    void send(Recipient recipient, RenderedMessage message);
}
