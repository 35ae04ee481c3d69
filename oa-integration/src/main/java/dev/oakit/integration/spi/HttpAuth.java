package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.net.http.HttpRequest;

/**
 * How {@link JsonHttp} authenticates its requests: a token header, a session cookie, a signature.
 * Implementations must be thread-safe; secrets never go into exception messages.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface HttpAuth {
    /** Adds the credentials to a request. */
    void apply(HttpRequest.Builder request);

    /**
     * Gets fresh credentials (a new session, a new token) after the remote answered that the current
     * ones expired. {@link JsonHttp} calls it at most once per call and then sends the call once more.
     *
     * @throws RemoteCallException when no fresh credentials can be had
     */
    void refresh(CallContext call) throws RemoteCallException;

    /** No authentication. */
    HttpAuth NONE = new HttpAuth() {
        @Override
        public void apply(HttpRequest.Builder request) {
        }

        @Override
        public void refresh(CallContext call) throws RemoteCallException {
            throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "target '" + call.target()
                    + "' asked for authentication and none is configured");
        }
    };
}
