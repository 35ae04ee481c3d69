package dev.oakit.erp.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.erp.spi.CallBudget;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Budget availability from Odoo's budgets ({@code account_budget}): the analytic account named as the
 * cost centre, then its {@code crossovered.budget.lines} whose period contains the day, of confirmed or
 * validated budgets. Expenses are planned as negative amounts in Odoo, so what is left is
 * |planned| − |practical|, summed over the lines.
 */
final class OdooBudgets {
    static final String ACCOUNT = "account.analytic.account";
    static final String LINES = "crossovered.budget.lines";

    private OdooBudgets() {
    }

    static Optional<BigDecimal> available(OdooRpc rpc, CallContext call, String costCentre, LocalDate on) throws RemoteCallException {
        CallBudget budget = CallBudget.of(call);
        JsonNode accounts = rpc.execute(budget.next(), ACCOUNT, "search", List.of(List.of(List.of("name", "=", costCentre))),
                Map.of("limit", 1));
        if (!accounts.isArray() || accounts.isEmpty()) {
            return Optional.empty();
        }
        String day = on.toString();
        JsonNode lines = rpc.execute(budget.next(), LINES, "search_read", List.of(List.of(
                        List.of("analytic_account_id", "=", accounts.get(0).asLong()),
                        List.of("date_from", "<=", day), List.of("date_to", ">=", day),
                        List.of("crossovered_budget_state", "in", List.of("confirm", "validate")))),
                Map.of("fields", List.of("planned_amount", "practical_amount")));
        if (!lines.isArray() || lines.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal left = BigDecimal.ZERO;
        for (JsonNode l : lines) {
            left = left.add(amount(l.path("planned_amount")).abs()).subtract(amount(l.path("practical_amount")).abs());
        }
        return Optional.of(left.setScale(2, RoundingMode.HALF_EVEN));
    }

    /** A monetary value as Odoo sends it (a float, or false when unset). */
    private static BigDecimal amount(JsonNode v) {
        return v.isNumber() ? v.decimalValue() : BigDecimal.ZERO;
    }
}
