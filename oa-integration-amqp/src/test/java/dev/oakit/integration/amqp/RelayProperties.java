package dev.oakit.integration.amqp;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random interleavings on the publishing side: commands publishing events, connections dropped
 * while batches wait for their confirms, consumers crashing before their ack. Afterwards every
 * event was accepted exactly once by the consuming tenant's inbox and nothing waits in the relay.
 * One OAKit on H2 relaying and consuming; one publishing tenant, one consuming tenant and one queue
 * per try.
 */
@AddLifecycleHook(RabbitRequired.class)
class RelayProperties {
    private static TestDatabase db;
    private static OaKit oa;
    private static TcpProxy proxy;
    private static Rabbit rabbit;
    private static String exchange;
    private static final AtomicInteger TRIES = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        db = TestDatabase.open(TestDatabase.Kind.H2);
        rabbit = Rabbit.require();
        exchange = rabbit.exchange("events");
        proxy = new TcpProxy(Rabbit.host(), Rabbit.port());
        oa = RelayTest.start(db, proxy.uri(), exchange, Map.of("batchSize", 3), Map.of());
    }

    @AfterContainer
    static void stop() throws Exception {
        oa.service(Broker.class).close();
        proxy.close();
        rabbit.close();
        db.close();
    }

    @Provide
    Arbitrary<List<String>> steps() {
        return Arbitraries.of("publish", "publish", "publish", "publish", "publish", "cut", "crash").list().ofMinSize(3).ofMaxSize(30);
    }

    @Property(tries = 8)
    void everyPublishedEventIsAcceptedExactlyOnce(@ForAll("steps") List<String> steps) throws Exception {
        int t = TRIES.incrementAndGet();
        Actor publisher = Actor.of("p" + t, "erp-sync");
        Actor receiver = Actor.of("c" + t, "oakit-sync");
        String q = rabbit.queue("p" + t, exchange, "p" + t + ".#");
        Broker broker = oa.service(Broker.class);
        ConsumerSpec spec = ConsumerSpec.of(q, "oakit").withReader(ConsumerTest.OAKIT_EVENTS).withPrefetch(2);
        ChangeConsumer consumer = broker.consume(receiver, spec);
        long accepted = 0;
        int published = 0;
        for (String s : steps) {
            switch (s) {
                case "publish" -> oa.service(Inbox.class).accept(publisher,
                        InboundEvent.ofVersion("erp", "purchase.order", "PO-" + published++, 1, null));
                case "cut" -> proxy.cut();
                default -> {
                    consumer.close();
                    accepted += consumer.accepted();
                    consumer = broker.consume(receiver, spec);
                }
            }
        }
        ChangeConsumer last = consumer;
        int n = published;
        String p = publisher.tenantId();
        await().atMost(Duration.ofSeconds(60)).until(() -> rabbit.ready(q) == 0
                && db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE tenant_id = '" + p + "' AND published_at IS NULL") == 0
                && db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = '" + receiver.tenantId() + "'") == n);
        last.close();
        accepted += last.accepted();
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE tenant_id = '" + p + "'")).isEqualTo(n);
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = '" + receiver.tenantId()
                + "' AND outcome = 'ACCEPTED'")).as("each event accepted once").isEqualTo(n);
        assertThat(accepted).isEqualTo(n);
    }
}
