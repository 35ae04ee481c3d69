package dev.oakit.fakes.erpnext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ERPNext rules the fake follows for each DocType: defaults and computed fields (a DocType's
 * {@code before_validate} / {@code set_missing_values}, totals, status) and its own {@code validate()} (the
 * Journal Entry balance, the armed line rules).
 */
final class ErpNextRules {
    private final Function<String, Map<String, Map<String, Object>>> tables;
    private final String defaultCompany;
    private final Clock clock;
    private final Function<String, Optional<String>> lineErrors;

    ErpNextRules(Function<String, Map<String, Map<String, Object>>> tables, String defaultCompany, Clock clock,
                 Function<String, Optional<String>> lineErrors) {
        this.tables = tables;
        this.defaultCompany = defaultCompany;
        this.clock = clock;
        this.lineErrors = lineErrors;
    }

    private String today() {
        return LocalDate.now(clock).toString();
    }

    @SuppressWarnings("unchecked")
    void defaults(DocTypes.DocType d, Map<String, Object> doc) {
        switch (d.name()) {
            case "Supplier" -> {
                doc.putIfAbsent("supplier_group", "All Supplier Groups");
                doc.putIfAbsent("supplier_type", "Company");
                doc.putIfAbsent("disabled", 0);
            }
            case "Item" -> {
                doc.putIfAbsent("item_name", doc.get("item_code"));
                doc.putIfAbsent("item_group", "All Item Groups");
                doc.putIfAbsent("stock_uom", "Nos");
                doc.putIfAbsent("is_stock_item", 1);
                doc.putIfAbsent("disabled", 0);
            }
            case "Project" -> {
                doc.putIfAbsent("status", "Open");
                doc.putIfAbsent("company", defaultCompany);
            }
            case "Employee" -> {
                doc.putIfAbsent("company", defaultCompany);
                doc.putIfAbsent("status", "Active");
                doc.putIfAbsent("date_of_joining", today());
                doc.put("employee_name", doc.get("last_name") == null ? doc.get("first_name") : doc.get("first_name") + " " + doc.get("last_name"));
            }
            case "Bin" -> {
                doc.putIfAbsent("actual_qty", 0.0);
                doc.putIfAbsent("reserved_qty", 0.0);
                doc.putIfAbsent("ordered_qty", 0.0);
                doc.put("projected_qty", num(doc.get("actual_qty")) + num(doc.get("ordered_qty")) - num(doc.get("reserved_qty")));
                Map<String, Object> item = doc.get("item_code") == null ? null : tables.apply("Item").get(String.valueOf(doc.get("item_code")));
                if (item != null) {
                    doc.putIfAbsent("stock_uom", item.get("stock_uom"));
                }
            }
            case "Cost Center" -> {
                doc.putIfAbsent("company", defaultCompany);
                doc.putIfAbsent("is_group", 0);
            }
            case "Purchase Order" -> {
                doc.putIfAbsent("naming_series", "PUR-ORD-.YYYY.-");
                doc.putIfAbsent("company", defaultCompany);
                doc.putIfAbsent("transaction_date", today());
                doc.putIfAbsent("currency", "EUR");
                Map<String, Object> supplier = doc.get("supplier") == null ? null : tables.apply("Supplier").get(String.valueOf(doc.get("supplier")));
                if (supplier != null) {
                    doc.put("supplier_name", supplier.get("supplier_name"));
                }
                double qty = 0;
                double total = 0;
                String earliest = null;
                for (Map<String, Object> row : (List<Map<String, Object>>) doc.getOrDefault("items", List.of())) {
                    Map<String, Object> item = row.get("item_code") == null ? null : tables.apply("Item").get(String.valueOf(row.get("item_code")));
                    if (item != null) {
                        row.putIfAbsent("item_name", item.get("item_name"));
                        row.putIfAbsent("uom", item.get("stock_uom"));
                    }
                    row.putIfAbsent("conversion_factor", 1.0);
                    row.putIfAbsent("rate", 0.0);
                    row.putIfAbsent("received_qty", 0.0);
                    row.putIfAbsent("billed_amt", 0.0);
                    Object sd = row.get("schedule_date") != null ? row.get("schedule_date")
                            : doc.get("schedule_date") != null ? doc.get("schedule_date") : doc.get("transaction_date");
                    row.put("schedule_date", sd);
                    earliest = earliest == null || String.valueOf(sd).compareTo(earliest) < 0 ? String.valueOf(sd) : earliest;
                    double amount = round(num(row.get("qty")) * num(row.get("rate")));
                    row.put("amount", amount);
                    qty += num(row.get("qty"));
                    total += amount;
                }
                if (doc.get("schedule_date") == null) {
                    doc.put("schedule_date", earliest);
                }
                doc.put("total_qty", qty);
                doc.put("total", round(total));
                doc.put("grand_total", round(total));
                doc.putIfAbsent("per_received", 0.0);
                doc.put("status", status(doc.get("docstatus")));
            }
            case "Fiscal Year" -> doc.putIfAbsent("disabled", 0);
            case "Budget" -> {
                doc.putIfAbsent("budget_against", "Cost Center");
                doc.putIfAbsent("company", defaultCompany);
                if (num(doc.get("applicable_on_material_request")) == 0 && num(doc.get("applicable_on_purchase_order")) == 0) {
                    doc.put("applicable_on_booking_actual_expenses", 1); // Budget.validate_applicable_for
                }
                doc.putIfAbsent("action_if_annual_budget_exceeded", "Stop");
            }
            case "GL Entry" -> {
                doc.putIfAbsent("company", defaultCompany);
                doc.putIfAbsent("is_cancelled", 0);
                doc.putIfAbsent("debit", 0.0);
                doc.putIfAbsent("credit", 0.0);
            }
            case "Journal Entry" -> {
                doc.putIfAbsent("naming_series", "ACC-JV-.YYYY.-");
                doc.putIfAbsent("voucher_type", "Journal Entry");
                doc.putIfAbsent("company", defaultCompany);
                doc.putIfAbsent("posting_date", today());
                double debit = 0;
                double credit = 0;
                for (Map<String, Object> row : (List<Map<String, Object>>) doc.getOrDefault("accounts", List.of())) {
                    row.putIfAbsent("debit_in_account_currency", 0.0);
                    row.putIfAbsent("credit_in_account_currency", 0.0);
                    debit += num(row.get("debit_in_account_currency"));
                    credit += num(row.get("credit_in_account_currency"));
                }
                doc.put("total_debit", round(debit));
                doc.put("total_credit", round(credit));
            }
            default -> {
            }
        }
    }

    /** The DocType's own validate(): ERPNext rules the fake follows, and the armed line rules. */
    @SuppressWarnings("unchecked")
    void validate(DocTypes.DocType d, Map<String, Object> doc) {
        if (d.name().equals("Purchase Order")) {
            for (Map<String, Object> row : (List<Map<String, Object>>) doc.getOrDefault("items", List.of())) {
                Object code = row.get("item_code");
                Optional<String> error = code == null ? Optional.empty() : lineErrors.apply(String.valueOf(code));
                if (error.isPresent()) {
                    throw FrappeError.validation("Row #" + row.get("idx") + ": " + error.get());
                }
            }
        }
        if (d.name().equals("Budget")) {
            budget(doc);
        }
        if (d.name().equals("Journal Entry") && num(doc.get("total_debit")) != num(doc.get("total_credit"))) {
            throw FrappeError.validation("Total Debit must be equal to Total Credit. The difference is "
                    + String.format(java.util.Locale.ROOT, "%.2f", num(doc.get("total_debit")) - num(doc.get("total_credit"))));
        }
    }

    /** Budget.validate: the budget-against field set, each account once, no other budget of the same account and year. */
    @SuppressWarnings("unchecked")
    private void budget(Map<String, Object> doc) {
        String against = String.valueOf(doc.get("budget_against"));
        String field = against.toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
        if (doc.get(field) == null) {
            throw FrappeError.validation(against + " is mandatory");
        }
        java.util.Set<String> accounts = new java.util.HashSet<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) doc.getOrDefault("accounts", List.of())) {
            if (!accounts.add(String.valueOf(row.get("account")))) {
                throw FrappeError.validation("Account " + row.get("account") + " has been entered multiple times");
            }
        }
        for (Map<String, Object> other : tables.apply("Budget").values()) {
            if (other.get("name").equals(doc.get("name")) || num(other.get("docstatus")) == 2
                    || !String.valueOf(other.get(field)).equals(String.valueOf(doc.get(field)))
                    || !String.valueOf(other.get("fiscal_year")).equals(String.valueOf(doc.get("fiscal_year")))) {
                continue;
            }
            for (Map<String, Object> row : (List<Map<String, Object>>) other.getOrDefault("accounts", List.of())) {
                if (accounts.contains(String.valueOf(row.get("account")))) {
                    throw FrappeError.raised("DuplicateBudgetError", 417, "Another Budget record '" + other.get("name") + "' already exists against "
                            + against + " '" + doc.get(field) + "' and account '" + row.get("account") + "' for fiscal year " + doc.get("fiscal_year"));
                }
            }
        }
    }

    /** erpnext's set_status for a Purchase Order that nothing was received or billed for. */
    static String status(Object docstatus) {
        int d = docstatus instanceof Number n ? n.intValue() : 0;
        return d == 0 ? "Draft" : d == 1 ? "To Receive and Bill" : "Cancelled";
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0.0;
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
