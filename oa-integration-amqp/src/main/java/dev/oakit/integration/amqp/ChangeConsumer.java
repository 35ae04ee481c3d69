package dev.oakit.integration.amqp;

import org.apiguardian.api.API;

/**
 * A running consumer of one queue ({@link Broker#consume}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ChangeConsumer extends AutoCloseable {
    /** @return messages this consumer acked after the inbox accepted them as new */
    long accepted();

    /** @return messages acked as duplicates or stale (already seen, or older than what is stored) */
    long skipped();

    /** @return messages acked as dead letters */
    long dead();

    /** Stops consuming: the broker sends no more, the messages already taken are handled and acked; what could not be acked goes back to the queue. */
    @Override
    void close();
}
