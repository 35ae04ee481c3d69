package dev.oakit.erp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.erp.PurchaseRequisition;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.mapping.Mappings;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The requisition's order node: requests the purchase order, keyed {@code OA-<tenant>-PR-<instance>[-R<round>]}, unless the
 * connector's purchase-order mapping is quarantined.
 */
@Singleton
public final class PurchaseOrderNode implements ServiceTaskHandler {
    private final DocumentRequests requests;
    private final Mappings mappings;
    private final BridgeTarget target;

    @Inject
    public PurchaseOrderNode(DocumentRequests requests, Mappings mappings, BridgeTarget target) {
        this.requests = requests;
        this.mappings = mappings;
        this.target = target;
    }

    @Override
    public String id() {
        return PurchaseRequisition.ORDER_HANDLER;
    }

    @Override
    public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form, JsonNode params) {
        // a quarantined order mapping stops the node here (an incident with the report), before anything is requested
        target.orderMapping().ifPresent(id -> mappings.usable(Requisitions.system(tenantId), id));
        requests.request(tenantId, instanceId, "erp.requisition.order", ErpConnector.PURCHASE_ORDER,
                round -> Requisitions.key(tenantId, instanceId, round), Requisitions.order(form, null));
        return Map.of();
    }
}
