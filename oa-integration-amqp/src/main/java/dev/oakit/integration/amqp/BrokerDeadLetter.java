package dev.oakit.integration.amqp;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * A message taken from a queue that could not become an inbound event; it was acked so that it does
 * not come back for ever.
 *
 * @param id its id
 * @param queue the queue
 * @param messageId the message id; null when the sender set none
 * @param body the body as UTF-8 text
 * @param error why it was refused
 * @param at when
 * @param replayedAt when it was last put back into its queue; null when never
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BrokerDeadLetter(long id, String queue, String messageId, String body, String error, Instant at, Instant replayedAt) {
}
