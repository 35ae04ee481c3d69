package dev.oakit.ticket.mail;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * How the polling of one mailbox goes ({@link MailIntake#status}). A poll that fails is counted
 * and tried again after a pause that doubles from the poll interval up to
 * {@link MailboxConfig#maxBackoff()}; the recurring poll never gives up.
 *
 * @param mailbox the mailbox's name
 * @param lastPolledAt when a poll last succeeded; null before the first
 * @param nextPollAt when the recurring poll job runs next; null when it is not running ({@link MailIntake#stopPolling}, or never started)
 * @param failures polls that failed in a row since the last success; 0 when the last poll succeeded
 * @param lastError why the last failed poll failed (host, port and the server's answer; never a password); null when none failed yet
 * @param lastFailedAt when a poll last failed; null when none failed yet
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MailboxStatus(String mailbox, Instant lastPolledAt, Instant nextPollAt, int failures, String lastError, Instant lastFailedAt) {
}
