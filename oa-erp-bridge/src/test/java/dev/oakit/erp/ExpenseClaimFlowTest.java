package dev.oakit.erp;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.StartRequest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.erp.BridgeFixture.ALICE;
import static dev.oakit.erp.BridgeFixture.BOB;
import static dev.oakit.erp.BridgeFixture.FAY;
import static org.assertj.core.api.Assertions.assertThat;

/** An approved expense claim becomes exactly one posted journal entry in ERPNext, written back to its timeline. */
class ExpenseClaimFlowTest {
    @DbTest
    void anApprovedClaimBecomesExactlyOneJournalEntryEvenWhenThePostTimesOutAfterTheCommit(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.erpNext(db);
        FakeErpNext fake = (FakeErpNext) erp.server();
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        fake.failures().responseDelay(Duration.ofSeconds(3)).nextCall("Journal Entry", "insert", Failure.COMMIT_THEN_TIMEOUT);

        long id = f.approvals.start(ALICE, StartRequest.of(ExpenseClaim.KEY, Map.of("expenseAccount", "Travel Expenses - AC",
                "payableAccount", "Creditors - AC", "lines", List.of(Map.of("description", "Train to Lyon", "amount", 89.5),
                        Map.of("description", "Hotel", "amount", 210))))).id();
        f.approvals.approve(BOB, f.task(BOB, id).id(), Decision.comment("ok"));
        f.approvals.approve(FAY, f.task(FAY, id).id(), Decision.comment("receipts checked"));

        RequisitionOrder je = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        assertThat(je.key()).isEqualTo("OA-t1-EX-" + id);
        assertThat(je.number()).startsWith("ACC-JV-");
        assertThat(je.link()).isEqualTo(fake.baseUri() + "/app/journal-entry/" + je.number());
        assertThat(fake.documents("Journal Entry")).hasSize(1);
        Map<String, Object> doc = fake.document("Journal Entry", je.number()).orElseThrow();
        assertThat(doc).containsEntry("custom_oakit_key", je.key()).containsEntry("user_remark", "Train to Lyon; Hotel");
        assertThat(((Number) doc.get("total_debit")).doubleValue()).isEqualTo(299.5);
        assertThat(((Number) doc.get("total_credit")).doubleValue()).isEqualTo(299.5);
        assertThat(fake.callCount("insert")).isEqualTo(1);
        assertThat(f.comments(id)).anySatisfy(c -> assertThat(c).contains("Journal entry " + je.number() + " posted in ERPNext"));
        assertThat(f.queries.detail(ALICE, id).instance().status()).isEqualTo(InstanceStatus.APPROVED);
    }
}
