package dev.oakit.erp.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.erp.ErpErrors;
import dev.oakit.erp.PurchaseRequisitions;
import dev.oakit.erp.RequisitionOrder;
import dev.oakit.erp.RequisitionOrderStatus;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The {@link PurchaseRequisitions} facade: reads of the requisition table, and ordering again after a refusal. */
@Singleton
public final class RequisitionService implements PurchaseRequisitions {
    private final Commands commands;
    private final RequisitionRepository repo;
    private final RemoteWrites writes;

    @Inject
    public RequisitionService(Commands commands, RequisitionRepository repo, RemoteWrites writes) {
        this.commands = commands;
        this.repo = repo;
        this.writes = writes;
    }

    @Override
    public Optional<RequisitionOrder> order(Actor actor, long instanceId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> repo.latest(h, actor.tenantId(), instanceId)).map(RequisitionRepository.Row::order);
    }

    @Override
    public List<RequisitionOrder> orders(Actor actor, long instanceId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> repo.all(h, actor.tenantId(), instanceId)).stream().map(RequisitionRepository.Row::order).toList();
    }

    @Override
    public RequisitionOrder retry(Actor admin, long instanceId) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("order a refused requisition again");
        return commands.execute(new CommandSpec(admin, "erp.requisition.retry", "process-instance", Long.toString(instanceId), null),
                RequisitionOrder.class, ctx -> {
                    RequisitionRepository.Row row = repo.latest(ctx.handle(), ctx.tenantId(), instanceId)
                            .orElseThrow(() -> new NotFoundException(ErpErrors.NOT_ORDERED, "requisition " + instanceId
                                    + " was never ordered; only an approved requisition has an order to retry"));
                    RequisitionOrder o = row.order();
                    if (o.status() != RequisitionOrderStatus.ORDER_FAILED) {
                        throw new ConflictException(ErpErrors.NOT_REFUSED, "the order '" + o.key() + "' of requisition " + instanceId
                                + " is " + o.status() + ", not ORDER_FAILED; only a refused order is ordered again");
                    }
                    RemoteWrite w = writes.byKey(ctx.actor(), o.target(), row.operation(), o.key()).orElseThrow();
                    writes.replay(ctx.actor(), java.util.List.of(w.id()));
                    repo.move(ctx.handle(), ctx.tenantId(), instanceId, o.round(), java.util.List.of(RequisitionOrderStatus.ORDER_FAILED),
                            RequisitionOrderStatus.ORDERING, null, null, ctx.now());
                    Requisitions.watch(ctx, instanceId, o.round(), RequisitionOrderStatus.ORDERING);
                    ctx.summary("requisition " + instanceId + " orders '" + o.key() + "' again (dead letter " + w.id() + " replayed)");
                    return repo.get(ctx.handle(), ctx.tenantId(), instanceId, o.round()).orElseThrow().order();
                });
    }
}
