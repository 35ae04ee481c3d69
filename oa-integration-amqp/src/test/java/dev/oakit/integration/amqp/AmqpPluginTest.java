package dev.oakit.integration.amqp;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmqpPluginTest {
    @Test
    void badConfigurationFailsTheBuildNamingTheSetting() {
        assertThatThrownBy(() -> OaKit.builder().plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())
                .config("amqp", Map.of("uri", "http://rabbit:5672", "relay", Map.of("batchSize", 0))).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("amqp.");
        assertThatThrownBy(() -> new AmqpConfig.Relay(null, null, null, null, null, null)).hasMessageContaining("amqp.relay.exchange");
        assertThatThrownBy(() -> new AmqpConfig.Relay("x", "fan", null, null, null, null)).hasMessageContaining("amqp.relay.exchangeType");
        assertThatThrownBy(() -> new AmqpConfig("http://rabbit:5672", null, null)).hasMessageContaining("amqp.uri");
        assertThat(AmqpConfig.Relay.to("x").accepts("purchase.approved")).isTrue();
        AmqpConfig.Relay some = new AmqpConfig.Relay("x", null, java.util.List.of("purchase.*", "ticket.closed"), null, null, null);
        assertThat(some.accepts("purchase.approved")).isTrue();
        assertThat(some.accepts("ticket.closed")).isTrue();
        assertThat(some.accepts("ticket.opened")).isFalse();
        assertThat(some.accepts("purchases")).isFalse();
    }

    @Test
    void aConsumerSpecNamesTheBadField() {
        assertThatThrownBy(() -> ConsumerSpec.of("q", "erp").withPrefetch(0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("prefetch");
        assertThatThrownBy(() -> ConsumerSpec.of(" ", "erp")).isInstanceOf(ValidationException.class).hasMessageContaining("queue");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void anUnreachableBrokerIsARetryableErrorNamingItWithoutThePassword(TestDatabase db) throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())
                .config("amqp", Map.of("uri", "amqp://oakit:s3cret@127.0.0.1:" + closed, "connectTimeout", "PT1S")));
        Broker broker = oa.service(Broker.class);
        assertThatThrownBy(() -> broker.consume(dev.oakit.core.Actor.of("t1", "svc"), ConsumerSpec.of("q", "erp")))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining(AmqpErrors.UNREACHABLE).hasMessageContaining("127.0.0.1:" + closed).hasMessageNotContaining("s3cret");
        broker.close();
    }
}
