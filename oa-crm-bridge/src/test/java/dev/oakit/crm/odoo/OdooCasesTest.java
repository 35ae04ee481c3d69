package dev.oakit.crm.odoo;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.CrmAccount;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.fakes.Failure;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Service requests (tasks of the support project) read as cases, and case updates written back once; the feeds and metadata. */
class OdooCasesTest {
    private static ChangeFeed feed(OdooCrmSetup s, String entityType) {
        return s.connector().feeds().stream().filter(f -> f.entityType().equals(entityType)).findFirst().orElseThrow();
    }

    private static long task(OdooCrmSetup s, long contact) {
        long complaint = s.odoo().create("project.tags", Map.of("name", "Complaint"));
        return s.odoo().create("project.task", Map.of("name", "Drill broken", "project_id", s.support(), "partner_id", contact,
                "description", "<p>It stopped &amp; smokes</p>", "priority", "1", "tag_ids", List.of(complaint)));
    }

    private static List<Map<String, Object>> messages(OdooCrmSetup s, long task) {
        return s.odoo().records("mail.message").stream().filter(m -> Long.valueOf(task).equals(m.get("res_id"))).toList();
    }

    @DbTest
    void tasksOfTheSupportProjectAreCasesWithTypeCustomerAndStatus(TestDatabase db) throws Exception {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        long ann = s.odoo().create("res.partner", Map.of("name", "Ann Lee", "parent_id", s.acme()));
        long t = task(s, ann);
        long internal = s.odoo().create("project.project", Map.of("name", "Internal"));
        s.odoo().create("project.task", Map.of("name", "Not a case", "project_id", internal));
        List<RemoteRecord> page = feed(s, CrmConnector.CASES).since(OdooCrmSetup.call(), Watermark.at(0), 10);
        assertThat(page).singleElement().satisfies(r -> {
            CrmCase c = CrmRecords.read(r, CrmCase.class);
            assertThat(c.id()).isEqualTo(String.valueOf(t));
            assertThat(c.accountId()).isEqualTo(String.valueOf(s.acme()));
            assertThat(c.contactId()).isEqualTo(String.valueOf(ann));
            assertThat(c.type()).isEqualTo("Complaint");
            assertThat(c.priority()).isEqualTo("High");
            assertThat(c.status()).as("no stage: New").isEqualTo("New");
            assertThat(c.description()).isEqualTo("It stopped & smokes");
            assertThat(c.version()).isEqualTo(r.version()).isPositive();
        });
        assertThat(s.connector().readCase(OdooCrmSetup.call(), String.valueOf(t))).isPresent();
        assertThat(s.connector().readCase(OdooCrmSetup.call(), "999")).isEmpty();
    }

    @DbTest
    void aStatusAndAPublicReplyMoveTheStageAndPostOneCommentFoundByItsKey(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        long t = task(s, s.acme());
        s.odoo().failures().responseDelay(Duration.ofSeconds(3)).nextCall("project.task", "message_post", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite w = s.await(s.request(CrmConnector.CASE_UPDATE, "tk-1:ev-1", new CaseUpdate(String.valueOf(t), "In Progress",
                "A technician comes on Monday.", null)), WriteStatus.CONFIRMED);
        assertThat(messages(s, t)).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("body", "A technician comes on Monday.").containsEntry("message_type", "comment")
                    .containsEntry("is_internal", false).containsEntry("message_id", OdooCrmConnector.messageId("tk-1:ev-1"));
            assertThat(String.valueOf(m.get("id"))).isEqualTo(w.remoteId());
        });
        Map<String, Object> task = s.odoo().record("project.task", t).orElseThrow();
        assertThat(((List<?>) task.get("stage_id")).get(1)).isEqualTo("In Progress");
        assertThat(s.odoo().callCount("message_post")).isEqualTo(1);
    }

    @DbTest
    void doneSetsTheStateAndTheResolutionIsPostedPublicly(TestDatabase db) throws Exception {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        long t = task(s, s.acme());
        s.await(s.request(CrmConnector.CASE_UPDATE, "tk-1:ev-2", new CaseUpdate(String.valueOf(t), "Done", null, "Motor replaced")),
                WriteStatus.CONFIRMED);
        assertThat(s.odoo().record("project.task", t).orElseThrow()).containsEntry("state", "1_done");
        assertThat(messages(s, t)).singleElement().satisfies(m -> assertThat(m).containsEntry("body", "Resolution: Motor replaced"));
        assertThat(s.connector().readCase(OdooCrmSetup.call(), String.valueOf(t)).orElseThrow().status()).isEqualTo("Done");
    }

    @DbTest
    void aStatusTheProjectHasNoStageForIsADeadLetterNamingTheStages(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        long t = task(s, s.acme());
        RemoteWrite dead = s.await(s.request(CrmConnector.CASE_UPDATE, "tk-1:ev-3", new CaseUpdate(String.valueOf(t), "Escalated", null, null)),
                WriteStatus.FAILED);
        assertThat(dead.lastError()).contains("no stage 'Escalated'", "New, In Progress, Waiting on Customer");
    }

    @DbTest
    void companiesAreAccountsAndPersonsContactsWithTheirKey(TestDatabase db) throws Exception {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        long ann = s.odoo().create("res.partner", Map.of("name", "Ann Marie Lee", "parent_id", s.acme(), "ref", "OA-t1-C-1",
                "email", "ann@acme.test"));
        s.odoo().create("res.partner", Map.of("name", "Acme invoicing", "parent_id", s.acme(), "type", "invoice"));
        List<RemoteRecord> accounts = feed(s, CrmConnector.ACCOUNTS).since(OdooCrmSetup.call(), Watermark.at(0), 10);
        assertThat(accounts).singleElement().satisfies(r -> assertThat(CrmRecords.read(r, CrmAccount.class))
                .extracting(CrmAccount::name, CrmAccount::accountNumber).containsExactly("Acme", "ACME-1"));
        ChangeFeed contacts = feed(s, CrmConnector.CONTACTS);
        assertThat(contacts.createOperation()).as("OAKit's own contacts coming back are echoes").isEqualTo(CrmConnector.CONTACT_UPSERT);
        assertThat(contacts.since(OdooCrmSetup.call(), Watermark.at(0), 10)).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("OA-t1-C-1");
            CrmContact c = CrmRecords.read(r, CrmContact.class);
            assertThat(c).extracting(CrmContact::id, CrmContact::firstName, CrmContact::lastName, CrmContact::accountId, CrmContact::email)
                    .containsExactly(String.valueOf(ann), "Ann Marie", "Lee", String.valueOf(s.acme()), "ann@acme.test");
        });
    }

    @DbTest
    void metadataComesFromFieldsGet(TestDatabase db) throws Exception {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        assertThat(s.connector().entity(OdooCrmSetup.call(), "res.partner").orElseThrow().fields()).containsKeys("ref", "parent_id", "email");
        s.odoo().removeField("res.partner", "ref");
        assertThat(s.connector().entity(OdooCrmSetup.call(), "res.partner").orElseThrow().fields()).doesNotContainKey("ref");
        assertThat(s.connector().entity(OdooCrmSetup.call(), "helpdesk.ticket")).isEmpty();
    }
}
