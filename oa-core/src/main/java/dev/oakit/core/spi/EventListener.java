package dev.oakit.core.spi;

import dev.oakit.core.event.DomainEvent;
import org.apiguardian.api.API;

/**
 * An in-process listener for domain events. Runs after the command's transaction committed
 * (never for a rolled-back command), through a durable job: at least once, retried when it
 * throws. Implementations must be thread-safe and should be idempotent (use {@link DomainEvent#id()}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EventListener {
    /** @return true if this listener wants events of the type; default: all */
    default boolean accepts(String eventType) {
        return true;
    }

    /** Handles one committed event. */
    void onEvent(DomainEvent event) throws Exception;
}
