package dev.oakit.core.internal.notify;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.Recipient;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * SMTP email through Jakarta Mail: UTF-8 text, plus an HTML alternative when the template has one. The connection is
 * upgraded with STARTTLS whenever the server offers it (unset {@code startTls}), must be with {@code startTls: true}
 * and never is with {@code startTls: false}.
 */
final class EmailChannel implements NotificationChannel {
    private static final String CODE = CoreErrors.NOTIFY_EMAIL;

    private final NotificationsConfig.Email config;
    private final InternetAddress from;
    private final Session session;

    EmailChannel(NotificationsConfig.Email config) {
        this.config = config;
        try {
            InternetAddress parsed = new InternetAddress(config.from(), true);
            // re-create so a Chinese display name is RFC 2047-encoded rather than sent as raw 8-bit
            this.from = parsed.getPersonal() == null ? parsed
                    : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new ConfigurationException(List.of("core.notifications.email.from is not an email address: " + e.getMessage()));
        }
        String p = config.ssl() ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", config.host());
        props.put(p + "port", Integer.toString(config.port()));
        props.put(p + "auth", Boolean.toString(config.username() != null));
        // unset: STARTTLS whenever the server offers it; true: required (no mail where the server does not offer it);
        // false: never (a relay whose STARTTLS certificate the JVM does not trust)
        boolean never = Boolean.FALSE.equals(config.startTls());
        props.put(p + "starttls.enable", Boolean.toString(!never));
        props.put(p + "starttls.required", Boolean.toString(Boolean.TRUE.equals(config.startTls())));
        String millis = Long.toString(config.timeout().toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        props.put("mail.transport.protocol", config.ssl() ? "smtps" : "smtp");
        this.session = Session.getInstance(props);
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.EMAIL;
    }

    @Override
    public void send(Recipient recipient, RenderedMessage message) {
        MimeMessage mail;
        try {
            mail = new IdentifiedMessage(session, "<" + recipient.deliveryId() + "@oakit>");
            mail.setFrom(from);
            mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient.address(), true));
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            if (message.html() == null) {
                mail.setText(message.body(), StandardCharsets.UTF_8.name());
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.body(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
                mail.setContent(new MimeMultipart("alternative", text, html));
            }
            mail.setHeader("X-OAKit-Delivery", recipient.deliveryId());
        } catch (MessagingException e) {
            throw new IntegrationException(CODE, "email " + recipient.deliveryId() + " to user '" + recipient.userId()
                    + "' cannot be built (" + e.getMessage() + "); check the user's email address", false, e);
        }
        try {
            Transport.send(mail, config.username(), config.password());
        } catch (AuthenticationFailedException e) {
            throw failure(recipient, "was refused by " + where() + ": authentication failed; fix core.notifications.email."
                    + "username/password, then replay the dead job", false, e);
        } catch (MessagingException e) {
            boolean retryable = retryable(e);
            throw failure(recipient, "could not be sent through " + where() + " (" + e.getMessage() + ")"
                    + (retryable ? "; will retry" : "; not retried"), retryable, e);
        }
    }

    private IntegrationException failure(Recipient r, String what, boolean retryable, Exception cause) {
        return new IntegrationException(CODE, "email " + r.deliveryId() + " to user '" + r.userId() + "' " + what, retryable, cause);
    }

    private String where() {
        return "SMTP server " + config.host() + ":" + config.port();
    }

    /** 4xx SMTP replies and connection problems are worth retrying; 5xx replies and bad addresses are not. */
    static boolean retryable(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() / 100 == 4;
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode() / 100 == 4;
            }
            if (x instanceof AddressException) {
                return false;
            }
        }
        if (e instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
            return false;
        }
        return true;
    }

    /** Keeps the Message-ID stable across retries so mail clients can de-duplicate. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
