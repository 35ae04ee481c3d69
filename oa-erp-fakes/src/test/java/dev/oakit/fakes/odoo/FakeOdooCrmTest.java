package dev.oakit.fakes.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.Http;
import dev.oakit.testing.base.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake Odoo as a CRM: contacts, the pipeline, support tasks and the chatter (Odoo 17). */
class FakeOdooCrmTest {
    private TestClock clock;
    private FakeOdoo odoo;
    private Http http;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        odoo = FakeOdoo.builder().clock(clock).apiKey("key-1").start();
        http = new Http(odoo.baseUri());
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    private JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        Http.Answer a = http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "method", "call", "id", 7,
                "params", Map.of("service", "object", "method", "execute_kw", "args", List.of("odoo", 2, "key-1", model, method, args, kwargs))));
        return a.json();
    }

    private JsonNode result(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        JsonNode r = execute(model, method, args, kwargs);
        assertThat(r.has("error")).as("%s", r).isFalse();
        return r.get("result");
    }

    @Test
    void aContactBelongsToItsCompanyThroughParentId() throws Exception {
        // base/models/res_partner.py: commercial_partner_id is the company; complete_name "Company, Person"
        long acme = result("res.partner", "create", List.of(Map.of("name", "Acme", "is_company", true)), Map.of()).asLong();
        long ann = result("res.partner", "create", List.of(Map.of("name", "Ann Lee", "parent_id", acme, "email", "ann@acme.test",
                "ref", "OA-C-1", "function", "Buyer")), Map.of()).asLong();
        JsonNode read = result("res.partner", "read", List.of(List.of(ann), List.of("complete_name", "parent_id", "commercial_partner_id",
                "type", "is_company", "ref")), Map.of()).get(0);
        assertThat(read.get("complete_name").asText()).isEqualTo("Acme, Ann Lee");
        assertThat(read.at("/parent_id/0").asLong()).isEqualTo(acme);
        assertThat(read.at("/commercial_partner_id/0").asLong()).isEqualTo(acme);
        assertThat(read.get("type").asText()).isEqualTo("contact");
        assertThat(read.get("is_company").asBoolean()).isFalse();
        JsonNode company = result("res.partner", "read", List.of(List.of(acme), List.of("child_ids", "commercial_partner_id")), Map.of()).get(0);
        assertThat(company.get("child_ids").get(0).asLong()).isEqualTo(ann);
        assertThat(company.at("/commercial_partner_id/0").asLong()).isEqualTo(acme);
        JsonNode byRef = result("res.partner", "search_read", List.of(List.of(List.of("ref", "=", "OA-C-1"))), Map.of("fields", List.of("id")));
        assertThat(byRef).hasSize(1);
    }

    @Test
    void anOpportunityStartsInTheFirstStageAndAWonStageClosesIt() throws Exception {
        // addons/crm: without the Leads setting a new crm.lead is an opportunity; a won stage sets probability 100
        long won = odoo.create("crm.stage", Map.of("name", "Won", "sequence", 70, "is_won", true));
        long fresh = odoo.create("crm.stage", Map.of("name", "New", "sequence", 1));
        long lead = result("crm.lead", "create", List.of(Map.of("name", "Drills for Acme", "expected_revenue", 12000.5)), Map.of()).asLong();
        JsonNode read = result("crm.lead", "read", List.of(List.of(lead), List.of("type", "stage_id", "won_status", "probability")), Map.of()).get(0);
        assertThat(read.get("type").asText()).isEqualTo("opportunity");
        assertThat(read.at("/stage_id/0").asLong()).isEqualTo(fresh);
        assertThat(read.get("won_status").asText()).isEqualTo("pending");
        result("crm.lead", "write", List.of(List.of(lead), Map.of("stage_id", won)), Map.of());
        read = result("crm.lead", "read", List.of(List.of(lead), List.of("won_status", "probability", "date_closed")), Map.of()).get(0);
        assertThat(read.get("won_status").asText()).isEqualTo("won");
        assertThat(read.get("probability").asDouble()).isEqualTo(100.0);
        assertThat(read.get("date_closed").asText()).isEqualTo("2026-03-01 08:00:00");
        JsonNode bad = execute("crm.lead", "create", List.of(Map.of("name", "x", "type", "deal")), Map.of());
        assertThat(bad.at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
    }

    @Test
    void aTaskGoesBackToInProgressWhenItsStageChangesAndTagsAreMany2many() throws Exception {
        // addons/project: state follows the stage unless the write sets it; tag_ids takes ids or commands
        long support = odoo.create("project.project", Map.of("name", "Support"));
        long fresh = odoo.create("project.task.type", Map.of("name", "New", "sequence", 1, "project_ids", List.of(support)));
        long working = odoo.create("project.task.type", Map.of("name", "In Progress", "sequence", 2, "project_ids", List.of(List.of(6, 0, List.of(support)))));
        long complaint = odoo.create("project.tags", Map.of("name", "Complaint"));
        long task = result("project.task", "create", List.of(Map.of("name", "Drill broken", "project_id", support, "stage_id", fresh,
                "tag_ids", List.of(List.of(4, complaint)))), Map.of()).asLong();
        result("project.task", "write", List.of(List.of(task), Map.of("state", "1_done")), Map.of());
        clock.set(Instant.parse("2026-03-01T08:05:00Z"));
        result("project.task", "write", List.of(List.of(task), Map.of("stage_id", working)), Map.of());
        JsonNode read = result("project.task", "read", List.of(List.of(task), List.of("state", "tag_ids", "date_last_stage_update")), Map.of()).get(0);
        assertThat(read.get("state").asText()).isEqualTo("01_in_progress");
        assertThat(read.get("tag_ids").get(0).asLong()).isEqualTo(complaint);
        assertThat(read.get("date_last_stage_update").asText()).isEqualTo("2026-03-01 08:05:00");
        JsonNode stages = result("project.task.type", "search_read", List.of(List.of(List.of("project_ids", "in", List.of(support)))),
                Map.of("fields", List.of("name")));
        assertThat(stages).hasSize(2);
        JsonNode missingTag = execute("project.task", "write", List.of(List.of(task), Map.of("tag_ids", List.of(List.of(4, 999)))), Map.of());
        assertThat(missingTag.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.MissingError");
    }

    @Test
    void messagePostAddsAPublicCommentOrAnInternalNoteAndKeepsTheMessageId() throws Exception {
        // addons/mail/models/mail_thread.py message_post: subtype_xmlid, kwargs that are mail.message fields
        long task = odoo.create("project.task", Map.of("name", "Drill broken"));
        String before = odoo.record("project.task", task).orElseThrow().get("write_date").toString();
        clock.set(Instant.parse("2026-03-01T08:01:00Z"));
        long comment = result("project.task", "message_post", List.of(List.of(task)), Map.of("body", "We ship a <new> one",
                "message_type", "comment", "subtype_xmlid", "mail.mt_comment", "message_id", "<oakit-r1@oakit>")).asLong();
        long note = result("project.task", "message_post", List.of(List.of(task)), Map.of("body", "<b>internal</b>", "body_is_html", true))
                .asLong();
        JsonNode msgs = result("mail.message", "search_read", List.of(List.of(List.of("model", "=", "project.task"), List.of("res_id", "=", task))),
                Map.of("fields", List.of("body", "message_type", "is_internal", "message_id", "subtype_id"), "order", "id asc"));
        assertThat(msgs).hasSize(2);
        assertThat(msgs.get(0).get("id").asLong()).isEqualTo(comment);
        assertThat(msgs.get(0).get("body").asText()).isEqualTo("We ship a &lt;new&gt; one");
        assertThat(msgs.get(0).get("is_internal").asBoolean()).isFalse();
        assertThat(msgs.get(0).get("message_id").asText()).isEqualTo("<oakit-r1@oakit>");
        assertThat(msgs.get(0).at("/subtype_id/1").asText()).isEqualTo("Discussions");
        assertThat(msgs.get(1).get("id").asLong()).isEqualTo(note);
        assertThat(msgs.get(1).get("message_type").asText()).as("message_post's default type").isEqualTo("notification");
        assertThat(msgs.get(1).get("is_internal").asBoolean()).isTrue();
        assertThat(msgs.get(1).get("message_id").asText()).contains("openerp");
        assertThat(odoo.record("project.task", task).orElseThrow().get("write_date").toString())
                .as("posting does not write the record").isEqualTo(before);
        long other = odoo.create("project.task", Map.of("name", "Other"));
        JsonNode two = execute("project.task", "message_post", List.of(List.of(task, other)), Map.of("body", "x"));
        assertThat(two.at("/error/data/message").asText()).startsWith("Expected singleton");
        JsonNode notify = execute("project.task", "message_post", List.of(List.of(task)), Map.of("body", "x", "message_type", "user_notification"));
        assertThat(notify.at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
        JsonNode po = execute("purchase.order.line", "message_post", List.of(List.of(1)), Map.of("body", "x"));
        assertThat(po.at("/error/data/name").asText()).isEqualTo("builtins.AttributeError");
    }

    @Test
    void fieldsGetDescribesTheCrmModelsAndARemovedFieldIsGone() throws Exception {
        JsonNode partner = result("res.partner", "fields_get", List.of(), Map.of("attributes", List.of("type", "relation")));
        assertThat(partner.at("/parent_id/relation").asText()).isEqualTo("res.partner");
        assertThat(result("crm.lead", "fields_get", List.of(), Map.of()).at("/tag_ids/type").asText()).isEqualTo("many2many");
        assertThat(result("project.task", "fields_get", List.of(), Map.of()).at("/stage_id/relation").asText()).isEqualTo("project.task.type");
        odoo.removeField("res.partner", "ref");
        assertThat(result("res.partner", "fields_get", List.of(), Map.of()).has("ref")).isFalse();
        JsonNode write = execute("res.partner", "create", List.of(Map.of("name", "x", "ref", "k")), Map.of());
        assertThat(write.at("/error/data/message").asText()).isEqualTo("Invalid field 'ref' on model 'res.partner'");
    }
}
