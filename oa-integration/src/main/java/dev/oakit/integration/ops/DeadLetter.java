package dev.oakit.integration.ops;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One dead letter, wherever it was kept: a remote write that failed for good, a broker message that could not be
 * read. Immutable.
 *
 * @param source where it is kept: {@link #REMOTE_WRITE}, or the contributing store's name (e.g. {@code amqp})
 * @param id its id within its source (replay it there: {@code RemoteWrites.replay}, {@code Broker.replay})
 * @param where the target (a connector id) or the queue
 * @param key our key of the write, or the message id; null when there is none
 * @param payload the document or message body
 * @param error why it failed, with the remote's answer when there was one
 * @param at when it became a dead letter
 * @param resolved whether it was replayed since
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeadLetter(String source, long id, String where, String key, String payload, String error, Instant at, boolean resolved) {
    /** The source of remote writes' dead letters. */
    public static final String REMOTE_WRITE = "remote-write";
}
