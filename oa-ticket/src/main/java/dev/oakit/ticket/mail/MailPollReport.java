package dev.oakit.ticket.mail;

import org.apiguardian.api.API;

import java.util.List;

/**
 * What one poll of a mailbox did.
 *
 * @param mailbox the mailbox's name
 * @param messages one entry per message read, in IMAP order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MailPollReport(String mailbox, List<Message> messages) {
    /** Copies the list. */
    public MailPollReport {
        messages = List.copyOf(messages);
    }

    /** @return how many messages ended with the outcome */
    public long count(MailIntake.MailOutcome outcome) {
        return messages.stream().filter(m -> m.outcome() == outcome).count();
    }

    /**
     * One message.
     *
     * @param messageId its Message-ID (or the one OAKit derived from its content when it had none)
     * @param outcome what happened
     * @param ticketId the ticket it opened or was added to; null for failures
     * @param ticketNumber that ticket's number; null for failures
     * @param note why, for notes, duplicates and failures; null otherwise
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Message(String messageId, MailIntake.MailOutcome outcome, Long ticketId, String ticketNumber, String note) {
    }
}
