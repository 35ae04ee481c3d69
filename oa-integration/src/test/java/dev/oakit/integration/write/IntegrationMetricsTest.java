package dev.oakit.integration.write;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationMetrics;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.TargetStats;
import dev.oakit.integration.WriteStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Per-target metrics: Micrometer meters on the node, and the same counts from the database. */
class IntegrationMetricsTest {
    static final Actor SYSTEM = Actor.system("t1");

    @DbTest
    void sentConfirmedUnknownDeadAndDeliveryTimesPerTarget(TestDatabase db) throws Exception {
        FakeOrders shop = db.closeLater(new FakeOrders());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin(registry)).plugin(new ConnectorPlugin("shop", new OrdersConnector(shop.uri())))
                .config("integration", Map.of("callTimeout", "PT1S", "lease", "PT2S", "retryInitial", "PT0.05S", "retryMax", "PT0.2S")));
        RemoteWrites writes = oa.service(RemoteWrites.class);
        IntegrationMetrics metrics = oa.service(IntegrationMetrics.class);
        assertThat(metrics.target(SYSTEM, "shop")).isEqualTo(new TargetStats("shop", 0, 0, 0, 0, 0, null, null));

        shop.script.add(FakeOrders.Mode.COMMIT_THEN_HANG);   // PR-1: sent, unknown, found: confirmed
        long first = writes.request(SYSTEM, order("PR-1")).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(SYSTEM, first).orElseThrow().status() == WriteStatus.CONFIRMED);
        shop.script.add(FakeOrders.Mode.INVALID);            // PR-2: sent, refused: dead
        long second = writes.request(SYSTEM, order("PR-2")).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(SYSTEM, second).orElseThrow().status() == WriteStatus.FAILED);
        long third = writes.request(SYSTEM, order("PR-3")).id();   // PR-3: sent, confirmed
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(SYSTEM, third).orElseThrow().status() == WriteStatus.CONFIRMED);

        TargetStats stats = metrics.target(SYSTEM, "shop");
        assertThat(stats.confirmed()).isEqualTo(2);
        assertThat(stats.dead()).isEqualTo(1);
        assertThat(stats.pending() + stats.sent() + stats.unknown()).isZero();
        assertThat(stats.maxDeliveryMillis()).isNotNull().isGreaterThanOrEqualTo(stats.averageDeliveryMillis());
        assertThat(metrics.targets(SYSTEM)).containsOnlyKeys("shop");
        assertThatThrownBy(() -> metrics.targets(Actor.of("t1", "bob"))).isInstanceOf(ForbiddenException.class);

        await().atMost(Duration.ofSeconds(5)).until(() -> count(registry, "oakit.integration.confirmed") == 2);
        assertThat(count(registry, "oakit.integration.sent")).isEqualTo(3);
        assertThat(count(registry, "oakit.integration.unknown")).isEqualTo(1);
        assertThat(count(registry, "oakit.integration.dead")).isEqualTo(1);
        assertThat(registry.get("oakit.integration.delivery").tag("target", "shop").timer().count()).isEqualTo(2);
        assertThat(registry.get("oakit.integration.call").tag("target", "shop").timers()).isNotEmpty();
    }

    static double count(SimpleMeterRegistry registry, String name) {
        return registry.find(name).tag("target", "shop").tag("operation", "order").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static NewRemoteWrite order(String key) {
        return new NewRemoteWrite("shop", "order", key, "pr-" + key, Map.of("amount", "10.00"));
    }
}
