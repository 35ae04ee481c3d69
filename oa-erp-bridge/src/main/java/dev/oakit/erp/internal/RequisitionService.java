package dev.oakit.erp.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.spi.Commands;
import dev.oakit.erp.PurchaseRequisitions;
import dev.oakit.erp.RequisitionOrder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The {@link PurchaseRequisitions} facade: reads of the requisition table. */
@Singleton
public final class RequisitionService implements PurchaseRequisitions {
    private final Commands commands;
    private final RequisitionRepository repo;

    @Inject
    public RequisitionService(Commands commands, RequisitionRepository repo) {
        this.commands = commands;
        this.repo = repo;
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
}
