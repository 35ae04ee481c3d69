package dev.oakit.integration.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.oakit.core.testing.Servers;
import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The RabbitMQ server of the tests (127.0.0.1:5672, guest/guest; {@code OAKIT_TEST_AMQP_HOST} and
 * {@code OAKIT_TEST_AMQP_PORT} override): unreachable, a test fails when {@code CI=true} and is
 * skipped with a message otherwise, as the database tests do. Each test declares queues and
 * exchanges with unique names through it; {@link #close()} deletes them.
 */
public final class Rabbit implements AutoCloseable {
    private static volatile Optional<String> unreachable;

    private final Connection admin;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    public static String host() {
        String h = System.getenv("OAKIT_TEST_AMQP_HOST");
        return h == null || h.isBlank() ? "127.0.0.1" : h;
    }

    public static int port() {
        String p = System.getenv("OAKIT_TEST_AMQP_PORT");
        return p == null || p.isBlank() ? 5672 : Integer.parseInt(p);
    }

    static ConnectionFactory factory(int port) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host());
        f.setPort(port);
        f.setUsername("guest");
        f.setPassword("guest");
        f.setConnectionTimeout(3000);
        f.setHandshakeTimeout(3000);
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    /** @return empty when the broker answers, else why not (checked once per JVM) */
    static synchronized Optional<String> unreachable() {
        if (unreachable == null) {
            try (Connection c = factory(port()).newConnection("oakit-test-probe")) {
                unreachable = Optional.empty();
            } catch (Exception e) {
                unreachable = Optional.of("RabbitMQ at " + host() + ":" + port() + " is not reachable (" + e + ")");
            }
        }
        return unreachable;
    }

    /** @return the message of a test that cannot run, after failing it when {@code CI=true} */
    static String skipOrFail(String why) {
        if (Servers.ci()) {
            throw new IllegalStateException("CI=true and " + why + "; start it (.ci/run does: rabbitmq-server -detached)"
                    + " or point OAKIT_TEST_AMQP_HOST/PORT at it");
        }
        System.err.println("SKIPPED: " + why);
        return "SKIPPED: " + why + " (set CI=true to fail instead)";
    }

    /** @return the broker, or the test is aborted (fails under CI) */
    public static Rabbit require() {
        unreachable().ifPresent(why -> Assumptions.abort(skipOrFail(why)));
        try {
            return new Rabbit(factory(port()).newConnection("oakit-test-admin"));
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ answered a probe, then refused a connection: " + e, e);
        }
    }

    private Rabbit(Connection admin) {
        this.admin = admin;
    }

    /** @return a unique name */
    String name(String base) {
        return "oakit-test-" + base + "-" + suffix;
    }

    /** Declares a durable topic exchange, deleted after the test. */
    public String exchange(String base) throws Exception {
        String x = name(base);
        try (Channel ch = admin.createChannel()) {
            ch.exchangeDeclare(x, "topic", true);
        }
        exchanges.add(x);
        return x;
    }

    /** Declares a durable queue bound to the exchange with the pattern (null: unbound), deleted after the test. */
    public String queue(String base, String exchange, String pattern) throws Exception {
        String q = name(base);
        try (Channel ch = admin.createChannel()) {
            ch.queueDeclare(q, true, false, false, null);
            if (exchange != null) {
                ch.queueBind(q, exchange, pattern);
            }
        }
        queues.add(q);
        return q;
    }

    /** Publishes a persistent message with the id straight to the queue. */
    public void send(String queue, String messageId, String body) throws Exception {
        try (Channel ch = admin.createChannel()) {
            ch.basicPublish("", queue, com.rabbitmq.client.MessageProperties.PERSISTENT_BASIC.builder().messageId(messageId)
                    .contentType("application/json").build(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Takes every message waiting in the queue (acked). */
    List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> all = new ArrayList<>();
        try (Channel ch = admin.createChannel()) {
            for (GetResponse r; (r = ch.basicGet(queue, true)) != null; ) {
                all.add(r);
            }
        }
        return all;
    }

    /** @return messages ready in the queue */
    public long ready(String queue) throws Exception {
        try (Channel ch = admin.createChannel()) {
            return ch.messageCount(queue);
        }
    }

    @Override
    public void close() throws Exception {
        try (Channel ch = admin.createChannel()) {
            for (String q : queues) {
                ch.queueDelete(q);
            }
            for (String x : exchanges) {
                ch.exchangeDelete(x);
            }
        } finally {
            admin.close();
        }
    }
}
