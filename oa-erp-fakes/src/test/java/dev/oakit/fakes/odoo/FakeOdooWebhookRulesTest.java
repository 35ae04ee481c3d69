package dev.oakit.fakes.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.Http;
import dev.oakit.fakes.Receiver;
import dev.oakit.testing.base.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automation rules whose action is "Send Webhook Notification" (Odoo 17: base_automation's rule on create / on update,
 * an {@code ir.actions.server} of state {@code webhook}; odoo/addons/base/models/ir_actions.py _run_action_webhook):
 * one POST (Odoo 17: from inside the call, before its commit; the fake: queued when the call succeeds) of
 * {@code json.dumps({_action, _id, _model, <the selected fields read with load=None>}, sort_keys=True, default=str)},
 * sent once and forgotten.
 */
class FakeOdooWebhookRulesTest {
    private TestClock clock;
    private FakeOdoo odoo;
    private Http http;
    private Receiver receiver;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.parse("2026-03-01T08:00:00.250Z"));
        odoo = FakeOdoo.builder().clock(clock).apiKey("key-1").start();
        http = new Http(odoo.baseUri());
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        odoo.close();
    }

    private JsonNode result(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        JsonNode r = http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "method", "call", "id", 7, "params", Map.of("service", "object",
                "method", "execute_kw", "args", List.of("odoo", 2, "key-1", model, method, args, kwargs)))).json();
        assertThat(r.has("error")).as("%s", r).isFalse();
        return r.get("result");
    }

    private long create(String model, Map<String, ?> vals) throws Exception {
        return result(model, "create", List.of(vals), Map.of()).asLong();
    }

    private void write(String model, long id, Map<String, ?> vals) throws Exception {
        result(model, "write", List.of(List.of(id), vals), Map.of());
    }

    @Test
    void aRuleOnCreateAndUpdatePostsTheActionTheRecordAndTheSelectedFieldsReadWithoutNames() throws Exception {
        long acme = create("res.partner", Map.of("name", "Acme", "is_company", true));
        long action = odoo.automation(WebhookRule.onCreateOrWrite("res.partner", receiver.uri(), "name", "parent_id", "write_date", "email"));
        long ann = create("res.partner", Map.of("name", "Ann Lee", "parent_id", acme));
        assertThat(odoo.webhooks().pending()).hasSize(1);
        assertThat(odoo.webhooks().deliver()).containsExactly(200);

        Receiver.Received got = receiver.received().get(0);
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        // json.dumps(sort_keys=True): keys in order, ", " and ": " between them; a many2one is its id (load=None);
        // an empty field is false; a datetime is str(datetime), microseconds kept
        assertThat(got.body()).isEqualTo("{\"_action\": \"Send Webhook Notification(#" + action + ")\", \"_id\": " + ann
                + ", \"_model\": \"res.partner\", \"email\": false, \"id\": " + ann + ", \"name\": \"Ann Lee\", \"parent_id\": " + acme
                + ", \"write_date\": \"2026-03-01 08:00:00.250000\"}");

        clock.set(Instant.parse("2026-03-01T08:00:05.250Z"));
        write("res.partner", ann, Map.of("email", "ann@acme.test"));
        odoo.webhooks().deliver();
        JsonNode second = Http.JSON.readTree(receiver.received().get(1).body());
        assertThat(second.get("email").asText()).isEqualTo("ann@acme.test");
        assertThat(second.get("write_date").asText()).isEqualTo("2026-03-01 08:00:05.250000");
    }

    @Test
    void rulesFireOnTheirTriggerAndModelOnly() throws Exception {
        odoo.automation(WebhookRule.onCreate("crm.lead", receiver.uri(), "name"));
        odoo.automation(WebhookRule.onWrite("project.task", receiver.uri()));
        long lead = create("crm.lead", Map.of("name", "Big deal"));
        write("crm.lead", lead, Map.of("name", "Bigger deal"));     // on create only: no second delivery
        long project = create("project.project", Map.of("name", "Support"));
        long task = create("project.task", Map.of("name", "Printer jammed", "project_id", project)); // on update only
        write("project.task", task, Map.of("priority", "1"));
        create("res.partner", Map.of("name", "No rule"));
        odoo.webhooks().deliver();
        List<JsonNode> bodies = receiver.received().stream().map(r -> json(r.body())).toList();
        assertThat(bodies).extracting(b -> b.get("_model").asText() + "/" + b.get("_id").asLong())
                .containsExactly("crm.lead/" + lead, "project.task/" + task);
        assertThat(bodies.get(1).has("priority")).as("no fields selected: _action, _id and _model only").isFalse();
        assertThat(bodies.get(1).size()).isEqualTo(3);
    }

    @Test
    void aCallThatRollsBackSendsNothing() throws Exception {
        odoo.automation(WebhookRule.onCreateOrWrite("crm.lead", receiver.uri(), "name"));
        // a batch create whose second lead lacks the required name: the first is rolled back with it
        JsonNode r = http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "method", "call", "id", 7, "params", Map.of("service", "object",
                "method", "execute_kw", "args", List.of("odoo", 2, "key-1", "crm.lead", "create",
                        List.of(List.of(Map.of("name", "X"), Map.of("email_from", "y@example.test"))), Map.of())))).json();
        assertThat(r.has("error")).as("%s", r).isTrue();
        assertThat(odoo.count("crm.lead")).isZero();
        assertThat(odoo.webhooks().pending()).isEmpty();
    }

    @Test
    void aDroppedDeliveryNeverArrivesAndIsNotSentAgain() throws Exception {
        odoo.automation(WebhookRule.onCreateOrWrite("res.partner", receiver.uri(), "name"));
        create("res.partner", Map.of("name", "Lost"));
        create("res.partner", Map.of("name", "Kept"));
        odoo.webhooks().dropNext(1);                                 // the 1 s timeout, a worker restarted after the commit
        assertThat(odoo.webhooks().deliver()).containsExactly(-1, 200);
        assertThat(receiver.received()).extracting(r -> json(r.body()).get("name").asText()).containsExactly("Kept");
        assertThat(odoo.webhooks().dropped()).hasSize(1);
        assertThat(odoo.webhooks().deliver()).isEmpty();
    }

    @Test
    void deliveriesCanComeTwiceAndOutOfOrder() throws Exception {
        odoo.automation(WebhookRule.onCreateOrWrite("res.partner", receiver.uri(), "name"));
        long id = create("res.partner", Map.of("name", "First"));
        write("res.partner", id, Map.of("name", "Second"));
        odoo.webhooks().duplicateEach(true).outOfOrder(true);
        assertThat(odoo.webhooks().deliver()).containsExactly(200, 200, 200, 200);
        assertThat(receiver.received()).extracting(r -> json(r.body()).get("name").asText()).containsExactly("Second", "Second", "First", "First");
    }

    @Test
    void aReceiverAnswering5xxIsNotRetried() throws Exception {
        try (Receiver failing = new Receiver(503)) {
            odoo.automation(WebhookRule.onCreateOrWrite("res.partner", failing.uri(), "name"));
            create("res.partner", Map.of("name", "Refused"));
            assertThat(odoo.webhooks().deliver()).containsExactly(503); // Odoo logs "Webhook call failed" and forgets it
            assertThat(failing.received()).hasSize(1);
            assertThat(odoo.webhooks().pending()).isEmpty();
            assertThat(odoo.webhooks().deliver()).isEmpty();
        }
    }

    private static JsonNode json(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
