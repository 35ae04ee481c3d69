package dev.oakit.integration.amqp;

import org.apiguardian.api.API;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of the RabbitMQ plugin, from the {@code amqp} namespace. Every component may be
 * null for its default.
 *
 * @param uri the broker, {@code amqp://user:password@host:port/vhost} (default
 *     {@code amqp://guest:guest@127.0.0.1:5672/}); the password is never logged
 * @param connectTimeout how long opening a connection may take (default 5 s)
 * @param relay what to relay to the broker; null relays nothing
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AmqpConfig(String uri, Duration connectTimeout, Relay relay) {
    /**
     * The outbox relay.
     *
     * @param exchange the exchange events are published to; declared durable at the first publish
     * @param exchangeType its type (default {@code topic})
     * @param events event types to relay: exact types, {@code prefix.*} or {@code *} (default {@code *})
     * @param routingKey the routing key, with placeholders {@code {type}}, {@code {tenant}},
     *     {@code {aggregateType}} (default {@code {type}})
     * @param batchSize events published before waiting for the broker's confirms (default 100)
     * @param confirmTimeout how long to wait for the confirms of a batch (default 10 s)
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Relay(String exchange, String exchangeType, List<String> events, String routingKey, Integer batchSize,
                        Duration confirmTimeout) {
        /** Fills defaults and checks values. */
        public Relay {
            exchangeType = exchangeType == null ? "topic" : exchangeType;
            events = events == null || events.isEmpty() ? List.of("*") : List.copyOf(events);
            routingKey = routingKey == null ? "{type}" : routingKey;
            batchSize = batchSize == null ? 100 : batchSize;
            confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
            if (exchange == null || exchange.isBlank() || exchange.length() > 255) {
                throw new IllegalArgumentException("amqp.relay.exchange must name the exchange events go to (1 to 255 characters), was "
                        + exchange);
            }
            if (!List.of("topic", "direct", "fanout", "headers").contains(exchangeType)) {
                throw new IllegalArgumentException("amqp.relay.exchangeType must be topic, direct, fanout or headers, was " + exchangeType);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("amqp.relay.batchSize must be 1 to 10000, was " + batchSize);
            }
            if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
                throw new IllegalArgumentException("amqp.relay.confirmTimeout must be positive, was " + confirmTimeout);
            }
        }

        /** @return a relay of every event to the exchange, routed by event type */
        public static Relay to(String exchange) {
            return new Relay(exchange, null, null, null, null, null);
        }

        /** @return whether the relay takes events of the type */
        public boolean accepts(String eventType) {
            for (String p : events) {
                if (p.equals("*") || p.equals(eventType) || p.endsWith(".*") && eventType.startsWith(p.substring(0, p.length() - 1))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Fills defaults and checks values. */
    public AmqpConfig {
        uri = uri == null ? "amqp://guest:guest@127.0.0.1:5672/" : uri;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("amqp.uri must be amqp://user:password@host:port/vhost; it is not a URI", e);
        }
        if (!"amqp".equals(parsed.getScheme()) && !"amqps".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("amqp.uri must be amqp://user:password@host:port/vhost (or amqps://), with a host");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("amqp.connectTimeout must be positive, was " + connectTimeout);
        }
    }

    /** @return the defaults: the local broker, no relay */
    public static AmqpConfig defaults() {
        return new AmqpConfig(null, null, null);
    }
}
