package dev.oakit.erp;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.workflow.StartRequest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.erp.BridgeFixture.ALICE;
import static dev.oakit.testing.OaAssertions.assertThatInstance;
import static org.assertj.core.api.Assertions.assertThat;

/** An approved expense claim becomes exactly one posted journal entry in ERPNext or Odoo, written back to its timeline. */
class ExpenseClaimFlowTest {
    /** Alice claims a train and a hotel (299.50), bob and fay approve. */
    private static long claimApproved(BridgeFixture f, String expenseAccount, String payableAccount) {
        long id = f.approvals.start(ALICE, StartRequest.of(ExpenseClaim.KEY, Map.of("expenseAccount", expenseAccount,
                "payableAccount", payableAccount, "lines", List.of(Map.of("description", "Train to Lyon", "amount", 89.5),
                        Map.of("description", "Hotel", "amount", 210))))).id();
        f.kit.as("bob").awaitOpenTask(id, BridgeFixture.WAIT).approve(id, "ok");
        f.kit.as("fay").awaitOpenTask(id, BridgeFixture.WAIT).approve(id, "receipts checked");
        return id;
    }

    private static RequisitionOrder posted(BridgeFixture f, long id) {
        RequisitionOrder je = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        assertThat(je.key()).isEqualTo("OA-t1-EX-" + id);
        return je;
    }

    private static void assertInTimeline(BridgeFixture f, long id, String comment) {
        assertThatInstance(f.kit, id).hasTimelineComment(comment);
        assertThatInstance(f.kit, id).isApproved();
    }

    @DbTest
    void anApprovedClaimBecomesExactlyOneJournalEntryEvenWhenThePostTimesOutAfterTheCommit(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.erpNext(db);
        FakeErpNext fake = (FakeErpNext) erp.server();
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        fake.failures().responseDelay(Duration.ofSeconds(3)).nextCall("Journal Entry", "insert", Failure.COMMIT_THEN_TIMEOUT);

        long id = claimApproved(f, "Travel Expenses - AC", "Creditors - AC");

        RequisitionOrder je = posted(f, id);
        assertThat(je.number()).startsWith("ACC-JV-");
        assertThat(je.link()).isEqualTo(fake.baseUri() + "/app/journal-entry/" + je.number());
        assertThat(fake.documents("Journal Entry")).hasSize(1);
        Map<String, Object> doc = fake.document("Journal Entry", je.number()).orElseThrow();
        assertThat(doc).containsEntry("custom_oakit_key", je.key()).containsEntry("user_remark", "Train to Lyon; Hotel");
        assertThat(((Number) doc.get("total_debit")).doubleValue()).isEqualTo(299.5);
        assertThat(((Number) doc.get("total_credit")).doubleValue()).isEqualTo(299.5);
        assertThat(fake.callCount("insert")).isEqualTo(1);
        assertInTimeline(f, id, "Journal entry " + je.number() + " posted in ERPNext");
    }

    @DbTest
    void inOdooAnApprovedClaimBecomesExactlyOnePostedMoveEvenWhenTheCreateTimesOutAfterTheCommit(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.odoo(db);
        FakeOdoo fake = (FakeOdoo) erp.server();
        BridgeFixture.odooAccounts(fake);
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        fake.failures().responseDelay(Duration.ofSeconds(3)).nextCall("account.move", "create", Failure.COMMIT_THEN_TIMEOUT);

        long id = claimApproved(f, "625100", "211000");

        RequisitionOrder je = posted(f, id);
        assertThat(je.number()).matches("MISC/\\d{4}/\\d{2}/0001");
        assertThat(fake.records("account.move")).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("ref", je.key()).containsEntry("name", je.number()).containsEntry("state", "posted")
                    .containsEntry("narration", "Train to Lyon; Hotel").containsEntry("amount_total", 299.5);
            assertThat(je.link()).isEqualTo(fake.baseUri().resolve("/web#id=" + m.get("id") + "&model=account.move&view_type=form").toString());
        });
        assertThat(fake.records("account.move.line")).hasSize(3);
        assertThat(fake.callCount("create")).isEqualTo(1);
        assertInTimeline(f, id, "Journal entry " + je.number() + " posted in Odoo");
    }
}
