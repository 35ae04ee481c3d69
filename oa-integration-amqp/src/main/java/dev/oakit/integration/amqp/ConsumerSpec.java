package dev.oakit.integration.amqp;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.amqp.spi.ChangeReader;
import org.apiguardian.api.API;

/**
 * What a consumer takes from which queue.
 *
 * @param queue the queue, which must exist (declare it and its bindings with your broker set-up)
 * @param system the remote system its events belong to, e.g. {@code erp}; an id
 * @param reader turns a message into an inbound event; {@link ChangeReader#json()} by default
 * @param prefetch the most unacknowledged messages at a time, 1 to 1000 (default 20)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConsumerSpec(String queue, String system, ChangeReader reader, int prefetch) {
    /** Checks the components. */
    public ConsumerSpec {
        Checks.text("queue", queue, 191);
        Checks.id("system", system);
        Checks.notNull("reader", reader);
        if (prefetch < 1 || prefetch > 1000) {
            throw ValidationException.of("prefetch", "must be 1 to 1000 unacknowledged messages, was " + prefetch);
        }
    }

    /** @return a consumer of the queue with the JSON reader and a prefetch of 20 */
    public static ConsumerSpec of(String queue, String system) {
        return new ConsumerSpec(queue, system, ChangeReader.json(), 20);
    }

    /** @return a copy with another reader */
    public ConsumerSpec withReader(ChangeReader r) {
        return new ConsumerSpec(queue, system, r, prefetch);
    }

    /** @return a copy with another prefetch */
    public ConsumerSpec withPrefetch(int n) {
        return new ConsumerSpec(queue, system, reader, n);
    }
}
