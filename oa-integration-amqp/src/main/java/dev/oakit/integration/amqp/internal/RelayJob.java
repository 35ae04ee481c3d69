package dev.oakit.integration.amqp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.integration.amqp.AmqpConfig;
import dev.oakit.integration.amqp.AmqpErrors;
import dev.oakit.integration.spi.RemoteCallingJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a tenant's staged events to RabbitMQ, outside any database transaction: take the
 * tenant's publisher lease (one short transaction), publish a batch in staging order with
 * publisher confirms (no transaction, no pooled connection held), then, only after the broker acked
 * every message of the batch, mark it published if the lease is still ours (one short transaction).
 * A nack, a confirm timeout or a lost connection fails the attempt: nothing of the batch is marked,
 * and the job is retried on the delivery policy, publishing the batch again (consumers de-duplicate
 * by message id, which is the event id).
 */
@Singleton
public final class RelayJob extends RemoteCallingJob {
    /** Published events are kept this long (against a late second delivery by core, whose retries last up to three days). */
    static final Duration KEEP_PUBLISHED = Duration.ofDays(7);

    /** The job type; one waiting job per tenant (its dedupe key is the type). */
    public static final String TYPE = "integration.amqp.relay";

    private final Commands commands;
    private final RelayRepository repo;
    private final BrokerConnection broker;
    private final AmqpConfig.Relay config;
    private final Clock clock;
    private final Duration lease;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    public RelayJob(Commands commands, RelayRepository repo, BrokerConnection broker, AmqpConfig config, Clock clock) {
        super(TYPE);
        this.commands = commands;
        this.repo = repo;
        this.broker = broker;
        this.config = config.relay();
        this.clock = clock;
        // long enough for one batch: publish, wait for the confirms, record; renewed with every batch
        Duration l = this.config == null ? Duration.ofSeconds(30) : this.config.confirmTimeout().multipliedBy(3);
        this.lease = l.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : l;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.deliveries();
    }

    @Override
    public void handle(JobContext ctx) {
        if (config == null) {
            return; // the relay was configured off since this job was scheduled
        }
        String tenant = ctx.tenantId();
        String owner = UUID.randomUUID().toString();
        while (true) {
            Optional<Long> fence = take(tenant, owner);
            if (fence.isEmpty()) {
                if (commands.query(h -> repo.pendingCount(h, tenant)) == 0) {
                    return;
                }
                // another publisher holds the tenant (it looks again after letting go), or died holding it: try again later
                throw new IntegrationException(AmqpErrors.PUBLISHER_BUSY, "another node publishes tenant " + tenant
                        + "'s events to RabbitMQ now; this attempt waits for its lease to end", true, null);
            }
            try {
                publishAll(tenant, fence.get());
                Instant before = clock.instant().minus(KEEP_PUBLISHED);
                commands.queryInTransaction(h -> repo.purge(h, tenant, before, 1000));
            } finally {
                commands.queryInTransaction(h -> {
                    repo.release(h, tenant, fence.get());
                    return null;
                });
            }
            // an event staged while we held the lease may have found it taken: look again now that it is free
            if (commands.query(h -> repo.pendingCount(h, tenant)) == 0) {
                return;
            }
        }
    }

    private Optional<Long> take(String tenant, String owner) {
        Instant now = clock.instant();
        try {
            return commands.queryInTransaction(h -> repo.takeLease(h, tenant, owner, now, now.plus(lease)));
        } catch (RuntimeException raced) {
            return Optional.empty(); // two first publishers of a tenant inserted its lease row at once; the other won
        }
    }

    private void publishAll(String tenant, long fence) {
        Channel ch = null;
        try {
            ch = broker.publisher().createChannel();
            ch.confirmSelect();
            ch.exchangeDeclare(config.exchange(), config.exchangeType(), true);
            while (true) {
                List<RelayRepository.Staged> batch = commands.query(h -> repo.pending(h, tenant, config.batchSize()));
                if (batch.isEmpty()) {
                    return;
                }
                for (RelayRepository.Staged e : batch) {
                    publish(ch, tenant, e);
                }
                if (!ch.waitForConfirms(config.confirmTimeout().toMillis())) {
                    throw new IntegrationException(AmqpErrors.NOT_CONFIRMED, "RabbitMQ refused (nack) a message of a batch of "
                            + batch.size() + " events of tenant " + tenant + "; the batch is published again", true, null);
                }
                List<Long> ids = batch.stream().map(RelayRepository.Staged::id).toList();
                Instant now = clock.instant();
                boolean ours = commands.queryInTransaction(h -> {
                    if (!repo.renew(h, tenant, fence, now.plus(lease))) {
                        return false;
                    }
                    repo.published(h, ids, now);
                    return true;
                });
                if (!ours) {
                    return; // our lease ran out: the new holder publishes what we could not record (again: consumers de-duplicate)
                }
            }
        } catch (TimeoutException e) {
            throw new IntegrationException(AmqpErrors.NOT_CONFIRMED, "RabbitMQ at " + broker.address() + " did not confirm a batch within "
                    + config.confirmTimeout() + "; it is published again", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(AmqpErrors.NOT_CONFIRMED, "interrupted while waiting for RabbitMQ's confirms", true, e);
        } catch (java.io.IOException | com.rabbitmq.client.ShutdownSignalException e) {
            throw new IntegrationException(AmqpErrors.UNREACHABLE, "publishing to RabbitMQ at " + broker.address() + " failed (" + e
                    + "); the batch is published again after the connection recovered", true, e);
        } finally {
            BrokerConnection.closeQuietly(ch);
        }
    }

    private void publish(Channel ch, String tenant, RelayRepository.Staged e) throws java.io.IOException {
        JsonNode body = json.readTree(e.body());
        String aggregateType = body.path("aggregateType").asText("");
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("x-oakit-tenant", tenant);
        headers.put("x-oakit-event-type", e.type());
        headers.put("x-oakit-aggregate-type", aggregateType);
        headers.put("x-oakit-aggregate-id", body.path("aggregateId").asText(""));
        AMQP.BasicProperties props = MessageProperties.PERSISTENT_BASIC.builder()
                .messageId(e.eventId()).contentType("application/json").contentEncoding("UTF-8").type(e.type()).appId("oakit")
                .timestamp(java.util.Date.from(clock.instant())).headers(headers).build();
        String key = config.routingKey().replace("{type}", e.type()).replace("{tenant}", tenant).replace("{aggregateType}", aggregateType);
        ch.basicPublish(config.exchange(), key, props, e.body().getBytes(StandardCharsets.UTF_8));
    }
}
