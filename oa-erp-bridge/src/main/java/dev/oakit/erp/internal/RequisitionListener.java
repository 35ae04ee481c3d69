package dev.oakit.erp.internal;

import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.erp.RequisitionOrderStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/**
 * Compensation: a requisition withdrawn, cancelled or rejected while its order is under way or done
 * has its order cancelled. Marks the round {@link RequisitionOrderStatus#CANCELLING} and schedules the
 * watch, which cancels once the order is confirmed. Idempotent: a repeated delivery finds the round moved.
 */
@Singleton
public final class RequisitionListener implements EventListener {
    private final Commands commands;
    private final RequisitionRepository repo;

    @Inject
    public RequisitionListener(Commands commands, RequisitionRepository repo) {
        this.commands = commands;
        this.repo = repo;
    }

    @Override
    public String id() {
        return "erp.requisition.compensation";
    }

    @Override
    public boolean accepts(String eventType) {
        return eventType.equals("wf.instance.ended") || eventType.equals("wf.instance.withdrawn");
    }

    @Override
    public void onEvent(DomainEvent event) {
        String reason = event.type().equals("wf.instance.withdrawn") ? "withdrawn"
                : event.payload().path("outcome").asText("").toLowerCase(Locale.ROOT);
        if (reason.equals("approved") || !"process-instance".equals(event.aggregateType())) {
            return;
        }
        String tenant = event.tenantId();
        long instanceId = Long.parseLong(event.aggregateId());
        var latest = commands.query(h -> repo.latest(h, tenant, instanceId));
        if (latest.isEmpty() || !Requisitions.active(latest.get().order().status())) {
            return; // not a requisition, or nothing ordered, or cancelled already
        }
        int round = latest.get().order().round();
        commands.execute(new CommandSpec(Requisitions.system(tenant), "erp.requisition.compensate", "process-instance",
                Long.toString(instanceId), null), Void.class, ctx -> {
            boolean moved = repo.move(ctx.handle(), tenant, instanceId, round, List.of(RequisitionOrderStatus.ORDERING,
                    RequisitionOrderStatus.ORDERED), RequisitionOrderStatus.CANCELLING, reason, null, ctx.now());
            if (moved) {
                Requisitions.watch(ctx, instanceId, round, RequisitionOrderStatus.CANCELLING);
            }
            ctx.summary(moved ? "requisition " + instanceId + " was " + reason + ": its purchase order '" + latest.get().order().key()
                    + "' is cancelled in the ERP" : "requisition " + instanceId + ": its order was being cancelled already");
            return null;
        });
    }
}
