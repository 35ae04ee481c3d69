package dev.oakit.erp;

import org.apiguardian.api.API;

import java.time.Duration;

/**
 * Configuration of the ERP bridge, from the {@code erp} namespace. Every component may be null for its default.
 *
 * @param target the connector purchase orders go to; default: the only connector given to the plugin
 * @param watchEvery how soon the bridge looks again at an order or a cancellation under way, doubling up to
 *     five minutes (default 5 s)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ErpBridgeConfig(String target, Duration watchEvery) {
    /** Fills defaults and checks values. */
    public ErpBridgeConfig {
        watchEvery = watchEvery == null ? Duration.ofSeconds(5) : watchEvery;
        if (watchEvery.toMillis() < 10 || watchEvery.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("erp.watchEvery must be 10 ms to 5 minutes, was " + watchEvery);
        }
    }
}
