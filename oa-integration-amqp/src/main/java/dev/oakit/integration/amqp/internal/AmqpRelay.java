package dev.oakit.integration.amqp.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventRelay;
import dev.oakit.integration.amqp.AmqpConfig;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The outbox relay to RabbitMQ. Core delivers each accepted event here on a job (inside that job's
 * transaction); this only stages it in {@code oa_int_amqp_relay} and wakes the tenant's
 * {@link RelayJob}, which publishes outside any transaction. Staging twice changes nothing.
 */
public final class AmqpRelay implements EventRelay {
    /** The relay id: deliveries are {@code <event id>:amqp}. */
    public static final String ID = "amqp";

    private final AmqpConfig.Relay config;
    private final ObjectMapper json = new ObjectMapper();
    private Commands commands;
    private RelayRepository repo;

    public AmqpRelay(AmqpConfig.Relay config) {
        this.config = config;
    }

    /** Called by Guice once OAKit's services exist. */
    @Inject
    void wire(Commands c, RelayRepository r) {
        this.commands = c;
        this.repo = r;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(String eventType) {
        return config.accepts(eventType);
    }

    @Override
    public void deliver(String deliveryId, DomainEvent event) {
        String body = body(event);
        commands.execute(new CommandSpec(Actor.system(event.tenantId()), "integration.amqp.stage", "outbox-event", event.id(), null),
                Boolean.class, ctx -> {
                    boolean fresh = repo.stage(ctx.handle(), ctx.tenantId(), event.id(), event.type(), body, event.occurredAt(), ctx.now());
                    if (fresh) {
                        ctx.schedule(JobRequest.of(RelayJob.TYPE, Map.of()).dedupe(RelayJob.TYPE));
                    }
                    ctx.summary((fresh ? "staged " : "already staged ") + event.type() + " " + event.id() + " for RabbitMQ");
                    return fresh;
                });
    }

    /** The message body: the event as JSON, the same fields as core's webhook relay. */
    String body(DomainEvent e) {
        ObjectNode n = json.createObjectNode();
        n.put("eventId", e.id());
        n.put("type", e.type());
        n.put("tenantId", e.tenantId());
        n.put("aggregateType", e.aggregateType());
        n.put("aggregateId", e.aggregateId());
        n.put("actorId", e.actorId());
        n.put("occurredAt", e.occurredAt().toString());
        n.set("payload", e.payload());
        return n.toString();
    }
}
