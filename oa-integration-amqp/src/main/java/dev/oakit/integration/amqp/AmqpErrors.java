package dev.oakit.integration.amqp;

import org.apiguardian.api.API;

/**
 * Error codes of the RabbitMQ plugin.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AmqpErrors {
    /** The broker cannot be reached or refused the connection (retryable). */
    public static final String UNREACHABLE = "OA-AMQP/UNREACHABLE";
    /** The broker did not confirm a batch of events in time, or refused it (nack); the batch is published again. */
    public static final String NOT_CONFIRMED = "OA-AMQP/NOT_CONFIRMED";
    /** Another publisher holds the tenant's lease (or died holding it); the relay job tries again on its retry policy. */
    public static final String PUBLISHER_BUSY = "OA-AMQP/PUBLISHER_BUSY";
    /** A dead letter id the tenant does not have. */
    public static final String DEAD_LETTER_NOT_FOUND = "OA-AMQP/DEAD_LETTER_NOT_FOUND";

    private AmqpErrors() {
    }
}
