package dev.oakit.integration.amqp.internal;

import com.rabbitmq.client.Connection;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.amqp.Broker;
import dev.oakit.integration.amqp.BrokerDeadLetter;
import dev.oakit.integration.amqp.ChangeConsumer;
import dev.oakit.integration.amqp.ConsumerSpec;
import dev.oakit.integration.inbox.Inbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link Broker}: consumers on connections of their own, dead letters as audited commands. */
@Singleton
public final class BrokerService implements Broker {
    private final BrokerConnection broker;
    private final Inbox inbox;
    private final Commands commands;
    private final DeadLetterRepository dead;
    private final Set<ChangeConsumerService> consumers = ConcurrentHashMap.newKeySet();

    @Inject
    public BrokerService(BrokerConnection broker, Inbox inbox, Commands commands, DeadLetterRepository dead) {
        this.broker = broker;
        this.inbox = inbox;
        this.commands = commands;
        this.dead = dead;
    }

    @Override
    public ChangeConsumer consume(Actor actor, ConsumerSpec spec) {
        Checks.notNull("actor", actor);
        Checks.notNull("spec", spec);
        Connection c = broker.open("oakit-consumer-" + spec.queue());
        try {
            ChangeConsumerService q = new ChangeConsumerService(c, actor, spec, inbox, this::keep, consumers::remove);
            consumers.add(q);
            return q;
        } catch (java.io.IOException e) {
            try {
                c.close(2000);
            } catch (Exception | Error ignored) {
                // the connection goes too
            }
            throw ChangeConsumerService.unreachable(broker.address(), e);
        }
    }

    private void keep(Actor actor, String queue, String messageId, String body, String error) {
        commands.execute(new CommandSpec(actor, "integration.amqp.dead", "amqp-queue", DeadLetterRepository.cut(queue, 128), null), Void.class,
                ctx -> {
                    dead.insert(ctx.handle(), ctx.tenantId(), queue, messageId, body, error, ctx.now());
                    ctx.summary("message " + messageId + " from queue " + queue + " refused: " + DeadLetterRepository.cut(error, 200));
                    return null;
                });
    }

    @Override
    public List<BrokerDeadLetter> deadLetters(Actor admin, String queue, int limit) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("read the broker's dead letters");
        return commands.query(h -> dead.list(h, admin.tenantId(), queue, Math.max(1, Math.min(limit, 1000))));
    }

    @Override
    public void close() {
        for (ChangeConsumerService q : List.copyOf(consumers)) {
            q.close();
        }
        broker.close();
    }
}
