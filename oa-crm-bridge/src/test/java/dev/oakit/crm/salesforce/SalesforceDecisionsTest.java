package dev.oakit.crm.salesforce;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.Decision;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.RecordChangedException;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions written back to the Quote or Contract under approval, through real remote writes: once, and never onto
 * a record that changed since the request was read.
 */
class SalesforceDecisionsTest {
    private static String quote(SalesforceSetup s) {
        return s.sf().insert("Quote", Map.of("Name", "Q-00042", "Discount", 25, "GrandTotal", 18000,
                "OAKit_Approval_Status__c", "Requested", "OAKit_Requested_By__c", "rep@acme.example"));
    }

    private static ApprovalRequest read(SalesforceSetup s, ApprovalRequest.Kind kind, String id) throws Exception {
        return s.connector().readApprovalRequest(SalesforceSetup.call(), kind, id).orElseThrow();
    }

    private static RemoteWrite decide(SalesforceSetup s, ApprovalRequest r, Decision.Outcome outcome) {
        Decision d = new Decision(r.id(), r.kind(), outcome, "within the regional policy", "Dana (sales director)", r.version());
        return s.request(CrmConnector.DECISION, CrmConnector.decisionKey(r.id(), r.version()), d);
    }

    @DbTest
    void aDiscountRequestIsReadAndItsDecisionWrittenBackWithTheComment(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db);
        ApprovalRequest r = read(s, ApprovalRequest.Kind.DISCOUNT, quote(s));
        assertThat(r.kind()).isEqualTo(ApprovalRequest.Kind.DISCOUNT);
        assertThat(r.status()).isEqualTo(ApprovalRequest.Status.REQUESTED);
        assertThat(r.discountPercent()).isEqualByComparingTo(new BigDecimal("25"));
        assertThat(r.amount()).isEqualByComparingTo(new BigDecimal("18000"));
        assertThat(r.requestedBy()).isEqualTo("rep@acme.example");

        RemoteWrite done = s.await(decide(s, r, Decision.Outcome.APPROVED), WriteStatus.CONFIRMED);
        assertThat(done.remoteId()).isEqualTo(r.id());
        assertThat(s.sf().record("Quote", r.id()).orElseThrow()).containsEntry("OAKit_Approval_Status__c", "Approved")
                .containsEntry("Status", "Approved").containsEntry("OAKit_Approval_Comment__c", "within the regional policy")
                .containsEntry("OAKit_Decision_Key__c", CrmConnector.decisionKey(r.id(), r.version()));
        assertThat(read(s, ApprovalRequest.Kind.DISCOUNT, r.id()).status()).isEqualTo(ApprovalRequest.Status.APPROVED);
    }

    @DbTest
    void aRecordChangedUnderThePendingDecisionRefusesItAsADeadLetterAndIsLeftAlone(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db);
        ApprovalRequest r = read(s, ApprovalRequest.Kind.DISCOUNT, quote(s));
        s.sf().update("Quote", r.id(), Map.of("Discount", 40));            // the rep raised the discount meanwhile
        RemoteWrite dead = s.await(decide(s, r, Decision.Outcome.APPROVED), WriteStatus.FAILED);
        assertThat(dead.lastError()).startsWith(RecordChangedException.CODE).contains(r.id(), "re-evaluate");
        assertThat(dead.remoteStatus()).isEqualTo(412);
        assertThat(s.sf().record("Quote", r.id()).orElseThrow()).containsEntry("OAKit_Approval_Status__c", "Requested")
                .containsEntry("OAKit_Decision_Key__c", null);
        assertThat(s.sf().callCount("update")).isZero();
    }

    @DbTest
    void aChangeBetweenTheConnectorsReadAndItsWriteIsRefusedBySalesforceWith412(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T08:00:00Z"));
        SalesforceSetup s = SalesforceSetup.start(db, FakeSalesforce.builder().clock(clock).start(), Duration.ofHours(1));
        ApprovalRequest r = read(s, ApprovalRequest.Kind.DISCOUNT, quote(s));
        clock.advance(Duration.ofMinutes(5));
        s.sf().changeAfterNextRead("Quote", r.id(), Map.of("Discount", 45));
        RemoteWrite dead = s.await(decide(s, r, Decision.Outcome.APPROVED), WriteStatus.FAILED);
        assertThat(dead.lastError()).startsWith(RecordChangedException.CODE);
        assertThat(dead.remoteStatus()).isEqualTo(412);
        assertThat(dead.remoteError()).contains("PRECONDITION_FAILED");
        assertThat(s.sf().callCount("update")).as("sent, refused").isEqualTo(1);
        assertThat(s.sf().record("Quote", r.id()).orElseThrow()).containsEntry("OAKit_Approval_Status__c", "Requested");
    }

    @DbTest
    void aDecisionWhoseAnswerTimedOutIsFoundByItsKeyAndNotWrittenTwice(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db);
        ApprovalRequest r = read(s, ApprovalRequest.Kind.DISCOUNT, quote(s));
        s.sf().failures().responseDelay(Duration.ofSeconds(3)).nextCall("Quote", "update", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite done = s.await(decide(s, r, Decision.Outcome.REJECTED), WriteStatus.CONFIRMED);
        assertThat(done.remoteId()).isEqualTo(r.id());
        assertThat(s.sf().callCount("update")).isEqualTo(1);
        assertThat(s.sf().record("Quote", r.id()).orElseThrow()).containsEntry("OAKit_Approval_Status__c", "Rejected");
    }

    @DbTest
    void aContractDecisionAndAWithdrawnRequest(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db);
        String account = s.sf().insert("Account", Map.of("Name", "Acme"));
        String contract = s.sf().insert("Contract", Map.of("AccountId", account, "OAKit_Amount__c", 250000,
                "OAKit_Approval_Status__c", "Requested"));
        ApprovalRequest r = read(s, ApprovalRequest.Kind.CONTRACT, contract);
        assertThat(r.title()).startsWith("Contract ");
        assertThat(r.accountId()).isEqualTo(account);
        s.await(decide(s, r, Decision.Outcome.APPROVED), WriteStatus.CONFIRMED);
        assertThat(s.sf().record("Contract", contract).orElseThrow()).containsEntry("OAKit_Approval_Status__c", "Approved");

        String withdrawn = quote(s);
        s.sf().update("Quote", withdrawn, Map.of("OAKit_Approval_Status__c", "Withdrawn"));
        assertThat(read(s, ApprovalRequest.Kind.DISCOUNT, withdrawn).status()).isEqualTo(ApprovalRequest.Status.WITHDRAWN);
        assertThat(s.connector().readApprovalRequest(SalesforceSetup.call(), ApprovalRequest.Kind.DISCOUNT, "0Q05g0000000000ZZZ")).isEmpty();
    }
}
