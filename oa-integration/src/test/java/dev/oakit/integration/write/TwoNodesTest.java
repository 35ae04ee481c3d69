package dev.oakit.integration.write;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two OAKit nodes on one database deliver writes to a remote that often commits and then fails
 * (502, dropped connection), while one node stops half-way: every write ends with exactly one
 * remote document.
 */
class TwoNodesTest {
    static final Actor SYSTEM = Actor.system("t1");
    static final int WRITES = 24;

    static OaKit node(TestDatabase db, DataSource ds, OrdersConnector connector) {
        OaPlugin shop = new ConnectorPlugin("shop", connector);
        // short leases and polls so that node B takes node A's writes over soon; the circuit breaker (its own tests
        // cover it) kept out of the way, so that the failures the remote is scripted with are retried, not held back
        return db.start(b -> b.dataSource(ds).plugin(new IntegrationPlugin()).plugin(shop)
                .config("core", Map.of("jobs", Map.of("lease", "PT2S", "pollInterval", "PT0.05S")))
                .config("integration", Map.of("callTimeout", "PT1S", "lease", "PT2S", "retryInitial", "PT0.05S", "retryMax", "PT0.3S",
                        "targets", Map.of("shop", Map.of("failureRate", 100, "minimumCalls", 100, "openFor", "PT1S")))));
    }

    @DbTest
    void everyWriteHasExactlyOneRemoteDocument(TestDatabase db) throws Exception {
        FakeOrders shop = db.closeLater(new FakeOrders());
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < WRITES; i++) {
            shop.script.add(switch (i % 3) {
                case 0 -> FakeOrders.Mode.COMMIT_THEN_502;
                case 1 -> FakeOrders.Mode.COMMIT_THEN_RESET;
                default -> FakeOrders.Mode.TOO_MANY;
            });
        }
        OrdersConnector connector = new OrdersConnector(shop.uri());
        OaKit a = node(db, db.newPool(4), connector);
        OaKit b = node(db, db.newPool(4), connector);
        RemoteWrites writesA = a.service(RemoteWrites.class);
        RemoteWrites writesB = b.service(RemoteWrites.class);
        IntStream.range(0, WRITES).forEach(i -> (i % 2 == 0 ? writesA : writesB)
                .request(SYSTEM, new NewRemoteWrite("shop", "order", "K-" + i, null, Map.of("n", n.incrementAndGet()))));
        await().atMost(Duration.ofSeconds(60)).until(() -> shop.posts.get() >= WRITES / 2);
        a.close(); // node A stops half-way; node B finishes A's writes

        await().atMost(Duration.ofSeconds(240)).until(() -> IntStream.range(0, WRITES)
                .allMatch(i -> writesB.byKey(SYSTEM, "shop", "order", "K-" + i).orElseThrow().status() == WriteStatus.CONFIRMED));
        assertThat(shop.createdPerKey).hasSize(WRITES);
        assertThat(shop.createdPerKey.values()).allSatisfy(c -> assertThat(c).hasValue(1));
        IntStream.range(0, WRITES).forEach(i -> assertThat(writesB.byKey(SYSTEM, "shop", "order", "K-" + i).orElseThrow().remoteId())
                .isEqualTo(shop.orders.get("K-" + i)));
    }
}
