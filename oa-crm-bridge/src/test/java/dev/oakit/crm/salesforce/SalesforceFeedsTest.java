package dev.oakit.crm.salesforce;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.pull.PullState;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The feeds (SOQL on SystemModstamp, paged by nextRecordsUrl) through OAKit's pulls, and the metadata from describe. */
class SalesforceFeedsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private static ChangeFeed feed(SalesforceSetup s, String entityType) {
        return s.connector().feeds().stream().filter(f -> f.entityType().equals(entityType)).findFirst().orElseThrow();
    }

    private static PullState pull(SalesforceSetup s, PullSpec spec) {
        ChangePulls pulls = s.oa().service(ChangePulls.class);
        Instant before = pulls.state(SalesforceSetup.SYSTEM, "salesforce", spec.entityType()).map(PullState::lastRunAt).orElse(null);
        pulls.schedule(SalesforceSetup.SYSTEM, spec);
        Predicate<PullState> done = p -> p.lastRunAt() != null && !p.lastRunAt().equals(before) && p.lastError() == null && !p.running();
        await().atMost(Duration.ofSeconds(30)).until(() -> pulls.state(SalesforceSetup.SYSTEM, "salesforce", spec.entityType()).filter(done).isPresent());
        return pulls.state(SalesforceSetup.SYSTEM, "salesforce", spec.entityType()).orElseThrow();
    }

    @DbTest
    void aPageOfContactsStampedInOneMillisecondIsReadBySkippingWhatWasRead(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(T0);
        SalesforceSetup s = SalesforceSetup.start(db, FakeSalesforce.builder().clock(clock).start(), Duration.ofHours(1));
        for (int i = 0; i < 450; i++) {
            s.sf().insert("Contact", Map.of("LastName", "C" + i));
        }
        ChangeFeed contacts = feed(s, CrmConnector.CONTACTS);
        List<String> ids = new ArrayList<>();
        Watermark at = Watermark.at(0);
        while (true) {
            List<RemoteRecord> page = contacts.since(SalesforceSetup.call(), at, 100);
            page.forEach(r -> ids.add(r.externalId()));
            if (page.size() < 100) {
                break;
            }
            at = at.next(page);
        }
        assertThat(ids).hasSize(450).doesNotHaveDuplicates();
        assertThat(ids).isSorted();
        assertThat(s.sf().callCount("query")).as("each page one query, 200 to 300 records a batch; 450 with the skips").isGreaterThan(4);
    }

    @DbTest
    void contactsArePulledOnceOurOwnUpsertsComeBackAsEchoesAndALateCommitIsCaughtByTheOverlap(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(T0);
        SalesforceSetup s = SalesforceSetup.start(db, FakeSalesforce.builder().clock(clock).start(), Duration.ofHours(1));
        for (int i = 0; i < 250; i++) {
            s.sf().insert("Contact", Map.of("LastName", "C" + i, "Email", "c" + i + "@example.com"));
            clock.advance(Duration.ofMillis(7));
        }
        s.await(s.request(CrmConnector.CONTACT_UPSERT, "OA-t1-C-1", CrmContact.toUpsert("OA-t1-C-1", null, "Ann", "Lee", null, null)),
                WriteStatus.CONFIRMED);
        PullSpec spec = PullSpec.of("salesforce", CrmConnector.CONTACTS).pageSize(100).overlap(Duration.ZERO);
        PullState first = pull(s, spec);
        assertThat(first.applied()).isEqualTo(250);
        assertThat(first.echoes()).as("the contact OAKit upserted").isEqualTo(1);
        assertThat(pull(s, spec).applied()).as("nothing new").isEqualTo(250);

        clock.advance(Duration.ofSeconds(30));
        s.sf().commitLag(Duration.ofSeconds(40));
        s.sf().insert("Contact", Map.of("LastName", "Late"));
        s.sf().commitLag(Duration.ZERO);
        assertThat(pull(s, spec).applied()).as("stamped before the watermark: missed without an overlap").isEqualTo(250);
        assertThat(pull(s, spec.overlap(Duration.ofMinutes(1))).applied()).isEqualTo(251);
    }

    @DbTest
    void requestsAreFedWithTheirStatusAndTheRecordsReadBackAsCrmRecords(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db);
        s.sf().insert("Quote", Map.of("Name", "Q-1", "Discount", 30, "OAKit_Approval_Status__c", "Requested"));
        s.sf().insert("Quote", Map.of("Name", "Q-2 (no approval)", "Discount", 5));
        String withdrawn = s.sf().insert("Quote", Map.of("Name", "Q-3", "Discount", 30, "OAKit_Approval_Status__c", "Requested"));
        s.sf().update("Quote", withdrawn, Map.of("OAKit_Approval_Status__c", "Withdrawn"));
        List<RemoteRecord> page = feed(s, CrmConnector.DISCOUNT_REQUESTS).since(SalesforceSetup.call(), Watermark.at(0), 10);
        List<ApprovalRequest> requests = page.stream().map(r -> CrmRecords.read(r, ApprovalRequest.class)).toList();
        assertThat(requests).extracting(ApprovalRequest::title).containsExactly("Q-1", "Q-3");
        assertThat(requests).extracting(ApprovalRequest::status).containsExactly(ApprovalRequest.Status.REQUESTED, ApprovalRequest.Status.WITHDRAWN);
        assertThat(new HashSet<>(s.connector().feeds().stream().map(ChangeFeed::entityType).toList())).containsExactlyInAnyOrder(
                CrmConnector.ACCOUNTS, CrmConnector.CONTACTS, CrmConnector.CASES, CrmConnector.CASE_COMMENTS, CrmConnector.DISCOUNT_REQUESTS,
                CrmConnector.CONTRACT_REQUESTS);
    }

    @DbTest
    void describeIsTheMetadataAndAFieldRemovedInSalesforceIsGoneFromIt(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db);
        RemoteEntity contact = s.connector().entity(SalesforceSetup.call(), "Contact").orElseThrow();
        assertThat(contact.fields()).containsKeys("LastName", "OAKit_Key__c");
        assertThat(contact.fields().get("LastName").required()).isTrue();
        s.sf().removeField("Contact", "OAKit_Key__c");
        assertThat(s.connector().entity(SalesforceSetup.call(), "Contact").orElseThrow().fields()).doesNotContainKey("OAKit_Key__c");
        assertThat(s.connector().entity(SalesforceSetup.call(), "Lead__x")).isEmpty();
    }
}
