package dev.oakit.erp;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.oakit.erp.BridgeFixture.ADMIN;
import static dev.oakit.erp.BridgeFixture.ALICE;
import static dev.oakit.testing.OaAssertions.assertThatInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The budget check in the requisition's route, against the fake Odoo: the cost centre 'Workshop' has 1,000 planned
 * and 900 spent, so 100 left. Enough → the manager approves; not enough → rejected; the ERP timing out, failing with
 * 5xx, or its circuit open → the declared fallback route (finance checks by hand), each with its reason in the
 * form and the timeline.
 */
class BudgetCheckFlowTest {
    @DbTest
    void theBudgetAnswerChoosesTheRouteAndNoAnswerTakesTheFallback(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.odoo(db);
        FakeOdoo odoo = (FakeOdoo) erp.server();
        long workshop = odoo.create("account.analytic.account", Map.of("name", "Workshop"));
        LocalDate today = LocalDate.now();
        long budget = odoo.create("crossovered.budget", Map.of("name", "Budget " + today.getYear(), "date_from",
                today.minusMonths(6).toString(), "date_to", today.plusMonths(6).toString(), "state", "validate"));
        odoo.create("crossovered.budget.lines", Map.of("crossovered_budget_id", budget, "analytic_account_id", workshop,
                "date_from", today.minusMonths(6).toString(), "date_to", today.plusMonths(6).toString(),
                "planned_amount", -1000.0, "practical_amount", -900.0, "crossovered_budget_state", "validate"));
        BridgeFixture f = BridgeFixture.start(db, null, erp, b -> b
                .config("integration", Map.of("targets", Map.of("odoo", Map.of("failureRate", 100, "minimumCalls", 2, "openFor", "PT10M")))));
        f.oa.service(ProcessDefinitions.class).deploy(ADMIN, BudgetCheck.requisition(Duration.ofSeconds(1)));

        // 2 × 40.50 = 81.00 of 100.00 left: enough, on to the manager
        long enough = start(f, "2");
        f.kit.as("bob").awaitOpenTask(enough, BridgeFixture.WAIT);
        assertThat(form(f, enough)).containsEntry(BudgetCheck.FIELD, BudgetCheck.ENOUGH).containsEntry(BudgetCheck.AVAILABLE_FIELD, "100.00");
        assertThatInstance(f.kit, enough).hasTimelineComment("Budget check: ENOUGH", "100.00 left in Odoo");

        // 3 × 40.50 = 121.50: not enough, rejected
        long tooMuch = start(f, "3");
        await().atMost(Duration.ofSeconds(30)).until(() -> instance(f, tooMuch).status() == InstanceStatus.REJECTED);
        assertThat(form(f, tooMuch)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NOT_ENOUGH);
        assertThatInstance(f.kit, tooMuch).hasTimelineComment("less than 121.50");

        // Odoo answers after 3 s, the check waits 1 s: the fallback route
        odoo.failures().responseDelay(Duration.ofSeconds(3)).nextCall("search", Failure.COMMIT_THEN_TIMEOUT);
        long late = start(f, "1");
        f.kit.as("fay").awaitOpenTask(late, BridgeFixture.WAIT);
        assertThat(form(f, late)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NO_ANSWER).doesNotContainKey(BudgetCheck.AVAILABLE_FIELD);
        assertThat((String) form(f, late).get(BudgetCheck.REASON_FIELD)).startsWith("Odoo did not answer within PT1S");

        // a burst of 5xx: the fallback route, and with it the circuit opens (two failed calls of two)
        odoo.failures().nextCalls(3, Failure.SERVER_ERROR);
        long failing = start(f, "1");
        f.kit.as("fay").awaitOpenTask(failing, BridgeFixture.WAIT);
        assertThat(form(f, failing)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NO_ANSWER);
        odoo.failures().clear();

        // Odoo is well again, but the circuit is open: nothing is sent, the fallback route at once
        long calls = odoo.calls().size();
        long held = start(f, "1");
        f.kit.as("fay").awaitOpenTask(held, BridgeFixture.WAIT);
        assertThat((String) form(f, held).get(BudgetCheck.REASON_FIELD)).contains("circuit").contains("open");
        assertThat(odoo.calls()).hasSize((int) calls);
        assertThatInstance(f.kit, held).hasTimelineComment("Budget check: NO_ANSWER");
    }

    /**
     * The same route against the fake ERPNext, whose budget is computed as ERPNext's budget validation does: the
     * 'Workshop - AC' budget of the fiscal year has 1,000 on account 'Tools - AC'; the ledger holds 950 of expense on it
     * (a Journal Entry of 1,000 and a credit note of 50) and a cancelled entry that no longer counts; another cost
     * centre's spend and last year's are not this budget's. A submitted order of 30 unbilled counts once the budget
     * is applicable on purchase orders.
     */
    @DbTest
    void erpNextBudgetIsTheBudgetLessTheLedgerAndNoAnswerTakesTheFallback(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.erpNext(db);
        FakeErpNext next = (FakeErpNext) erp.server();
        int year = LocalDate.now().getYear();
        next.insert("Cost Center", Map.of("cost_center_name", "Workshop", "parent_cost_center", "Acme Corp - AC"));
        next.insert("Cost Center", Map.of("cost_center_name", "Depot", "parent_cost_center", "Acme Corp - AC"));
        next.insert("Fiscal Year", Map.of("year", String.valueOf(year), "year_start_date", year + "-01-01", "year_end_date", year + "-12-31"));
        next.insert("Fiscal Year", Map.of("year", String.valueOf(year - 1), "year_start_date", (year - 1) + "-01-01",
                "year_end_date", (year - 1) + "-12-31"));
        String budget = next.insert("Budget", Map.of("cost_center", "Workshop - AC", "fiscal_year", String.valueOf(year), "docstatus", 1,
                "accounts", List.of(Map.of("account", "Tools - AC", "budget_amount", 1000.0))));
        journal(next, year + "-01-15", "Workshop - AC", 1000.0, 0.0);
        journal(next, year + "-01-20", "Workshop - AC", 0.0, 50.0);
        journal(next, (year - 1) + "-12-20", "Workshop - AC", 400.0, 0.0);
        journal(next, year + "-01-20", "Depot - AC", 400.0, 0.0);
        String cancelled = journal(next, year + "-01-21", "Workshop - AC", 500.0, 0.0);
        cancel(next, cancelled);
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        f.oa.service(ProcessDefinitions.class).deploy(ADMIN, BudgetCheck.requisition(Duration.ofSeconds(1)));

        // 1 × 40.50 of 50.00 left: enough
        long enough = start(f, "1", "Workshop - AC");
        await().atMost(Duration.ofSeconds(30)).until(() -> form(f, enough).containsKey(BudgetCheck.FIELD));
        f.kit.as("bob").awaitOpenTask(enough, BridgeFixture.WAIT);
        assertThat(form(f, enough)).containsEntry(BudgetCheck.FIELD, BudgetCheck.ENOUGH).containsEntry(BudgetCheck.AVAILABLE_FIELD, "50.00");
        assertThatInstance(f.kit, enough).hasTimelineComment("50.00 left in ERPNext");

        // 2 × 40.50 = 81.00: not enough, rejected
        long tooMuch = start(f, "2", "Workshop - AC");
        await().atMost(Duration.ofSeconds(30)).until(() -> instance(f, tooMuch).status() == InstanceStatus.REJECTED);
        assertThat(form(f, tooMuch)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NOT_ENOUGH).containsEntry(BudgetCheck.AVAILABLE_FIELD, "50.00");

        // a budget applicable on purchase orders counts what submitted orders hold unbilled: 50 - 30 = 20 left
        next.insert("Purchase Order", Map.of("supplier", "Acme Supplies", "docstatus", 1, "items", List.of(Map.of("item_code", "DR-1",
                "qty", 1.0, "rate", 30.0, "cost_center", "Workshop - AC", "expense_account", "Tools - AC", "schedule_date", year + "-12-01"))));
        next.insert("Purchase Order", Map.of("supplier", "Acme Supplies", "docstatus", 1, "items", List.of(Map.of("item_code", "DR-1",
                "qty", 1.0, "rate", 99.0, "cost_center", "Depot - AC", "expense_account", "Tools - AC", "schedule_date", year + "-12-01"))));
        next.insert("Cost Center", Map.of("cost_center_name", "Garage", "parent_cost_center", "Acme Corp - AC"));
        String onOrders = next.insert("Budget", Map.of("cost_center", "Garage - AC", "fiscal_year", String.valueOf(year), "docstatus", 1,
                "applicable_on_purchase_order", 1, "accounts", List.of(Map.of("account", "Tools - AC", "budget_amount", 100.0))));
        assertThat(onOrders).isNotEqualTo(budget);
        next.insert("Purchase Order", Map.of("supplier", "Acme Supplies", "docstatus", 1, "items", List.of(Map.of("item_code", "DR-1",
                "qty", 1.0, "rate", 30.0, "cost_center", "Garage - AC", "expense_account", "Tools - AC", "schedule_date", year + "-12-01"))));
        long ordered = start(f, "1", "Garage - AC");
        f.kit.as("bob").awaitOpenTask(ordered, BridgeFixture.WAIT);
        assertThat(form(f, ordered)).containsEntry(BudgetCheck.AVAILABLE_FIELD, "70.00");

        // no budget for the cost centre this year: not enough, and the reason says so
        long none = start(f, "1", "Depot - AC");
        await().atMost(Duration.ofSeconds(30)).until(() -> instance(f, none).status() == InstanceStatus.REJECTED);
        assertThat((String) form(f, none).get(BudgetCheck.REASON_FIELD)).isEqualTo("ERPNext holds no budget for cost centre 'Depot - AC' on "
                + LocalDate.now());

        // ERPNext answers after 3 s, the check waits 1 s: the fallback route
        next.failures().responseDelay(Duration.ofSeconds(3)).nextCall("list", Failure.COMMIT_THEN_TIMEOUT);
        long late = start(f, "1", "Workshop - AC");
        f.kit.as("fay").awaitOpenTask(late, BridgeFixture.WAIT);
        assertThat(form(f, late)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NO_ANSWER).doesNotContainKey(BudgetCheck.AVAILABLE_FIELD);
        assertThat((String) form(f, late).get(BudgetCheck.REASON_FIELD)).startsWith("ERPNext did not answer within PT1S");
    }

    private static String journal(FakeErpNext erp, String date, String costCentre, double debit, double credit) {
        return erp.insert("Journal Entry", Map.of("posting_date", date, "docstatus", 1, "accounts", List.of(
                Map.of("account", "Tools - AC", "cost_center", costCentre, "debit_in_account_currency", debit, "credit_in_account_currency", credit),
                Map.of("account", "Creditors - AC", "debit_in_account_currency", credit, "credit_in_account_currency", debit))));
    }

    private static void cancel(FakeErpNext erp, String journal) {
        // as a user cancels it: PUT with docstatus 2
        java.net.http.HttpRequest put = java.net.http.HttpRequest.newBuilder(erp.baseUri().resolve("/api/resource/Journal%20Entry/" + journal))
                .header("Authorization", erp.tokenHeader()).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"docstatus\": 2}")).build();
        try {
            assertThat(java.net.http.HttpClient.newHttpClient().send(put, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static long start(BridgeFixture f, String quantity) {
        return start(f, quantity, "Workshop");
    }

    private static long start(BridgeFixture f, String quantity, String costCentre) {
        Map<String, Object> form = new java.util.HashMap<>(BridgeFixture.form("DR-1", quantity));
        form.put("costCentre", costCentre);
        return f.approvals.start(ALICE, StartRequest.of(PurchaseRequisition.KEY + "-budget", form)).id();
    }

    private static ProcessInstance instance(BridgeFixture f, long id) {
        return f.queries.detail(ADMIN, id).instance();
    }

    private static Map<String, Object> form(BridgeFixture f, long id) {
        return instance(f, id).form();
    }
}
