package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.time.Duration;

/**
 * A remote call that failed, classified so that OAKit knows whether it may try again and whether the
 * remote may have applied it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class RemoteCallException extends Exception {
    private static final long serialVersionUID = 1L;

    /** How a call failed. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Kind {
        /** Surely not applied and worth trying again: 429, 503 before processing, connection refused, a lock error, an open circuit. */
        RETRYABLE,
        /** May have been applied: a timeout after the request was sent, a connection reset, a 5xx. Retryable after a lookup. */
        AMBIGUOUS,
        /** Refused for good: validation, not found, forbidden. Trying again gives the same answer. */
        PERMANENT
    }

    private final Kind kind;
    private final Integer status;
    private final String remoteError;
    private final Duration retryAfter;

    /**
     * @param kind the classification
     * @param message what failed, naming the target and the operation; never secrets
     * @param status the remote's status code (HTTP), or null
     * @param remoteError the remote's error answer (its body), or null
     * @param retryAfter how long the remote asked us to wait (Retry-After, rate-limit headers), or null
     * @param cause the underlying exception, or null
     */
    public RemoteCallException(Kind kind, String message, Integer status, String remoteError, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.remoteError = remoteError;
        this.retryAfter = retryAfter;
    }

    /** @return a failure with only a kind and a message */
    public static RemoteCallException of(Kind kind, String message) {
        return new RemoteCallException(kind, message, null, null, null, null);
    }

    /** @return the classification */
    public Kind kind() {
        return kind;
    }

    /** @return the remote's status code, or null */
    public Integer status() {
        return status;
    }

    /** @return the remote's error answer, or null */
    public String remoteError() {
        return remoteError;
    }

    /** @return how long the remote asked us to wait, or null */
    public Duration retryAfter() {
        return retryAfter;
    }
}
