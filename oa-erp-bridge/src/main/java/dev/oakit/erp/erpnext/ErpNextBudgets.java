package dev.oakit.erp.erpnext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.erp.spi.CallBudget;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Budget availability from ERPNext, computed as its budget validation does (erpnext/accounts/doctype/budget): ERPNext
 * has no whitelisted method that answers it. The fiscal years containing the day, then the cost centre's submitted
 * {@code Budget}s of those years; each budget's {@code Budget Account} rows give the amounts, and the actual expense
 * is the sum of {@code debit - credit} over the cost centre's uncancelled {@code GL Entry} rows of those accounts
 * within the fiscal year. When a budget is applicable on purchase orders, what submitted, not closed orders of the
 * year still hold unbilled on those accounts and that cost centre counts as spent too, as ERPNext counts it when it
 * validates a new order. All reads go through the REST list and get endpoints; child cost centres are not included.
 */
final class ErpNextBudgets {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A GET of the connector, classified as its other calls are. */
    interface Get {
        JsonNode get(CallContext call, String path) throws RemoteCallException;
    }

    private ErpNextBudgets() {
    }

    static Optional<BigDecimal> available(Get http, CallContext call, String costCentre, LocalDate on) throws RemoteCallException {
        CallBudget budget = CallBudget.of(call);
        String day = on.toString();
        JsonNode years = list(http, budget, "Fiscal Year", List.of("name", "year_start_date", "year_end_date"), List.of(
                List.of("year_start_date", "<=", day), List.of("year_end_date", ">=", day), List.of("disabled", "=", 0)));
        if (years.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal left = BigDecimal.ZERO;
        boolean any = false;
        for (JsonNode year : years) {
            List<Object> between = List.of(year.path("year_start_date").asText(), year.path("year_end_date").asText());
            JsonNode budgets = list(http, budget, "Budget", List.of("name", "applicable_on_purchase_order"), List.of(
                    List.of("budget_against", "=", "Cost Center"), List.of("cost_center", "=", costCentre),
                    List.of("fiscal_year", "=", year.path("name").asText()), List.of("docstatus", "=", 1)));
            for (JsonNode b : budgets) {
                any = true;
                JsonNode doc = http.get(budget.next(), "/api/resource/Budget/" + ErpNextHttp.enc(b.path("name").asText())).path("data");
                Set<String> accounts = new HashSet<>();
                for (JsonNode row : doc.path("accounts")) {
                    accounts.add(row.path("account").asText());
                    left = left.add(row.path("budget_amount").decimalValue());
                }
                if (accounts.isEmpty()) {
                    continue;
                }
                for (JsonNode gl : list(http, budget, "GL Entry", List.of("debit", "credit"), List.of(
                        List.of("cost_center", "=", costCentre), List.of("account", "in", List.copyOf(accounts)),
                        List.of("is_cancelled", "=", 0), List.of("docstatus", "=", 1), List.of("posting_date", "between", between)))) {
                    left = left.subtract(gl.path("debit").decimalValue()).add(gl.path("credit").decimalValue());
                }
                if (b.path("applicable_on_purchase_order").asInt() == 1) {
                    left = left.subtract(ordered(http, budget, costCentre, accounts, between));
                }
            }
        }
        return any ? Optional.of(left.setScale(2, RoundingMode.HALF_EVEN)) : Optional.empty();
    }

    /** What the year's submitted, not closed purchase orders hold unbilled for the cost centre on the accounts. */
    private static BigDecimal ordered(Get http, CallBudget budget, String costCentre, Set<String> accounts, List<Object> between)
            throws RemoteCallException {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode po : list(http, budget, "Purchase Order", List.of("name"), List.of(List.of("docstatus", "=", 1),
                List.of("status", "!=", "Closed"), List.of("transaction_date", "between", between),
                List.of("Purchase Order Item", "cost_center", "=", costCentre)))) {
            JsonNode doc = http.get(budget.next(), "/api/resource/Purchase%20Order/" + ErpNextHttp.enc(po.path("name").asText())).path("data");
            for (JsonNode item : doc.path("items")) {
                if (costCentre.equals(item.path("cost_center").asText()) && accounts.contains(item.path("expense_account").asText())) {
                    sum = sum.add(item.path("amount").decimalValue().subtract(item.path("billed_amt").decimalValue()).max(BigDecimal.ZERO));
                }
            }
        }
        return sum;
    }

    private static JsonNode list(Get http, CallBudget budget, String doctype, List<String> fields, List<List<Object>> filters)
            throws RemoteCallException {
        JsonNode rows = http.get(budget.next(), "/api/resource/" + ErpNextHttp.enc(doctype) + "?fields=" + ErpNextHttp.enc(json(fields))
                + "&filters=" + ErpNextHttp.enc(json(filters)) + "&limit_page_length=0").path("data");
        return rows.isArray() ? rows : JSON.createArrayNode();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
