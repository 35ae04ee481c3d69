package dev.oakit.ticket.mail;

import dev.oakit.ticket.Priority;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One IMAP mailbox whose new mail opens tickets, from {@code ticket-channels.mailboxes[i]}. Every
 * component except the connection and the ticket type may be null for its default; {@link #problems}
 * names each bad field.
 *
 * @param name the mailbox's key, used in {@link MailIntake} and the poll job; lower-case letters, digits, '-' and '_'
 * @param tenant the tenant its tickets belong to
 * @param host IMAP host
 * @param port IMAP port (default 993 with {@link MailTls#SSL}, else 143)
 * @param user login name
 * @param password password; never logged
 * @param folder folder to read (default {@code INBOX})
 * @param tls connection protection (default {@link MailTls#SSL})
 * @param pollInterval time between polls of the recurring job (default 1 minute, at least 5 seconds)
 * @param type ticket type of tickets opened from this mailbox
 * @param queue queue of those tickets, or null for the type's dispatch / default queue
 * @param category category key, or null
 * @param priority priority, or null for the type's default
 * @param batchSize most messages read per poll (default 50, 1 to 1000); the rest come with the next poll
 * @param timeout connect and read timeout (default 30 seconds)
 * @param maxBodyChars longest description or reply taken from a mail (default 20,000, the ticket limit); longer bodies are cut with a note and kept whole in the mail record
 * @param maxHtmlChars most characters of an HTML-only mail's HTML part turned into text (default 500,000; 10,000 to 5,000,000); a longer part is read only that far and its text ends with a note
 * @param maxBackoff the longest pause after failed polls (default 15 minutes, or {@code pollInterval} when that is longer; at least {@code pollInterval}, at most 1 day): the pause starts at {@code pollInterval} and doubles with each failure in a row
 * @param senderAuth when a mail may speak for an internal user (see {@link SenderAuth}); null (the default) trusts no sender: every mail is from an external contact
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MailboxConfig(String name, String tenant, String host, Integer port, String user, String password, String folder,
                            MailTls tls, Duration pollInterval, String type, String queue, String category, Priority priority,
                            Integer batchSize, Duration timeout, Integer maxBodyChars, Integer maxHtmlChars, Duration maxBackoff,
                            SenderAuth senderAuth) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");
    /** The most a ticket description or reply may hold. */
    public static final int MAX_BODY = 20_000;
    /** The default of {@link #maxHtmlChars}. */
    public static final int DEFAULT_MAX_HTML = 500_000;

    /** Fills defaults; does not throw (see {@link #problems}). */
    public MailboxConfig {
        folder = folder == null || folder.isBlank() ? "INBOX" : folder;
        tls = tls == null ? MailTls.SSL : tls;
        port = port == null ? (tls == MailTls.SSL ? 993 : 143) : port;
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
        batchSize = batchSize == null ? 50 : batchSize;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxBodyChars = maxBodyChars == null ? MAX_BODY : maxBodyChars;
        maxHtmlChars = maxHtmlChars == null ? DEFAULT_MAX_HTML : maxHtmlChars;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(15).compareTo(pollInterval) < 0 ? pollInterval : Duration.ofMinutes(15) : maxBackoff;
    }

    /** A mailbox that trusts no sender; the settings added later take their defaults. */
    public MailboxConfig(String name, String tenant, String host, Integer port, String user, String password, String folder,
                         MailTls tls, Duration pollInterval, String type, String queue, String category, Priority priority,
                         Integer batchSize, Duration timeout, Integer maxBodyChars) {
        this(name, tenant, host, port, user, password, folder, tls, pollInterval, type, queue, category, priority, batchSize, timeout,
                maxBodyChars, null, null, null);
    }

    /** @return a mailbox of a tenant on a server; the rest takes defaults */
    public static MailboxConfig of(String name, String tenant, String host, int port, String user, String password, MailTls tls, String type) {
        return new MailboxConfig(name, tenant, host, port, user, password, null, tls, null, type, null, null, null, null, null, null, null, null,
                null);
    }

    /** @return a copy that files tickets in the queue */
    public MailboxConfig withQueue(String q) {
        return new MailboxConfig(name, tenant, host, port, user, password, folder, tls, pollInterval, type, q, category, priority,
                batchSize, timeout, maxBodyChars, maxHtmlChars, maxBackoff, senderAuth);
    }

    /** @return a copy with the longest body taken from a mail */
    public MailboxConfig withMaxBodyChars(int chars) {
        return new MailboxConfig(name, tenant, host, port, user, password, folder, tls, pollInterval, type, queue, category, priority,
                batchSize, timeout, chars, maxHtmlChars, maxBackoff, senderAuth);
    }

    /** @return a copy that believes the host's mail server about internal senders (null: trusts no sender) */
    public MailboxConfig withSenderAuth(SenderAuth auth) {
        return new MailboxConfig(name, tenant, host, port, user, password, folder, tls, pollInterval, type, queue, category, priority,
                batchSize, timeout, maxBodyChars, maxHtmlChars, maxBackoff, auth);
    }

    /**
     * @param path where this mailbox sits in the configuration, e.g. {@code ticket-channels.mailboxes[0]}
     * @return one message per bad field, naming it and the fix; empty when the mailbox is usable
     */
    public List<String> problems(String path) {
        List<String> p = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            p.add(path + ".name must be 1 to 64 lower-case letters, digits, '-' or '_', was " + quote(name));
        }
        required(p, path + ".tenant", tenant);
        required(p, path + ".host", host);
        required(p, path + ".user", user);
        required(p, path + ".password", password == null ? null : "set");
        required(p, path + ".type", type);
        if (port < 1 || port > 65_535) {
            p.add(path + ".port must be 1 to 65535, was " + port);
        }
        if (pollInterval.compareTo(Duration.ofSeconds(5)) < 0) {
            p.add(path + ".pollInterval must be at least PT5S, was " + pollInterval);
        }
        if (batchSize < 1 || batchSize > 1000) {
            p.add(path + ".batchSize must be 1 to 1000, was " + batchSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            p.add(path + ".timeout must be positive, was " + timeout);
        }
        if (maxBodyChars < 100 || maxBodyChars > MAX_BODY) {
            p.add(path + ".maxBodyChars must be 100 to " + MAX_BODY + ", was " + maxBodyChars);
        }
        if (maxBackoff.compareTo(pollInterval) < 0 || maxBackoff.compareTo(Duration.ofDays(1)) > 0) {
            p.add(path + ".maxBackoff must be at least the pollInterval (" + pollInterval + ") and at most P1D, was " + maxBackoff);
        }
        if (maxHtmlChars < 10_000 || maxHtmlChars > 5_000_000) {
            p.add(path + ".maxHtmlChars must be 10000 to 5000000, was " + maxHtmlChars);
        }
        if (senderAuth != null) {
            p.addAll(senderAuth.problems(path + ".senderAuth"));
        }
        return p;
    }

    static void required(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "MailboxConfig[" + name + " " + user + "@" + host + ":" + port + "/" + folder + " " + tls + " → tenant " + tenant
                + ", type " + type + (queue == null ? "" : ", queue " + queue)
                + (senderAuth == null ? ", trusts no sender" : ", verifies senders of " + senderAuth.domains() + " by " + senderAuth.authServId()
                + " (" + senderAuth.require() + ")") + "]";
    }
}
