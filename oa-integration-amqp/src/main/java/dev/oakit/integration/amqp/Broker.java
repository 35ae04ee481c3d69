package dev.oakit.integration.amqp;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * RabbitMQ for a host ({@code oa.service(Broker.class)}): consumers of remote change events, their
 * dead letters, and the broker connection. The outbox relay needs no call: it runs on OAKit's job
 * workers once {@code amqp.relay} is configured. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Broker {
    /**
     * Starts consuming a queue into the inbox: each message is read into an inbound event, accepted
     * by the inbox in a committed transaction, and only then acked; a duplicate is acked and skipped;
     * a message the reader refuses is a dead letter and is acked. At most {@code prefetch} messages
     * are unacknowledged at a time. After a connection loss the client reconnects and consumes again;
     * what was not acked is delivered again and recognised as a duplicate if it was accepted.
     *
     * @param actor who receives (the integration's service user); its tenant owns what is accepted
     * @param spec the queue, system, reader and prefetch; never null
     * @return the running consumer; close it to stop
     * @throws dev.oakit.core.IntegrationException {@code OA-AMQP/UNREACHABLE} (retryable) when the broker cannot be reached
     */
    ChangeConsumer consume(Actor actor, ConsumerSpec spec);

    /**
     * @param admin an administrator of the tenant
     * @param queue the queue; null for all
     * @param limit at most this many, newest first
     * @return messages that could not be read or were refused, with their body and error
     */
    List<BrokerDeadLetter> deadLetters(Actor admin, String queue, int limit);

    /**
     * Puts dead letters back into their queues, each as it came (body and message id), with publisher
     * confirms, outside any transaction; then records the replay (one audited command each). Fix the
     * reader or the sender first: a message refused again is a new dead letter.
     *
     * @param admin an administrator of the tenant
     * @param ids dead letters of the tenant
     * @return the dead letters as they are now
     * @throws dev.oakit.core.NotFoundException {@code OA-AMQP/DEAD_LETTER_NOT_FOUND} naming an id the tenant does not have
     * @throws dev.oakit.core.IntegrationException {@code OA-AMQP/UNREACHABLE} or {@code NOT_CONFIRMED} (retryable): nothing after
     *     the failed one was replayed
     */
    List<BrokerDeadLetter> replay(Actor admin, List<Long> ids);

    /** Stops every consumer and closes the broker connections of this node. Call it before closing OAKit. */
    void close();
}
