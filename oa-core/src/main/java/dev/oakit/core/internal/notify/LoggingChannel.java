package dev.oakit.core.internal.notify;

import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default channel: writes each notification to the log (logger {@code dev.oakit.notify}). */
final class LoggingChannel implements NotificationChannel {
    private static final Logger LOG = LoggerFactory.getLogger("dev.oakit.notify");

    @Override
    public String id() {
        return NotificationsConfig.LOG_CHANNEL;
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.USER_ID;
    }

    @Override
    public void send(Recipient recipient, RenderedMessage message) {
        LOG.info("notification {} to {}/{} [{}, {}]: {}\n{}", recipient.deliveryId(), recipient.tenantId(),
                recipient.userId(), message.templateKey(), message.locale().toLanguageTag(), message.subject(), message.body());
    }
}
