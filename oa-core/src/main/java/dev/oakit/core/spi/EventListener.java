package dev.oakit.core.spi;

import dev.oakit.core.event.DomainEvent;
import org.apiguardian.api.API;

/**
 * An in-process listener for domain events. Runs after the command's transaction committed
 * (never for a rolled-back command), on the job workers, never on the thread of the command that
 * published the event. Each accepting listener gets its own delivery of each event: a durable job
 * that is retried (on the delivery policy, {@link dev.oakit.core.job.RetryPolicy#deliveries()}) and
 * parked as dead on its own, so one listener's failure neither repeats nor drops the others.
 * Delivery is at least once: implementations must be thread-safe and should be idempotent, keyed
 * by the delivery id ({@code <event id>:<listener id>}, the same on every retry).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EventListener {
    /**
     * The listener's id: part of its delivery ids and stored with each pending delivery, so it must
     * stay the same across restarts and be unique among the installation's listeners. A lambda
     * has no stable class name: implement this interface in a named class, or override this method.
     *
     * @return the id; default: the class name
     * @since 0.1
     */
    default String id() {
        return getClass().getName();
    }

    /** @return true if this listener wants events of the type; default: all */
    default boolean accepts(String eventType) {
        return true;
    }

    /** Handles one committed event. */
    void onEvent(DomainEvent event) throws Exception;

    /**
     * Handles one delivery of a committed event; the default calls {@link #onEvent(DomainEvent)}.
     * Override it to de-duplicate by delivery id.
     *
     * @param deliveryId {@code <event id>:<listener id>}, the same on every retry of this delivery
     * @param event the event
     * @since 0.1
     */
    default void onDelivery(String deliveryId, DomainEvent event) throws Exception {
        onEvent(event);
    }
}
