package dev.oakit.integration.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RelayTest {
    static final Actor SVC = Actor.of("t1", "erp-sync");
    static final ObjectMapper JSON = new ObjectMapper();
    /** The relay's publisher job retried as fast as the other deliveries of the tests (see TestDatabase.builder()). */
    static final Map<String, Object> FAST_RELAY_RETRIES = Map.of("jobs", Map.of("retry",
            Map.of("integration.amqp.relay", Map.of("initialInterval", "PT0.05S", "maxInterval", "PT0.5S"))));

    /** OAKit with the relay to the exchange; its broker connections go through the proxy when one is given. */
    static OaKit start(TestDatabase db, String uri, String exchange, Map<String, Object> more, Map<String, Object> core) {
        Map<String, Object> relay = new LinkedHashMap<>(Map.of("exchange", exchange, "events", List.of("integration.inbox.*"),
                "routingKey", "{tenant}.{type}", "confirmTimeout", "PT2S"));
        relay.putAll(more);
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())
                .config("amqp", Map.of("uri", uri, "relay", relay)).config("core", FAST_RELAY_RETRIES).config("core", core));
        db.closeLater(() -> oa.service(Broker.class).close());
        return oa;
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void relaysEachEventOncePersistentWithItsIdAsMessageIdAndInOrderPerAggregate(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require()) {
            String x = rabbit.exchange("events");
            String q = rabbit.queue("t1", x, "t1.integration.inbox.#");
            // one job thread: core delivers the events to the relay one after another, in the outbox's order
            OaKit oa = start(db, "amqp://guest:guest@" + Rabbit.host() + ":" + Rabbit.port() + "/", x, Map.of(),
                    Map.of("jobs", Map.of("threads", 1)));
            Inbox inbox = oa.service(Inbox.class);
            for (int v = 1; v <= 5; v++) {
                inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-1", v, null));
            }
            for (int i = 2; i <= 4; i++) {
                inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-" + i, 1, null));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> rabbit.ready(q) >= 8);
            await().atMost(Duration.ofSeconds(10)).until(() -> db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NULL") == 0);
            List<GetResponse> got = rabbit.drain(q);
            assertThat(got).hasSize(8);
            List<Long> po1 = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (GetResponse r : got) {
                JsonNode body = JSON.readTree(r.getBody());
                assertThat(r.getProps().getMessageId()).as("message id = event id").isEqualTo(body.path("eventId").asText());
                ids.add(r.getProps().getMessageId());
                assertThat(r.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
                assertThat(r.getProps().getContentType()).isEqualTo("application/json");
                assertThat(r.getProps().getType()).isEqualTo("integration.inbox.accepted");
                assertThat(r.getProps().getHeaders().get("x-oakit-tenant")).hasToString("t1");
                assertThat(r.getProps().getHeaders().get("x-oakit-event-type")).hasToString("integration.inbox.accepted");
                assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("t1.integration.inbox.accepted");
                assertThat(body.path("tenantId").asText()).isEqualTo("t1");
                if (body.path("aggregateId").asText().endsWith("/PO-1")) {
                    po1.add(body.path("payload").path("remoteVersion").asLong());
                }
            }
            assertThat(ids).hasSize(8);
            assertThat(po1).as("one aggregate's events in the outbox's order").containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void keepsPublishedEventsForAWeek(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require()) {
            String x = rabbit.exchange("events");
            rabbit.queue("t1", x, "t1.#");
            ManualClock clock = new ManualClock();
            OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new AmqpPlugin()).clock(clock)
                    .config("amqp", Map.of("uri", "amqp://guest:guest@" + Rabbit.host() + ":" + Rabbit.port(),
                            "relay", Map.of("exchange", x, "routingKey", "{tenant}.{type}"))));
            db.closeLater(() -> oa.service(Broker.class).close());
            Inbox inbox = oa.service(Inbox.class);
            inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-1", 1, null));
            await().atMost(Duration.ofSeconds(20)).until(() -> db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NOT NULL") == 1);
            clock.advance(Duration.ofDays(6));
            inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-2", 1, null));
            await().atMost(Duration.ofSeconds(20)).until(() -> db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NOT NULL") == 2);
            clock.advance(Duration.ofDays(2));
            inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-3", 1, null));
            // PO-3's event published (it is staged a moment after the accept: "two published, none waiting" alone also holds
            // before it is staged, with PO-1's still there) and the publisher's purge done
            await().atMost(Duration.ofSeconds(20)).until(() -> db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NOT NULL"
                    + " AND body LIKE '%/PO-3%'") == 1 && db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NOT NULL") == 2
                    && db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NULL") == 0);
            assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE event_type = 'integration.inbox.accepted'"))
                    .as("the event published 8 days ago is gone, the one of 2 days ago stays").isEqualTo(2);
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void everyEventArrivesDespiteConnectionsDroppedWhilePublishing(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require(); TcpProxy proxy = new TcpProxy(Rabbit.host(), Rabbit.port())) {
            String x = rabbit.exchange("events");
            String q = rabbit.queue("t1", x, "t1.#");
            OaKit oa = start(db, proxy.uri(), x, Map.of("batchSize", 5), Map.of());
            Inbox inbox = oa.service(Inbox.class);
            int n = 60;
            for (int i = 0; i < n; i++) {
                inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-" + i, 1, null));
                if (i % 20 == 10) {
                    proxy.cut(); // the broker "restarts" in the middle of the stream
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NULL") == 0
                    && db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay") == n);
            Set<String> ids = new HashSet<>();
            for (GetResponse r : rabbit.drain(q)) {
                ids.add(r.getProps().getMessageId());
            }
            assertThat(ids).as("every event at least once (a batch not confirmed before the cut is published again)").hasSize(n);
        }
    }
}
