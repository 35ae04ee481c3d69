package dev.oakit.fakes;

import org.apiguardian.api.API;

/**
 * A failure a fake injects into one call. Armed through {@link Failures}; each armed failure is used once.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Failure {
    /** The call runs and commits, then the answer is held for {@link Failures#responseDelay(java.time.Duration)}
     *  (past any sensible client timeout) before it is written. */
    COMMIT_THEN_TIMEOUT,
    /** The call runs and commits, then the connection is closed without an answer (a reset after commit). */
    COMMIT_THEN_DROP,
    /** The call runs twice, as when a proxy or load balancer replays a request; the second answer is returned. */
    RUN_TWICE,
    /** Nothing runs; HTTP 429 with a {@code Retry-After} header (see {@link Failures#retryAfter(java.time.Duration)}),
     *  in the shape the system's own rate limiter (ERPNext) or its front proxy (Odoo) answers. */
    RATE_LIMITED,
    /** Nothing is committed; the system's own server error (a database serialization failure / deadlock). */
    SERVER_ERROR,
    /** Nothing runs; a reverse proxy's {@code 502 Bad Gateway} HTML page. */
    BAD_GATEWAY,
    /** Nothing runs; the answer the system gives to an expired session or a revoked key. */
    SESSION_EXPIRED
}
