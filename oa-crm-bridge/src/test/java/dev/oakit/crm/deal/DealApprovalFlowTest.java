package dev.oakit.crm.deal;

import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.DealApproval;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.Decision;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.workflow.InstanceStatus;

import java.math.BigDecimal;
import java.util.Map;

import static dev.oakit.crm.deal.DealFixture.ADMIN;
import static dev.oakit.testing.OaAssertions.assertThatInstance;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deal approvals end to end against the fake Salesforce: a quote or contract sent for approval is pulled,
 * approved along its route, and the decision with the approvers' comments written back once; a record
 * changed under a pending decision is re-evaluated or flagged as the definition says; a withdrawn request
 * withdraws the approval.
 */
class DealApprovalFlowTest {
    private static final ApprovalRequest.Kind DISCOUNT = ApprovalRequest.Kind.DISCOUNT;

    @DbTest
    void aDiscountOver25PercentGoesToTheDirectorThenFinanceAndIsWrittenBackOnce(TestDatabase db) {
        DealFixture f = DealFixture.start(db, null);
        DealRequest round = f.requested("Q-100 Acme renewal", "30");
        String quote = round.requestId();
        assertThat(round.title()).isEqualTo("Q-100 Acme renewal");
        assertThat(round.accountId()).isEqualTo(f.account);
        f.kit.as("sara").awaitOpenTask(round.instanceId(), DealFixture.WAIT).approve(round.instanceId(), "fine for a three-year renewal");
        f.kit.as("fin").awaitOpenTask(round.instanceId(), DealFixture.WAIT).approve(round.instanceId(), "margin still positive");

        DealRequest written = f.awaitRound(round.instanceId(), DealStatus.WRITTEN);
        assertThat(written.outcome()).isEqualTo(Decision.Outcome.APPROVED);
        Map<String, Object> q = f.record("Quote", quote);
        assertThat(q).containsEntry("OAKit_Approval_Status__c", "Approved")
                .containsEntry("OAKit_Decision_Key__c", CrmConnector.decisionKey(quote, round.version()));
        assertThat((String) q.get("OAKit_Approval_Comment__c")).contains("sara: fine for a three-year renewal", "fin: margin still positive");
        assertThatInstance(f.kit, round.instanceId()).hasTimelineComment("Decision APPROVED written to Salesforce");
        assertThat(f.oa.service(AuditLog.class).recent(ADMIN, 300)).extracting(r -> r.action())
                .contains("crm.deal.receive", "crm.deal.decide", "crm.deal.written");
        // alice, who asked in Salesforce, is told through her notifications
        assertThat(f.oa.service(Notifications.class).deliveries(ADMIN, DeliveryQuery.all())).extracting(Delivery::templateKey, Delivery::recipientId)
                .contains(org.assertj.core.groups.Tuple.tuple("crm.deal.decided", "alice"));

        f.pull(); // the written decision comes back through the feed: no second approval
        f.pull();
        assertThat(f.deals.rounds(ADMIN, DealFixture.SF, DISCOUNT, quote)).hasSize(1);
    }

    @DbTest
    void aDiscountOf15PercentNeedsOnlyTheDirectorAndARejectionIsWrittenBack(TestDatabase db) {
        DealFixture f = DealFixture.start(db, null);
        DealRequest round = f.requested("Q-101", "15");
        String quote = round.requestId();
        f.kit.as("sara").awaitOpenTask(round.instanceId(), DealFixture.WAIT).reject(round.instanceId(), "too generous");

        DealRequest written = f.awaitRound(round.instanceId(), DealStatus.WRITTEN);
        assertThat(written.outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(f.record("Quote", quote)).containsEntry("OAKit_Approval_Status__c", "Rejected");
        assertThatInstance(f.kit, round.instanceId()).hasNoOpenTaskFor("fin");
    }

    @DbTest
    void aQuoteChangedUnderAPendingDecisionIsReEvaluatedAsItsNewVersion(TestDatabase db) {
        DealFixture f = DealFixture.start(db, null);
        DealRequest first = f.requested("Q-102", "15");
        String quote = first.requestId();
        f.sf.update("Quote", quote, Map.of("Discount", new BigDecimal("28"))); // the sales rep raises the discount meanwhile
        f.kit.as("sara").awaitOpenTask(first.instanceId(), DealFixture.WAIT).approve(first.instanceId(), "ok at 15 %");

        DealRequest closed = f.awaitRound(first.instanceId(), DealStatus.REEVALUATED);
        assertThat(closed.reason()).contains("changed in the CRM", "was not written");
        assertThat(f.record("Quote", quote)).containsEntry("OAKit_Approval_Status__c", "Pending");
        DealRequest second = f.await(DISCOUNT, quote, 2, DealStatus.IN_APPROVAL);
        assertThat(second.version()).isGreaterThan(first.version());
        assertThatInstance(f.kit, first.instanceId()).hasTimelineComment("re-evaluated as instance " + second.instanceId());
        // at 28 % the new round needs finance too
        f.kit.as("sara").awaitOpenTask(second.instanceId(), DealFixture.WAIT).approve(second.instanceId(), "ok at 28 %");
        f.kit.as("fin").awaitOpenTask(second.instanceId(), DealFixture.WAIT).approve(second.instanceId(), "ok");
        f.awaitRound(second.instanceId(), DealStatus.WRITTEN);
        assertThat(f.record("Quote", quote)).containsEntry("OAKit_Approval_Status__c", "Approved")
                .containsEntry("OAKit_Decision_Key__c", CrmConnector.decisionKey(quote, second.version()));
        assertThat(f.oa.service(AuditLog.class).recent(ADMIN, 300)).extracting(r -> r.action()).contains("crm.deal.changed");
    }

    @DbTest
    void underTheFlagPolicyAChangedQuoteIsFlaggedAndNotWritten(TestDatabase db) {
        DealFixture f = DealFixture.start(db, null, DealApproval.discount(new BigDecimal("10"), new BigDecimal("25"), DealApproval.OnChanged.FLAG));
        DealRequest round = f.requested("Q-103", "12");
        String quote = round.requestId();
        f.sf.update("Quote", quote, Map.of("GrandTotal", new BigDecimal("9000.00")));
        f.kit.as("sara").awaitOpenTask(round.instanceId(), DealFixture.WAIT).approve(round.instanceId(), "ok");

        DealRequest flagged = f.awaitRound(round.instanceId(), DealStatus.FLAGGED);
        assertThat(flagged.reason()).contains("changed in the CRM");
        assertThat(f.record("Quote", quote)).containsEntry("OAKit_Approval_Status__c", "Pending").containsEntry("OAKit_Decision_Key__c", null);
        assertThatInstance(f.kit, round.instanceId()).hasTimelineComment("Flagged:");
        assertThat(f.deals.rounds(ADMIN, DealFixture.SF, DISCOUNT, quote)).hasSize(1);
        assertThat(f.oa.service(Notifications.class).deliveries(ADMIN, DeliveryQuery.all())).extracting(Delivery::templateKey)
                .contains("crm.deal.changed");
    }

    @DbTest
    void withdrawingTheRequestInTheCrmWithdrawsTheApproval(TestDatabase db) {
        DealFixture f = DealFixture.start(db, null);
        DealRequest round = f.requested("Q-104", "20");
        String quote = round.requestId();
        f.kit.as("sara").awaitOpenTask(round.instanceId(), DealFixture.WAIT);
        f.sf.update("Quote", quote, Map.of("OAKit_Approval_Status__c", "Withdrawn"));
        f.pull();

        DealRequest withdrawn = f.awaitRound(round.instanceId(), DealStatus.WITHDRAWN);
        assertThat(withdrawn.reason()).isEqualTo("withdrawn in the CRM");
        assertThatInstance(f.kit, round.instanceId()).hasStatus(InstanceStatus.CANCELLED);
        assertThatInstance(f.kit, round.instanceId()).hasNoOpenTaskFor("sara");
        assertThat(f.record("Quote", quote)).containsEntry("OAKit_Approval_Status__c", "Withdrawn");
    }

    @DbTest
    void aContractGoesToLegalThenTheDirector(TestDatabase db) {
        DealFixture f = DealFixture.start(db, null);
        String contract = f.contract("50000");
        f.pull();
        DealRequest round = f.await(ApprovalRequest.Kind.CONTRACT, contract, 1, DealStatus.IN_APPROVAL);
        assertThatInstance(f.kit, round.instanceId()).hasNoOpenTaskFor("sara");
        f.kit.as("lee").awaitOpenTask(round.instanceId(), DealFixture.WAIT).approve(round.instanceId(), "clauses fine");
        f.kit.as("sara").awaitOpenTask(round.instanceId(), DealFixture.WAIT).approve(round.instanceId(), "go");
        f.awaitRound(round.instanceId(), DealStatus.WRITTEN);
        assertThat(f.record("Contract", contract)).containsEntry("OAKit_Approval_Status__c", "Approved");
    }
}
