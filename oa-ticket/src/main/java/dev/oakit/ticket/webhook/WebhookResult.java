package dev.oakit.ticket.webhook;

import org.apiguardian.api.API;

/**
 * What {@link WebhookIntake#receive} did, with the HTTP status the host should answer.
 *
 * @param outcome what happened
 * @param ticketId the ticket created or replied to; null when refused
 * @param ticketNumber that ticket's number; null when refused
 * @param message a short reason, safe to return to the sender (it never contains the secret)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WebhookResult(Outcome outcome, Long ticketId, String ticketNumber, String message) {
    /** @return the HTTP status for the outcome */
    public int httpStatus() {
        return outcome.status;
    }

    /** What happened to a request, with its HTTP status. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Outcome {
        /** a ticket was opened: 201 */
        CREATED(201),
        /** a reply was added: 200 */
        REPLIED(200),
        /** the (source, external id) was taken before; nothing changed: 200, so the sender stops retrying */
        DUPLICATE(200),
        /** no such source: 404 */
        UNKNOWN_SOURCE(404),
        /** signature missing or wrong, or timestamp outside the tolerance: 401 */
        UNAUTHORIZED(401),
        /** the body is not JSON or misses a mapped value: 400 */
        BAD_REQUEST(400),
        /** the ticket module refused it (unknown type, category or ticket; closed ticket): 422 */
        REJECTED(422);

        private final int status;

        Outcome(int status) {
            this.status = status;
        }
    }
}
