package dev.oakit.erp;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static dev.oakit.erp.BridgeFixture.ADMIN;
import static dev.oakit.erp.BridgeFixture.ALICE;
import static dev.oakit.erp.BridgeFixture.BOB;
import static dev.oakit.erp.BridgeFixture.FAY;
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
        f.task(BOB, enough);
        assertThat(form(f, enough)).containsEntry(BudgetCheck.FIELD, BudgetCheck.ENOUGH).containsEntry(BudgetCheck.AVAILABLE_FIELD, "100.00");
        assertThat(f.comments(enough)).anySatisfy(c -> assertThat(c).startsWith("Budget check: ENOUGH").contains("100.00 left in Odoo"));

        // 3 × 40.50 = 121.50: not enough, rejected
        long tooMuch = start(f, "3");
        await().atMost(Duration.ofSeconds(30)).until(() -> instance(f, tooMuch).status() == InstanceStatus.REJECTED);
        assertThat(form(f, tooMuch)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NOT_ENOUGH);
        assertThat(f.comments(tooMuch)).anySatisfy(c -> assertThat(c).contains("less than 121.50"));

        // Odoo answers after 3 s, the check waits 1 s: the fallback route
        odoo.failures().responseDelay(Duration.ofSeconds(3)).nextCall("search", Failure.COMMIT_THEN_TIMEOUT);
        long late = start(f, "1");
        f.task(FAY, late);
        assertThat(form(f, late)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NO_ANSWER).doesNotContainKey(BudgetCheck.AVAILABLE_FIELD);
        assertThat((String) form(f, late).get(BudgetCheck.REASON_FIELD)).startsWith("Odoo did not answer within PT1S");

        // a burst of 5xx: the fallback route, and with it the circuit opens (two failed calls of two)
        odoo.failures().nextCalls(3, Failure.SERVER_ERROR);
        long failing = start(f, "1");
        f.task(FAY, failing);
        assertThat(form(f, failing)).containsEntry(BudgetCheck.FIELD, BudgetCheck.NO_ANSWER);
        odoo.failures().clear();

        // Odoo is well again, but the circuit is open: nothing is sent, the fallback route at once
        long calls = odoo.calls().size();
        long held = start(f, "1");
        f.task(FAY, held);
        assertThat((String) form(f, held).get(BudgetCheck.REASON_FIELD)).contains("circuit").contains("open");
        assertThat(odoo.calls()).hasSize((int) calls);
        assertThat(f.comments(held)).anySatisfy(c -> assertThat(c).startsWith("Budget check: NO_ANSWER"));
    }

    private static long start(BridgeFixture f, String quantity) {
        Map<String, Object> form = new java.util.HashMap<>(BridgeFixture.form("DR-1", quantity));
        form.put("costCentre", "Workshop");
        return f.approvals.start(ALICE, StartRequest.of(PurchaseRequisition.KEY + "-budget", form)).id();
    }

    private static ProcessInstance instance(BridgeFixture f, long id) {
        return f.queries.detail(ADMIN, id).instance();
    }

    private static Map<String, Object> form(BridgeFixture f, long id) {
        return instance(f, id).form();
    }
}
