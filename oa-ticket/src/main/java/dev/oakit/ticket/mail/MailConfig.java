package dev.oakit.ticket.mail;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings for all mail of the ticket channels, from {@code ticket-channels.mail}; every component
 * may be null for its default. {@link #problems} names each bad field.
 *
 * @param requireStartTls whether mail to external requesters needs a STARTTLS-protected SMTP connection (default true): a server
 *     that does not offer STARTTLS gets no mail. It does not apply when {@code core.notifications.email.ssl} connects with
 *     implicit TLS. Set false only for a relay on the same host or a test server; {@code core.notifications.email.startTls}
 *     true requires STARTTLS whatever this says
 * @param retention how long the whole text of a mail in or out is kept in the mail record (default 90 days, at least 1 day);
 *     a purge job then drops it. Tickets keep their descriptions and replies, mail records their Message-ID, sender and subject
 * @param purgeBatchSize most mail texts dropped in one transaction of the purge job (default 500, 1 to 10,000)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MailConfig(Boolean requireStartTls, Duration retention, Integer purgeBatchSize) {
    /** Fills defaults; does not throw (see {@link #problems}). */
    public MailConfig {
        requireStartTls = requireStartTls == null ? Boolean.TRUE : requireStartTls;
        retention = retention == null ? Duration.ofDays(90) : retention;
        purgeBatchSize = purgeBatchSize == null ? 500 : purgeBatchSize;
    }

    /** @return the defaults: STARTTLS required, texts kept 90 days */
    public static MailConfig defaults() {
        return new MailConfig(null, null, null);
    }

    /**
     * @param path where this sits in the configuration, {@code ticket-channels.mail}
     * @return one message per bad field, naming it and the fix; empty when usable
     */
    public List<String> problems(String path) {
        List<String> p = new ArrayList<>();
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            p.add(path + ".retention must be at least P1D, was " + retention);
        }
        if (purgeBatchSize < 1 || purgeBatchSize > 10_000) {
            p.add(path + ".purgeBatchSize must be 1 to 10000, was " + purgeBatchSize);
        }
        return p;
    }
}
