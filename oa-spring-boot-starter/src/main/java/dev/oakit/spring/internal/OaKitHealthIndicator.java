package dev.oakit.spring.internal;

import dev.oakit.core.OaKit;
import dev.oakit.core.ops.HealthCheck;
import dev.oakit.core.ops.HealthStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * OAKit's health check as Actuator reports it: {@code DOWN} stays down; {@code WARN} (some dead jobs, workers
 * disabled on this node) is reported {@code UP} with {@code oakit: WARN} in the details, since a node that warns
 * stays in rotation; each check appears as {@code name: STATUS detail}. Before OAKit starts or after it closes: DOWN.
 */
public final class OaKitHealthIndicator implements HealthIndicator {
    private final OaKit oaKit;

    public OaKitHealthIndicator(OaKit oaKit) {
        this.oaKit = oaKit;
    }

    @Override
    public Health health() {
        if (!oaKit.isRunning()) {
            return Health.down().withDetail("oakit", "not running").build();
        }
        dev.oakit.core.ops.Health h = oaKit.service(HealthCheck.class).check();
        Health.Builder b = h.status() == HealthStatus.DOWN ? Health.down() : Health.up();
        b.withDetail("oakit", h.status().name());
        h.checks().forEach((name, check) -> b.withDetail(name, check.status() + " " + check.detail()));
        return b.build();
    }
}
