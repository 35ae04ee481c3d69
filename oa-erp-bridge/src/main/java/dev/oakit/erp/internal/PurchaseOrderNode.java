package dev.oakit.erp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.erp.PurchaseOrder;
import dev.oakit.erp.PurchaseRequisition;
import dev.oakit.erp.RequisitionOrderStatus;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The requisition's order node: requests the purchase order as a remote write, its key fixed from the
 * tenant, the instance and the round, in one command that also records the round and schedules the
 * watch. Run again (a retried job, a second node), it finds the round under way and requests nothing.
 */
@Singleton
public final class PurchaseOrderNode implements ServiceTaskHandler {
    private final Commands commands;
    private final RequisitionRepository repo;
    private final RemoteWrites writes;
    private final BridgeTarget target;

    @Inject
    public PurchaseOrderNode(Commands commands, RequisitionRepository repo, RemoteWrites writes, BridgeTarget target) {
        this.commands = commands;
        this.repo = repo;
        this.writes = writes;
        this.target = target;
    }

    @Override
    public String id() {
        return PurchaseRequisition.ORDER_HANDLER;
    }

    @Override
    public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form, JsonNode params) {
        PurchaseOrder order = Requisitions.order(form, null);
        String connector = target.connector().id();
        commands.execute(new CommandSpec(Requisitions.system(tenantId), "erp.requisition.order", "process-instance",
                Long.toString(instanceId), null), Void.class, ctx -> {
            var latest = repo.latest(ctx.handle(), tenantId, instanceId);
            if (latest.isPresent() && Requisitions.active(latest.get().order().status())) {
                ctx.summary("requisition " + instanceId + " is ordered already (key '" + latest.get().order().key() + "')");
                return null;
            }
            int round = latest.map(r -> r.order().round() + 1).orElse(1);
            String key = Requisitions.key(tenantId, instanceId, round);
            writes.request(ctx.actor(), new NewRemoteWrite(connector, ErpConnector.PURCHASE_ORDER, key, Requisitions.localId(instanceId), order));
            repo.insert(ctx.handle(), tenantId, instanceId, round, connector, key, ctx.now());
            Requisitions.watch(ctx, instanceId, round, RequisitionOrderStatus.ORDERING);
            ctx.summary("requisition " + instanceId + " orders in " + target.connector().systemName() + " with key '" + key + "'");
            return null;
        });
        return Map.of();
    }
}
