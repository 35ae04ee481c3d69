package dev.oakit.integration.write;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A target's request budget is shared by every node on the database: two nodes together never call more than it allows per window. */
class RequestBudgetTest {
    static final Actor SYSTEM = Actor.system("t1");

    static OaKit node(TestDatabase db, javax.sql.DataSource ds, ManualClock clock, OrdersConnector connector) {
        OaPlugin shop = new ConnectorPlugin("shop", connector);
        return db.start(b -> b.dataSource(ds).clock(clock).plugin(new IntegrationPlugin()).plugin(shop)
                .config("integration", Map.of("callTimeout", "PT5S", "lease", "PT10S",
                        "targets", Map.of("shop", Map.of("requests", 3, "per", "PT1M")))));
    }

    @DbTest
    void twoNodesTogetherStayWithinTheBudgetAndTheRestWaitsForTheNextWindow(TestDatabase db) throws Exception {
        FakeOrders shop = db.closeLater(new FakeOrders());
        OrdersConnector connector = new OrdersConnector(shop.uri());
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:20Z"));
        OaKit a = node(db, db.dataSource(), clock, connector);
        OaKit b = node(db, db.newPool(4), clock, connector);
        RemoteWrites writesA = a.service(RemoteWrites.class);
        RemoteWrites writesB = b.service(RemoteWrites.class);
        IntStream.range(0, 5).forEach(i -> (i % 2 == 0 ? writesA : writesB)
                .request(SYSTEM, new NewRemoteWrite("shop", "order", "PR-" + i, null, Map.of("n", i))));

        await().atMost(Duration.ofSeconds(30)).until(() -> shop.posts.get() == 3);
        Thread.sleep(700);
        assertThat(shop.posts).as("the window's budget, for both nodes together").hasValue(3);
        assertThat(IntStream.range(0, 5).mapToObj(i -> writesA.byKey(SYSTEM, "shop", "order", "PR-" + i).orElseThrow().status()))
                .containsOnly(WriteStatus.CONFIRMED, WriteStatus.PENDING).filteredOn(s -> s == WriteStatus.PENDING).hasSize(2);

        clock.set(Instant.parse("2026-12-01T10:01:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, 5)
                .allMatch(i -> writesA.byKey(SYSTEM, "shop", "order", "PR-" + i).orElseThrow().status() == WriteStatus.CONFIRMED));
        assertThat(shop.posts).hasValue(5);
        assertThat(shop.orders).hasSize(5);
    }
}
