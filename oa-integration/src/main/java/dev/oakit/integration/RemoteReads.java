package dev.oakit.integration;

import dev.oakit.core.Actor;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.time.Duration;

/**
 * Reads from a remote system now, for an answer the caller needs at once (a budget, a stock level):
 * the same guard as remote writes stands around the call — the target's circuit breaker, and its
 * request budget shared by every node on the database — and the call must end within the timeout
 * given. Never call it inside a database transaction or while holding a pooled connection: a
 * job handler that calls it runs with {@code runsInTransaction() == false}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RemoteReads {
    /**
     * Runs {@code read} once, guarded. Nothing is retried: a caller that has to decide now decides
     * what "no answer" means.
     *
     * @param actor the system actor of the tenant the read is for (or an administrator)
     * @param target the connector's id (its circuit breaker and request budget)
     * @param operation what is read, for messages and logs
     * @param timeout the longest the whole exchange may take; the read must honour {@link CallContext#timeout()}
     * @return what {@code read} returned
     * @throws RemoteCallException {@link RemoteCallException.Kind#RETRYABLE} and nothing sent when the circuit is
     *     open or the request budget is used up; otherwise what the read threw (a runtime failure of the read
     *     comes back as {@code AMBIGUOUS})
     */
    <T> T read(Actor actor, String target, String operation, Duration timeout, Read<T> read) throws RemoteCallException;

    /**
     * One remote read.
     *
     * @param <T> what it answers
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    @FunctionalInterface
    interface Read<T> {
        /** Calls the remote, within {@code call.timeout()}. */
        T call(CallContext call) throws RemoteCallException;
    }
}
