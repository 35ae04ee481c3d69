package dev.oakit.erp;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.Connector;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;


/** OAKit with only the integration machinery and one connector: the connectors' failure tests drive real remote writes through it. */
public record ConnectorFixture(OaKit oa, RemoteWrites writes, String target) {
    public static final Actor SYSTEM = Actor.system("t1");
    /** Short timeouts and retries, so a commit-then-timeout knob of 3 s outlasts a call. */
    public static final Map<String, Object> FAST = Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.05S",
            "retryMax", "PT0.3S", "maxAttempts", 30);

    public static ConnectorFixture start(TestDatabase db, Connector connector) {
        OaPlugin plugin = new ConnectorPlugin("erp-test", connector);
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(plugin).config("integration", FAST));
        return new ConnectorFixture(oa, oa.service(RemoteWrites.class), connector.id());
    }

    public static PurchaseOrder order(String... items) {
        return new PurchaseOrder("Acme Supplies", "EUR", null, "Drills for the workshop",
                java.util.Arrays.stream(items).map(i -> new PurchaseOrder.Line(i, new BigDecimal("2"), new BigDecimal("40.00"))).toList());
    }

    public RemoteWrite request(String operation, String key, Object payload) {
        return writes.request(SYSTEM, new NewRemoteWrite(target, operation, key, null, payload));
    }

    public RemoteWrite await(RemoteWrite w, WriteStatus status) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40))
                    .until(() -> writes.get(SYSTEM, w.id()).orElseThrow().status() == status);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("write '" + w.key() + "' did not become " + status + ": " + writes.get(SYSTEM, w.id()).orElseThrow(), e);
        }
        return writes.get(SYSTEM, w.id()).orElseThrow();
    }

    public static List<String> keysOf(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(r -> String.valueOf(r.get(field))).toList();
    }
}
