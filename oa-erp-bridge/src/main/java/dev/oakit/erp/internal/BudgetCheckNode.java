package dev.oakit.erp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.ValidationException;
import dev.oakit.erp.BudgetCheck;
import dev.oakit.erp.PurchaseOrder;
import dev.oakit.erp.spi.BudgetSource;
import dev.oakit.integration.RemoteReads;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The budget check node: asks the ERP, outside any transaction and within the node's timeout, whether the
 * cost centre's budget covers the amount; answers {@code ENOUGH}, {@code NOT_ENOUGH} or {@code NO_ANSWER}
 * (the fallback route), with the reason, in the form and the timeline. It never throws for the ERP's
 * failures: a route is always taken.
 */
@Singleton
public final class BudgetCheckNode implements ServiceTaskHandler {
    private final RemoteReads reads;
    private final BridgeTarget target;
    private final Provider<Approvals> approvals; // lazily: the workflow's services need the service handlers
    private final Clock clock;

    @Inject
    public BudgetCheckNode(RemoteReads reads, BridgeTarget target, Provider<Approvals> approvals, Clock clock) {
        this.reads = reads;
        this.target = target;
        this.approvals = approvals;
        this.clock = clock;
    }

    @Override
    public String id() {
        return BudgetCheck.HANDLER;
    }

    @Override
    public boolean runsInTransaction() {
        return false;
    }

    @Override
    public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form, JsonNode params) {
        String costCentre = text(form.get(param(params, "costCentreField", "costCentre")));
        String amountField = param(params, "amountField", null);
        BigDecimal amount = amountField == null ? total(form) : amount(form, amountField);
        Duration timeout = timeout(params);
        Map<String, Object> out = new LinkedHashMap<>();
        String system = target.connector().systemName();
        if (costCentre == null) {
            answer(out, BudgetCheck.NO_ANSWER, null, "no cost centre given; the budget was not checked");
        } else if (!(target.connector() instanceof BudgetSource source)) {
            answer(out, BudgetCheck.NO_ANSWER, null, "the connector '" + target.connector().id() + "' cannot check budgets");
        } else {
            LocalDate today = LocalDate.now(clock);
            try {
                Optional<BigDecimal> left = reads.read(Requisitions.system(tenantId), target.connector().id(), "budget", timeout,
                        call -> source.budgetAvailable(call, costCentre, today));
                if (left.isEmpty()) {
                    answer(out, BudgetCheck.NOT_ENOUGH, null, system + " holds no budget for cost centre '" + costCentre + "' on " + today);
                } else if (left.get().compareTo(amount) >= 0) {
                    answer(out, BudgetCheck.ENOUGH, left.get(), "cost centre '" + costCentre + "' has " + left.get().toPlainString()
                            + " left in " + system + ", enough for " + amount.toPlainString());
                } else {
                    answer(out, BudgetCheck.NOT_ENOUGH, left.get(), "cost centre '" + costCentre + "' has " + left.get().toPlainString()
                            + " left in " + system + ", less than " + amount.toPlainString());
                }
            } catch (RemoteCallException e) {
                answer(out, BudgetCheck.NO_ANSWER, null, system + " did not answer within " + timeout + ": " + e.getMessage());
            }
        }
        approvals.get().comment(Requisitions.system(tenantId), instanceId, Decision.comment(clip("Budget check: "
                + out.get(BudgetCheck.FIELD) + " — " + out.get(BudgetCheck.REASON_FIELD))));
        return out;
    }

    private static void answer(Map<String, Object> out, String answer, BigDecimal left, String reason) {
        out.put(BudgetCheck.FIELD, answer);
        if (left != null) {
            out.put(BudgetCheck.AVAILABLE_FIELD, left.toPlainString());
        }
        out.put(BudgetCheck.REASON_FIELD, clip(reason));
    }

    private static String clip(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static BigDecimal total(Map<String, Object> form) {
        BigDecimal sum = BigDecimal.ZERO;
        for (PurchaseOrder.Line l : Requisitions.lines(form)) {
            sum = sum.add(l.quantity().multiply(l.unitPrice()));
        }
        return sum;
    }

    private static BigDecimal amount(Map<String, Object> form, String field) {
        try {
            return new BigDecimal(String.valueOf(form.get(field)));
        } catch (NumberFormatException e) {
            throw ValidationException.of(field, "is '" + form.get(field) + "', not an amount; the budget check needs a number there");
        }
    }

    private static Duration timeout(JsonNode params) {
        String t = param(params, "timeout", null);
        try {
            Duration d = t == null ? BudgetCheck.DEFAULT_TIMEOUT : Duration.parse(t);
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", t, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ValidationException.of("params.timeout", "of the budget check node is '" + t
                    + "'; give a positive ISO-8601 duration such as PT5S");
        }
    }

    private static String param(JsonNode params, String name, String otherwise) {
        return params != null && params.path(name).isTextual() ? params.get(name).asText() : otherwise;
    }

    private static String text(Object v) {
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }
}
