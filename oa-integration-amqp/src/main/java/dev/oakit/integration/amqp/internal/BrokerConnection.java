package dev.oakit.integration.amqp.internal;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.oakit.core.IntegrationException;
import dev.oakit.integration.amqp.AmqpConfig;
import dev.oakit.integration.amqp.AmqpErrors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's connections to the broker: one for publishing, one per consumer (so a slow consumer
 * never holds back the publisher's confirms). Each recovers by itself after a connection loss
 * (RabbitMQ's automatic recovery, with its channels and consumers). Threads are daemons, so a host
 * that forgets {@code Broker.close()} still exits.
 */
@Singleton
public final class BrokerConnection {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ConnectionFactory factory;
    private final String address;
    private final List<Connection> open = new ArrayList<>();
    private Connection publisher;

    @Inject
    public BrokerConnection(AmqpConfig config) {
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(config.uri());
            if (factory.getVirtualHost().isEmpty()) {
                factory.setVirtualHost("/"); // amqp://host:5672/ names the empty vhost; everybody means the default one
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("amqp.uri is not a valid AMQP URI: " + e.getMessage(), e);
        }
        factory.setConnectionTimeout((int) config.connectTimeout().toMillis());
        factory.setHandshakeTimeout((int) config.connectTimeout().toMillis());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(500);
        factory.setRequestedHeartbeat(10);
        factory.setThreadFactory(r -> {
            Thread t = new Thread(r, "oakit-amqp-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        URI u = URI.create(config.uri());
        this.address = u.getScheme() + "://" + u.getHost() + ":" + (u.getPort() < 0 ? factory.getPort() : u.getPort());
    }

    /**
     * @return the shared publishing connection, opened on first use; it recovers the connection only, not
     *     what its short-lived channels declared (the relay declares its exchange on every channel it opens)
     */
    public synchronized Connection publisher() {
        if (publisher == null) {
            factory.setTopologyRecoveryEnabled(false);
            try {
                publisher = open("oakit-relay");
            } finally {
                factory.setTopologyRecoveryEnabled(true);
            }
        }
        return publisher;
    }

    /**
     * @return a new connection of its own (for one consumer), recovering its channel and consumer after a
     *     connection loss; closed by {@link #close()} unless closed before
     */
    public synchronized Connection open(String name) {
        try {
            Connection c = factory.newConnection(name);
            open.add(c);
            return c;
        } catch (Exception e) {
            throw new IntegrationException(AmqpErrors.UNREACHABLE, "RabbitMQ at " + address + " cannot be reached (" + e
                    + (e.getCause() == null ? "" : ", " + e.getCause()) + "); start it or fix amqp.uri", true, e);
        }
    }

    /** Closes every connection of this node. */
    public synchronized void close() {
        for (Connection c : open) {
            try {
                c.close(2000);
            } catch (Exception | Error ignored) {
                // closing: what is left is abandoned
            }
        }
        open.clear();
        publisher = null;
    }

    /** Closes a channel unless it went with its connection already. */
    static void closeQuietly(com.rabbitmq.client.Channel ch) {
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (Exception ignored) {
                // the channel goes with its connection
            }
        }
    }

    /** @return where the broker is, without credentials */
    public String address() {
        return address;
    }
}
