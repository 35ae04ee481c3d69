package dev.oakit.erp.internal;

import dev.oakit.erp.spi.ErpConnector;

import java.util.Optional;

/**
 * The connector the bridge's purchase orders go to, chosen when the plugin is configured.
 *
 * @param orderMapping the id of the connector's purchase-order mapping, checked before an order is requested; empty when it has none
 */
public record BridgeTarget(ErpConnector connector, Optional<String> orderMapping) {
    /** @return the target, with its connector's purchase-order mapping */
    public static BridgeTarget of(ErpConnector connector) {
        return new BridgeTarget(connector, connector.purchaseOrderMapping().map(dev.oakit.integration.mapping.FieldMapping::id));
    }
}
