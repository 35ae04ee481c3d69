package dev.oakit.integration.amqp.internal;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.amqp.AmqpErrors;
import dev.oakit.integration.amqp.Broker;
import dev.oakit.integration.amqp.BrokerDeadLetter;
import dev.oakit.integration.amqp.ChangeConsumer;
import dev.oakit.integration.amqp.ConsumerSpec;
import dev.oakit.integration.inbox.Inbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
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
    public List<BrokerDeadLetter> replay(Actor admin, List<Long> ids) {
        Checks.notNull("admin", admin);
        Checks.notNull("ids", ids);
        admin.requireAdmin("replay the broker's dead letters");
        if (ids.isEmpty()) {
            return List.of();
        }
        List<BrokerDeadLetter> found = commands.query(h -> dead.byIds(h, admin.tenantId(), ids));
        for (Long id : ids) {
            if (found.stream().noneMatch(d -> d.id() == id)) {
                throw new NotFoundException(AmqpErrors.DEAD_LETTER_NOT_FOUND, "broker dead letter " + id + " does not exist in tenant "
                        + admin.tenantId() + "; list them with deadLetters(admin, queue, limit)");
            }
        }
        for (BrokerDeadLetter d : found) {
            republish(d);
            commands.execute(new CommandSpec(admin, "integration.amqp.replay", "amqp-dead-letter", String.valueOf(d.id()), null), Void.class,
                    ctx -> {
                        dead.replayed(ctx.handle(), ctx.tenantId(), d.id(), ctx.now());
                        ctx.summary("dead letter " + d.id() + " (message " + d.messageId() + ") put back into queue " + d.queue());
                        return null;
                    });
        }
        return commands.query(h -> dead.byIds(h, admin.tenantId(), ids));
    }

    /** Publishes a dead letter to its queue through the default exchange and waits for the broker's confirm. */
    private void republish(BrokerDeadLetter d) {
        Channel ch = null;
        try {
            ch = broker.publisher().createChannel();
            ch.confirmSelect();
            ch.basicPublish("", d.queue(), MessageProperties.PERSISTENT_BASIC.builder().messageId(d.messageId())
                    .contentType("application/json").build(), d.body() == null ? new byte[0] : d.body().getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
        } catch (java.util.concurrent.TimeoutException | java.io.IOException e) {
            throw new IntegrationException(AmqpErrors.NOT_CONFIRMED, "RabbitMQ did not confirm the replay of dead letter " + d.id()
                    + " (" + e + "); replay it again", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(AmqpErrors.NOT_CONFIRMED, "interrupted while replaying dead letter " + d.id(), true, e);
        } catch (com.rabbitmq.client.ShutdownSignalException e) {
            throw ChangeConsumerService.unreachable(broker.address(), e);
        } finally {
            BrokerConnection.closeQuietly(ch);
        }
    }

    @Override
    public void close() {
        for (ChangeConsumerService q : List.copyOf(consumers)) {
            q.close();
        }
        broker.close();
    }
}
