package dev.oakit.erp.internal;

import dev.oakit.erp.spi.ErpConnector;

/** The connector the bridge's purchase orders go to, chosen when the plugin is configured. */
public record BridgeTarget(ErpConnector connector) {
}
