package dev.oakit.ticket.mail;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Tickets by e-mail: reads the configured IMAP mailboxes ({@link MailboxConfig}). A new mail opens
 * a ticket; a reply to a ticket's thread (its In-Reply-To / References naming a mail OAKit stored,
 * or the ticket number in the subject) becomes a reply on that ticket; a Message-ID seen before is
 * skipped, so a mail delivered twice opens one ticket. A mail is from an external contact unless
 * the mailbox's {@link SenderAuth} verifies its sender. See docs/ticket-channels.md.
 *
 * <p>Polling runs as a durable job per mailbox ({@link #startPolling}) on the OAKit job workers, or
 * on demand ({@link #poll}). Each poll reads the messages after the last IMAP UID it committed;
 * every message is handled in its own nested command, so one bad message is recorded as
 * {@link MailOutcome#FAILED} and never blocks the others. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MailIntake {
    /** @return the configured mailbox names */
    List<String> mailboxes();

    /**
     * Reads the mailbox now (administrators of its tenant).
     *
     * @throws dev.oakit.core.NotFoundException for an unknown mailbox
     * @throws dev.oakit.core.IntegrationException when the IMAP server cannot be reached or refuses the login
     */
    MailPollReport poll(Actor actor, String mailbox);

    /**
     * Starts the recurring poll job of the mailbox (administrators of its tenant); calling it again
     * while the job is scheduled changes nothing. The job reschedules itself every
     * {@link MailboxConfig#pollInterval()}, also after a failed poll (unreachable server, refused
     * login): then after a pause that doubles up to {@link MailboxConfig#maxBackoff()}, with the
     * failure counted on {@link #status}, logged, and the first of a run published as the event
     * {@code tk.mail.poll-failed} (a success after failures publishes {@code tk.mail.poll-recovered}).
     */
    void startPolling(Actor actor, String mailbox);

    /**
     * How the polling of the mailbox goes: last success, next poll, failures in a row and the last
     * error (administrators of its tenant).
     *
     * @throws dev.oakit.core.NotFoundException for an unknown mailbox
     * @since 0.1
     */
    MailboxStatus status(Actor actor, String mailbox);

    /** Stops the recurring poll job of the mailbox (administrators of its tenant). */
    void stopPolling(Actor actor, String mailbox);

    /** What happened to one message. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    enum MailOutcome {
        /** opened a ticket */
        CREATED,
        /** became a public reply on a ticket */
        REPLIED,
        /** became an internal note because its sender is no party of the ticket (or the ticket is closed) */
        NOTED,
        /** its Message-ID was seen before; nothing was done */
        DUPLICATE,
        /** could not be turned into a ticket or reply; kept in the mail record with the reason */
        FAILED
    }
}
