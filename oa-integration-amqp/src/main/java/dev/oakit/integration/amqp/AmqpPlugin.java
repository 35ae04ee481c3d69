package dev.oakit.integration.amqp;

import com.google.inject.AbstractModule;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.integration.amqp.internal.AmqpDeadLetterStore;
import dev.oakit.integration.amqp.internal.AmqpRelay;
import dev.oakit.integration.amqp.internal.BrokerService;
import dev.oakit.integration.amqp.internal.RelayJob;
import dev.oakit.integration.spi.DeadLetterStore;
import org.apiguardian.api.API;

import java.util.Set;

/**
 * RabbitMQ for OAKit: {@code OaKit.builder().plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())}.
 * With {@code amqp.relay} configured it relays outbox events to an exchange; {@link Broker} consumes
 * queues into the inbox. Its tables are prefixed {@code oa_int_amqp_}, its migrations use the history
 * table {@code oa_amqp_schema_history}, its configuration is {@link AmqpConfig} in the {@code amqp}
 * namespace. It needs the integration plugin.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AmqpPlugin implements OaPlugin {
    @Override
    public String id() {
        return "amqp";
    }

    @Override
    public Set<String> requires() {
        return Set.of("integration");
    }

    @Override
    public void configure(OaPluginContext context) {
        AmqpConfig config = context.config(AmqpConfig.class);
        context.migrations("classpath:dev/oakit/integration/amqp/db/migration");
        AmqpRelay relay = config.relay() == null ? null : new AmqpRelay(config.relay());
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Broker.class).to(BrokerService.class);
                if (relay != null) {
                    requestInjection(relay);
                }
            }
        });
        context.exposeService(Broker.class);
        context.jobHandler(RelayJob.class);
        // its dead letters in the integration's one view (DeadLetters) and under its retention purge
        context.extension(DeadLetterStore.class, AmqpDeadLetterStore.class);
        if (relay != null) {
            context.eventRelay(relay);
        }
    }
}
