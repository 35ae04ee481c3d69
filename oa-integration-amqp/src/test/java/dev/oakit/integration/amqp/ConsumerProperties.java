package dev.oakit.integration.amqp;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random interleavings of publishing, duplicate deliveries, dropped connections and consumers that
 * crash before they ack (closed while messages are in flight; what they had not acked comes again).
 * Afterwards every delivery is recorded exactly once, the consumers' accepted messages are exactly the
 * inbox's accepted deliveries, each record holds its newest version, and the queue is empty. One OAKit
 * on H2 and the real RabbitMQ; one tenant and one queue per try.
 */
@AddLifecycleHook(RabbitRequired.class)
class ConsumerProperties {
    private static TestDatabase db;
    private static OaKit oa;
    private static TcpProxy proxy;
    private static final AtomicInteger TRIES = new AtomicInteger();

    record Step(String kind, int entity, int earlier) {
    }

    @BeforeContainer
    static void start() throws Exception {
        db = TestDatabase.open(TestDatabase.Kind.H2);
        proxy = new TcpProxy(Rabbit.host(), Rabbit.port());
        oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new AmqpPlugin())
                .config("amqp", Map.of("uri", proxy.uri())).config("core", Map.of("jobs", Map.of("enabled", false))));
    }

    @AfterContainer
    static void stop() throws Exception {
        oa.service(Broker.class).close();
        proxy.close();
        db.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of("send", "send", "send", "send", "duplicate", "duplicate", "cut", "crash"),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1000)).as(Step::new).list().ofMinSize(5).ofMaxSize(30);
    }

    @Property(tries = 12)
    void everyDeliveryIsRecordedOnceAndTheNewestVersionWins(@ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 5) int prefetch)
            throws Exception {
        try (Rabbit rabbit = Rabbit.require()) {
            int t = TRIES.incrementAndGet();
            Actor actor = Actor.of("p" + t, "erp-sync");
            String q = rabbit.queue("p" + t, null, null);
            Broker broker = oa.service(Broker.class);
            ConsumerSpec spec = ConsumerSpec.of(q, "erp").withPrefetch(prefetch);
            List<ChangeConsumer> consumers = new ArrayList<>();
            consumers.add(broker.consume(actor, spec));
            List<String[]> sent = new ArrayList<>(); // id, body
            Map<Integer, Integer> newest = new HashMap<>();
            for (Step s : steps) {
                switch (s.kind()) {
                    case "send" -> {
                        int v = newest.merge(s.entity(), 1, Integer::sum);
                        String id = "m-" + sent.size();
                        String body = "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-" + s.entity() + "\",\"version\":" + v + "}";
                        sent.add(new String[] {id, body});
                        rabbit.send(q, id, body);
                    }
                    case "duplicate" -> {
                        if (!sent.isEmpty()) {
                            String[] m = sent.get(s.earlier() % sent.size());
                            rabbit.send(q, m[0], m[1]);
                        }
                    }
                    case "cut" -> proxy.cut();
                    default -> { // the consumer dies with what it has not acked; another one takes over
                        consumers.get(consumers.size() - 1).close();
                        consumers.add(broker.consume(actor, spec));
                    }
                }
            }
            String tenant = actor.tenantId();
            await().atMost(Duration.ofSeconds(30)).until(() -> rabbit.ready(q) == 0
                    && db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = '" + tenant + "'") == sent.size());
            consumers.get(consumers.size() - 1).close(); // whatever was in flight is acked or back in the queue
            assertThat(rabbit.ready(q)).as("nothing left unacked").isZero();
            long accepted = consumers.stream().mapToLong(ChangeConsumer::accepted).sum();
            assertThat(accepted).as("consumers' accepted = the inbox's accepted deliveries")
                    .isEqualTo(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = '" + tenant + "' AND outcome = 'ACCEPTED'"));
            for (Map.Entry<Integer, Integer> e : newest.entrySet()) {
                assertThat(db.queryLong("SELECT remote_version FROM oa_int_inbox_entity WHERE tenant_id = '" + tenant + "' AND entity_id = 'PO-"
                        + e.getKey() + "'")).as("PO-" + e.getKey()).isEqualTo(e.getValue().longValue());
            }
        }
    }
}
