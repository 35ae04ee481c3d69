package dev.oakit.integration.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Tenant;
import dev.oakit.core.directory.Tenants;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.amqp.spi.ChangeReader;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt.Outcome;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConsumerTest {
    static final Actor T1 = Actor.of("t1", "erp-sync");
    static final Actor T2 = Actor.of("t2", "oakit-sync");

    /** Reads OAKit's own relayed events: the aggregate is the entity, the message id (the event id) the delivery. */
    static final ChangeReader OAKIT_EVENTS = (system, m) -> {
        JsonNode n = RelayTest.JSON.readTree(m.body());
        return new InboundEvent(system, n.path("aggregateType").asText(), n.path("aggregateId").asText(), null, m.messageId(), null);
    };

    @DbTest(only = TestDatabase.Kind.H2)
    void acceptsOnceAcksDuplicatesAndStaleAndKeepsPoisonAsDeadLetters(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require()) {
            String q = rabbit.queue("erp-changes", null, null);
            OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())
                    .config("amqp", Map.of("uri", "amqp://guest:guest@" + Rabbit.host() + ":" + Rabbit.port())));
            Broker broker = oa.service(Broker.class);
            db.closeLater(broker::close);
            rabbit.send(q, "d-1", "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-1\",\"version\":1}");
            rabbit.send(q, "d-1", "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-1\",\"version\":1}");
            rabbit.send(q, "bad-1", "this is not JSON");
            rabbit.send(q, "bad-2", "{\"entityId\":\"PO-1\",\"version\":3}");
            rabbit.send(q, "d-2", "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-1\",\"version\":2}");
            rabbit.send(q, "d-3", "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-1\",\"version\":1}");
            ChangeConsumer c = broker.consume(T1, ConsumerSpec.of(q, "erp").withPrefetch(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> c.accepted() + c.skipped() + c.dead() == 6);
            assertThat(c.accepted()).as("d-1 and d-2").isEqualTo(2);
            assertThat(c.skipped()).as("d-1 again (same id), d-3 (older than version 2)").isEqualTo(2);
            assertThat(c.dead()).isEqualTo(2);
            c.close();
            assertThat(rabbit.ready(q)).as("everything acked, nothing requeued").isZero();
            List<BrokerDeadLetter> dead = broker.deadLetters(Actor.admin("t1", "ops"), q, 10);
            assertThat(dead).extracting(BrokerDeadLetter::messageId).containsExactly("bad-2", "bad-1");
            assertThat(dead.get(1).body()).isEqualTo("this is not JSON");
            assertThat(dead.get(0).error()).contains("entityType");
            Inbox inbox = oa.service(Inbox.class);
            assertThat(inbox.accept(T1, InboundEvent.ofVersion("erp", "purchase.order", "PO-1", 2, null)).outcome())
                    .as("version 2 is stored").isEqualTo(Outcome.DUPLICATE);

            // replay: the message goes back into its queue as it came; a reader that now understands it accepts it
            ChangeConsumer lenient = broker.consume(T1, ConsumerSpec.of(q, "erp").withReader((system, m) -> m.text().startsWith("{")
                    ? ChangeReader.json().read(system, m) : InboundEvent.ofVersion(system, "note", "N-1", 1, m.text()).withDeliveryId(m.messageId())));
            List<BrokerDeadLetter> replayed = broker.replay(Actor.admin("t1", "ops"), List.of(dead.get(1).id()));
            assertThat(replayed.get(0).replayedAt()).isNotNull();
            await().atMost(Duration.ofSeconds(20)).until(() -> lenient.accepted() == 1);
            assertThat(inbox.accept(T1, InboundEvent.ofVersion("erp", "note", "N-1", 1, null)).outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThatThrownBy(() -> broker.replay(Actor.admin("t2", "ops"), List.of(dead.get(1).id())))
                    .hasMessageContaining(AmqpErrors.DEAD_LETTER_NOT_FOUND);
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aMessageTheInboxCannotTakeNowGoesBackToTheQueueAndTheConsumerGoesOn(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require()) {
            String q = rabbit.queue("erp-changes", null, null);
            OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())
                    .config("core", Map.of("tenants", Map.of("autoCreate", false))).tenant("acme", "ACME")
                    .config("amqp", Map.of("uri", "amqp://guest:guest@" + Rabbit.host() + ":" + Rabbit.port())));
            Broker broker = oa.service(Broker.class);
            db.closeLater(broker::close);
            // the consumer receives for a tenant that does not exist yet: every accept is refused, the message is requeued
            ChangeConsumer c = broker.consume(Actor.of("globex", "erp-sync"), ConsumerSpec.of(q, "erp"));
            rabbit.send(q, "d-1", "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-1\",\"version\":1}");
            Thread.sleep(1000);
            assertThat(c.accepted() + c.dead()).isZero();
            oa.service(Tenants.class).create(Actor.of("acme", "ops", Actor.OPERATOR_ROLE), Tenant.of("globex", "Globex"));
            await().atMost(Duration.ofSeconds(20)).until(() -> c.accepted() == 1);
            assertThat(c.dead()).isZero();
            rabbit.send(q, "d-2", "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-1\",\"version\":2}");
            await().atMost(Duration.ofSeconds(20)).until(() -> c.accepted() == 2);
        }
    }

    /**
     * The invariant end to end: events published in one tenant reach another tenant's inbox through
     * RabbitMQ exactly once, while the connections of the relay and the consumer are dropped and
     * every message is delivered a second time.
     */
    @DbTest
    void eachRelayedEventIsAcceptedExactlyOnceDespiteDroppedConnectionsAndDuplicates(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require(); TcpProxy proxy = new TcpProxy(Rabbit.host(), Rabbit.port())) {
            String x = rabbit.exchange("events");
            String q = rabbit.queue("inbound", x, "t1.#");
            String tap = rabbit.queue("tap", x, "t1.#");
            OaKit oa = RelayTest.start(db, proxy.uri(), x, Map.of("batchSize", 4), Map.of());
            Broker broker = oa.service(Broker.class);
            ChangeConsumer c = broker.consume(T2, ConsumerSpec.of(q, "oakit").withReader(OAKIT_EVENTS).withPrefetch(3));
            Inbox inbox = oa.service(Inbox.class);
            int n = 40;
            for (int i = 0; i < n; i++) {
                inbox.accept(T1, InboundEvent.ofVersion("erp", "purchase.order", "PO-" + i, 1, null));
                if (i == 12 || i == 27) {
                    proxy.cut();
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> rabbit.ready(tap) >= n);
            for (GetResponse r : rabbit.drain(tap)) { // every message once more
                rabbit.send(q, r.getProps().getMessageId(), new String(r.getBody(), StandardCharsets.UTF_8));
            }
            proxy.cut();
            await().atMost(Duration.ofSeconds(60)).until(() -> c.accepted() == n && rabbit.ready(q) == 0
                    && db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = 't2'") >= n);
            Thread.sleep(300); // nothing more may come
            assertThat(c.accepted()).isEqualTo(n);
            assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = 't2' AND outcome = 'ACCEPTED'")).isEqualTo(n);
            assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_entity WHERE tenant_id = 't2'")).isZero();
            assertThat(c.dead()).isZero();
        }
    }
}
