package dev.oakit.core.spi;

import dev.oakit.core.event.DomainEvent;
import org.apiguardian.api.API;

/**
 * Delivers domain events to another system, at least once, through durable jobs: one per event
 * and relay, retried on the delivery policy ({@link dev.oakit.core.job.RetryPolicy#deliveries()}:
 * up to three days) and parked as dead when that is used up. Each delivery carries a stable delivery id,
 * {@code <event id>:<relay id>}, the same on every retry, so receivers can de-duplicate.
 * Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EventRelay {
    /** @return this relay's id, unique among relays */
    String id();

    /** @return true if this relay delivers events of the type */
    boolean accepts(String eventType);

    /**
     * Delivers one event.
     *
     * @param deliveryId stable across retries of this event to this relay
     * @throws dev.oakit.core.IntegrationException classified retryable or permanent
     */
    void deliver(String deliveryId, DomainEvent event) throws Exception;
}
