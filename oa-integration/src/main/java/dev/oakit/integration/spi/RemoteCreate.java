package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.Optional;

/**
 * One kind of document a connector creates exactly once, with the key OAKit fixed before the call.
 * The remote must be able to find a document by that key: an upsert by our key, a unique field, or a
 * reference field it can be searched by. OAKit calls {@link #find} before creating again whenever an
 * earlier call may have committed. Calls never run inside a database transaction; each must end
 * within the {@link CallContext#timeout()} it is given. Thread-safe.
 *
 * @param <P> the payload type, read from the write's JSON with Jackson
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RemoteCreate<P> {
    /** @return the operation's name, e.g. {@code purchase-order}; unique within its connector */
    String operation();

    /** @return the payload's class */
    Class<P> payloadType();

    /**
     * Looks the key up.
     *
     * @return the remote's id of the document created with this key, or empty when there is none
     * @throws RemoteCallException classified: the lookup failed
     */
    Optional<String> find(CallContext call, String key) throws RemoteCallException;

    /**
     * Creates the document, carrying the key.
     *
     * @return the remote's id of the new document
     * @throws RemoteCallException classified: {@link RemoteCallException.Kind#RETRYABLE} only when the
     *     remote surely did not apply it, {@link RemoteCallException.Kind#AMBIGUOUS} when it may have
     */
    String create(CallContext call, String key, P payload) throws RemoteCallException;
}
