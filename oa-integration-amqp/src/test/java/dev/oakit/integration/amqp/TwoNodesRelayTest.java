package dev.oakit.integration.amqp;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two OAKit nodes on one database relay one tenant's events (one publisher at a time, under the
 * tenant's lease); one node is stopped in the middle and every connection is dropped once. A consumer
 * on the surviving node accepts each event exactly once into another tenant's inbox.
 */
class TwoNodesRelayTest {
    static OaKit node(TestDatabase db, DataSource ds, String uri, String exchange) {
        return db.start(b -> b.dataSource(ds).plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())
                .config("amqp", Map.of("uri", uri, "relay", Map.of("exchange", exchange, "events", List.of("integration.inbox.*"),
                        "routingKey", "{tenant}.{type}", "batchSize", 3, "confirmTimeout", "PT2S")))
                .config("core", RelayTest.FAST_RELAY_RETRIES)
                // the jobs the stopped node had claimed go to the other one after their lease
                .config("core", Map.of("jobs", Map.of("lease", "PT3S"))));
    }

    @DbTest
    void eachEventOnceWhileANodeStopsAndConnectionsDrop(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require(); TcpProxy proxy = new TcpProxy(Rabbit.host(), Rabbit.port())) {
            String x = rabbit.exchange("events");
            String q = rabbit.queue("inbound", x, "t1.#");
            OaKit a = node(db, db.newPool(4), proxy.uri(), x);
            OaKit b = node(db, db.newPool(4), proxy.uri(), x);
            Broker brokerA = a.service(Broker.class);
            Broker brokerB = b.service(Broker.class);
            db.closeLater(brokerB::close);
            ChangeConsumer c = brokerB.consume(ConsumerTest.T2, ConsumerSpec.of(q, "oakit").withReader(ConsumerTest.OAKIT_EVENTS));
            int n = 30;
            for (int i = 0; i < n; i++) {
                OaKit node = i < 15 && i % 2 == 0 ? a : b;
                node.service(Inbox.class).accept(ConsumerTest.T1, InboundEvent.ofVersion("erp", "purchase.order", "PO-" + i, 1, null));
                if (i == 10) {
                    proxy.cut();
                }
                if (i == 15) {
                    brokerA.close(); // node A stops with what it was doing: its leases run out, B takes over
                    a.close();
                }
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> c.accepted() == n && rabbit.ready(q) == 0
                    && db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NULL") == 0);
            Thread.sleep(300);
            assertThat(c.accepted()).isEqualTo(n);
            assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = 't2' AND outcome = 'ACCEPTED'")).isEqualTo(n);
            assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE published_at IS NULL")).isZero();
        }
    }
}
