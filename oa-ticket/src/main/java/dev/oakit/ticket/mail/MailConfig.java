package dev.oakit.ticket.mail;

import org.apiguardian.api.API;

/**
 * Settings for all mail of the ticket channels, from {@code ticket-channels.mail}; every component
 * may be null for its default.
 *
 * @param requireStartTls whether mail to external requesters needs a STARTTLS-protected SMTP connection (default true): a server
 *     that does not offer STARTTLS gets no mail. It does not apply when {@code core.notifications.email.ssl} connects with
 *     implicit TLS. Set false only for a relay on the same host or a test server; {@code core.notifications.email.startTls}
 *     true requires STARTTLS whatever this says
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MailConfig(Boolean requireStartTls) {
    /** Fills defaults. */
    public MailConfig {
        requireStartTls = requireStartTls == null ? Boolean.TRUE : requireStartTls;
    }

    /** @return the defaults: STARTTLS required */
    public static MailConfig defaults() {
        return new MailConfig(null);
    }

}
