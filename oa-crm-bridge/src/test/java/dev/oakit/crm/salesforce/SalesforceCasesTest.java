package dev.oakit.crm.salesforce;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A case read, and its status, public replies and resolution written back once, through real remote writes. */
class SalesforceCasesTest {
    private static String newCase(SalesforceSetup s) {
        String account = s.sf().insert("Account", Map.of("Name", "Acme"));
        return s.sf().insert("Case", Map.of("AccountId", account, "Subject", "Printer jams", "Type", "Problem", "Priority", "High",
                "Status", "New", "Origin", "Web"));
    }

    private static RemoteWrite update(SalesforceSetup s, String caseId, String change, CaseUpdate u) {
        return s.request(CrmConnector.CASE_UPDATE, CrmConnector.caseUpdateKey(caseId, change), u);
    }

    @DbTest
    void aCaseIsReadAsTheCrmNeutralRecord(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db);
        String id = newCase(s);
        CrmCase c = s.connector().readCase(SalesforceSetup.call(), id).orElseThrow();
        assertThat(c.subject()).isEqualTo("Printer jams");
        assertThat(c.type()).isEqualTo("Problem");
        assertThat(c.priority()).isEqualTo("High");
        assertThat(c.status()).isEqualTo("New");
        assertThat(c.number()).isNotBlank();
        assertThat(s.connector().readCase(SalesforceSetup.call(), "5005g0000000000ZZZ")).isEmpty();
    }

    @DbTest
    void statusAndAPublicReplyGoInOneCompositeRequestAndTheReplyIsFoundByItsKey(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        String id = newCase(s);
        s.sf().failures().responseDelay(Duration.ofSeconds(3)).nextCall("composite", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite done = s.await(update(s, id, "TK-7-r1", new CaseUpdate(id, "Working", "A technician is on the way.", null)),
                WriteStatus.CONFIRMED);
        assertThat(s.sf().records("CaseComment")).singleElement().satisfies(c -> {
            assertThat(c.get("Id")).isEqualTo(done.remoteId());
            assertThat(c).containsEntry("IsPublished", true).containsEntry("ParentId", id);
            assertThat((String) c.get("CommentBody")).startsWith("A technician is on the way.").endsWith("[ref: " + id + ":TK-7-r1]");
        });
        assertThat(s.sf().record("Case", id).orElseThrow()).containsEntry("Status", "Working");
        assertThat(s.sf().callCount("composite")).isEqualTo(1);
    }

    @DbTest
    void aLockedCaseRollsTheWholeUpdateBackAndItIsSentAgain(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        String id = newCase(s);
        s.sf().lockRows(1);
        s.await(update(s, id, "TK-7-done", new CaseUpdate(id, "Closed", "Fixed: the roller was replaced.", "Replaced the feed roller")),
                WriteStatus.CONFIRMED);
        assertThat(s.sf().records("CaseComment")).hasSize(1);
        assertThat(s.sf().record("Case", id).orElseThrow()).containsEntry("Status", "Closed")
                .containsEntry("OAKit_Resolution__c", "Replaced the feed roller");
        assertThat(s.sf().callCount("composite")).isEqualTo(2);
    }

    @DbTest
    void anUpdateOfACaseThatIsGoneIsADeadLetterWithSalesforcesError(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        RemoteWrite dead = s.await(update(s, "5005g0000000000ZZZ", "x", new CaseUpdate("5005g0000000000ZZZ", "Working", null, null)),
                WriteStatus.FAILED);
        assertThat(dead.lastError()).contains("5005g0000000000ZZZ", "NOT_FOUND");
    }
}
