package dev.oakit.integration;

import org.apiguardian.api.API;

/**
 * Where a remote write stands. The key is fixed before the first call, so a write in
 * {@link #SENT} or {@link #UNKNOWN} is looked up by its key before anything is created again.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum WriteStatus {
    /** Not sent yet, or known not to have reached the remote (429, connection refused): the next attempt creates. */
    PENDING,
    /** A worker claimed it to create it; the call may be under way or the worker died during it: the next attempt looks it up. */
    SENT,
    /** The remote holds the document; {@link RemoteWrite#remoteId()} names it. Final. */
    CONFIRMED,
    /** The call may have committed (timeout after sending, connection reset, 5xx): the next attempt looks it up. */
    UNKNOWN,
    /** A dead letter: the remote refused it, or its attempts are used up. An administrator replays it (looked up first). */
    FAILED
}
