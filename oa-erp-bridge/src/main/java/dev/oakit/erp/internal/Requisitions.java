package dev.oakit.erp.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.erp.PurchaseOrder;
import dev.oakit.erp.RequisitionOrderStatus;
import dev.oakit.erp.spi.ErpConnector;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the bridge's parts share: the key of a round, the order a form becomes, scheduling the watch. */
final class Requisitions {
    private Requisitions() {
    }

    /** @return the key of a round: tenant and instance, and the round after the first */
    static String key(String tenant, long instanceId, int round) {
        return "OA-" + tenant + "-PR-" + instanceId + (round > 1 ? "-R" + round : "");
    }

    static String localId(long instanceId) {
        return "wf-instance-" + instanceId;
    }

    /** Schedules a look at a round, once per status it is in. */
    static void watch(CommandContext ctx, long instanceId, int round, RequisitionOrderStatus status) {
        ctx.schedule(JobRequest.of(RequisitionWatchJob.TYPE, Map.of("instanceId", instanceId, "round", round)).at(ctx.now())
                .dedupe(RequisitionWatchJob.TYPE + ":" + instanceId + ":" + round + ":" + status.name()));
    }

    static Actor system(String tenant) {
        return Actor.system(tenant);
    }

    /** @return the order the requisition's form asks for */
    static PurchaseOrder order(Map<String, Object> form, String title) {
        return new PurchaseOrder(text(form.get("vendor")), text(form.get("currency")), text(form.get("costCentre")), title, lines(form));
    }

    /** @return the requisition form's lines */
    static List<PurchaseOrder.Line> lines(Map<String, Object> form) {
        List<PurchaseOrder.Line> lines = new ArrayList<>();
        if (form.get("lines") instanceof List<?> rows) {
            for (Object o : rows) {
                if (o instanceof Map<?, ?> row) {
                    lines.add(new PurchaseOrder.Line(String.valueOf(row.get("item")), decimal(row.get("quantity"), "quantity"),
                            decimal(row.get("unitPrice"), "unitPrice")));
                }
            }
        }
        return lines;
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static BigDecimal decimal(Object v, String field) {
        try {
            return new BigDecimal(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw ValidationException.of("lines." + field, "must be a number, was '" + v + "'");
        }
    }

    static boolean active(RequisitionOrderStatus s) {
        return s == RequisitionOrderStatus.ORDERING || s == RequisitionOrderStatus.ORDERED;
    }

    static String operationOf(boolean cancel) {
        return cancel ? ErpConnector.PURCHASE_ORDER_CANCEL : ErpConnector.PURCHASE_ORDER;
    }
}
