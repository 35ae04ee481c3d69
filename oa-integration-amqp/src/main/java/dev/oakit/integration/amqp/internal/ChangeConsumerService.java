package dev.oakit.integration.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.amqp.AmqpErrors;
import dev.oakit.integration.amqp.ChangeConsumer;
import dev.oakit.integration.amqp.ConsumerSpec;
import dev.oakit.integration.amqp.spi.AmqpMessage;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One queue consumed into the inbox, on a connection of its own with manual acks: read, accept in
 * a committed transaction, then ack. A message that cannot be read is kept as a dead letter, then
 * acked. When the inbox cannot be reached (the database is down), the message is rejected back to
 * the queue and comes again.
 */
final class ChangeConsumerService implements ChangeConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeConsumerService.class);

    private final Connection connection;
    private final Channel channel;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    /** Held while a delivery is handled (the client hands one channel's deliveries over one at a time). */
    private final java.util.concurrent.locks.ReentrantLock handling = new java.util.concurrent.locks.ReentrantLock();
    /** Set by {@link #close}: a delivery that still arrives (a connection recovering while it closed) goes back to the queue. */
    private volatile boolean closed;
    /** Counted down when the broker confirms the cancel {@link #close} asks for: no more deliveries come. */
    private final java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
    private final String consumerTag;

    /** A dead letter to keep: queue, message id, body, error. */
    interface DeadLetters {
        void keep(Actor actor, String queue, String messageId, String body, String error);
    }

    ChangeConsumerService(Connection connection, Actor actor, ConsumerSpec spec, Inbox inbox, DeadLetters deadLetters, Consumer<ChangeConsumerService> onClose)
            throws java.io.IOException {
        this.connection = connection;
        this.channel = connection.createChannel();
        channel.basicQos(spec.prefetch());
        this.consumerTag = channel.basicConsume(spec.queue(), false, new DefaultConsumer(channel) {
            @Override
            public void handleCancelOk(String tag) {
                cancelled.countDown();
            }

            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) throws java.io.IOException {
                handling.lock();
                try {
                    if (closed) {
                        getChannel().basicNack(env.getDeliveryTag(), false, true);
                        return;
                    }
                    handle(env, props, body);
                } catch (RuntimeException e) {
                    // the database is down, a dead letter could not be stored, …: the message comes again; an exception
                    // escaping here would make the client close the channel and this consumer stop
                    requeue(env, "it could not be handled now", e);
                } finally {
                    handling.unlock();
                }
            }

            private void handle(Envelope env, AMQP.BasicProperties props, byte[] body) throws java.io.IOException {
                AmqpMessage m = new AmqpMessage(spec.queue(), props.getMessageId(), env.getRoutingKey(), props.getContentType(),
                        headers(props), body);
                InboundEvent event;
                try {
                    event = spec.reader().read(spec.system(), m);
                    if (event == null) {
                        throw ValidationException.of("reader", "the reader returned no event");
                    }
                } catch (Exception refused) {
                    deadLetters.keep(actor, spec.queue(), m.messageId(), m.text(), String.valueOf(refused.getMessage()));
                    dead.incrementAndGet();
                    ack(env);
                    return;
                }
                InboxReceipt receipt;
                try {
                    receipt = inbox.accept(actor, event);
                } catch (ValidationException invalid) {
                    deadLetters.keep(actor, spec.queue(), m.messageId(), m.text(), invalid.getMessage());
                    dead.incrementAndGet();
                    ack(env);
                    return;
                }
                (receipt.accepted() ? accepted : skipped).incrementAndGet();
                ack(env); // only now: the accept has committed
            }

            private void ack(Envelope env) {
                try {
                    getChannel().basicAck(env.getDeliveryTag(), false);
                } catch (java.io.IOException | com.rabbitmq.client.ShutdownSignalException lost) {
                    // the connection dropped after the inbox committed: the broker delivers the message again, and the inbox
                    // recognises it as a duplicate
                    LOG.info("ack of a message from queue {} lost with the connection; it comes again and is skipped", spec.queue());
                }
            }

            private void requeue(Envelope env, String why, RuntimeException e) throws java.io.IOException {
                LOG.warn("message from queue {} goes back to the queue: {} ({})", spec.queue(), why, e.toString());
                try {
                    Thread.sleep(200); // do not spin on a database that is down
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                getChannel().basicNack(env.getDeliveryTag(), false, true);
            }
        });
        this.onClose = onClose;
    }

    private final Consumer<ChangeConsumerService> onClose;

    private static Map<String, String> headers(AMQP.BasicProperties p) {
        Map<String, String> h = new LinkedHashMap<>();
        if (p.getHeaders() != null) {
            p.getHeaders().forEach((k, v) -> h.put(k, v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v)));
        }
        return h;
    }

    static IntegrationException unreachable(String address, Exception e) {
        return new IntegrationException(AmqpErrors.UNREACHABLE, "RabbitMQ at " + address + " refused the consumer (" + e + ")", true, e);
    }

    @Override
    public long accepted() {
        return accepted.get();
    }

    @Override
    public long skipped() {
        return skipped.get();
    }

    @Override
    public long dead() {
        return dead.get();
    }

    @Override
    public void close() {
        try { // no more deliveries; those already sent to this consumer are handled and acked first
            channel.basicCancel(consumerTag);
            cancelled.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.io.IOException | RuntimeException e) {
            // the channel is gone: what it had not acked goes back to the queue
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        try {
            connection.close(2000);
        } catch (Exception | Error ignored) {
            // already closed
        }
        try { // a delivery being handled finishes (its ack is lost with the connection; it comes again as a duplicate)
            if (handling.tryLock(10, java.util.concurrent.TimeUnit.SECONDS)) {
                handling.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onClose.accept(this);
    }
}
