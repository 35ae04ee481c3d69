package dev.oakit.fakes.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.Http;
import dev.oakit.testing.base.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Journal entries in the fake Odoo, following addons/account/models/account_move.py (Odoo 17). */
class OdooJournalEntriesTest {
    private FakeOdoo odoo;
    private Http http;
    private long travel;
    private long payable;
    private long misc;

    @BeforeEach
    void start() {
        odoo = FakeOdoo.builder().clock(new TestClock(Instant.parse("2026-12-06T08:00:00Z"))).apiKey("key-1").start();
        http = new Http(odoo.baseUri());
        odoo.create("account.journal", Map.of("name", "Customer Invoices", "code", "INV", "type", "sale", "sequence", 5));
        misc = odoo.create("account.journal", Map.of("name", "Miscellaneous Operations", "code", "MISC", "type", "general"));
        travel = odoo.create("account.account", Map.of("code", "625100", "name", "Travel Expenses", "account_type", "expense"));
        payable = odoo.create("account.account", Map.of("code", "211000", "name", "Account Payable", "account_type", "liability_payable"));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    private JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        return http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "method", "call", "id", 7, "params", Map.of("service", "object",
                "method", "execute_kw", "args", List.of("odoo", 2, "admin", model, method, args, kwargs)))).json();
    }

    private Map<String, Object> entry(String ref, Object debit, Object credit) {
        return Map.of("ref", ref, "line_ids", List.of(
                List.of(0, 0, Map.of("account_id", travel, "name", "Train", "debit", debit, "analytic_distribution", Map.of("7", 100))),
                List.of(0, 0, Map.of("account_id", payable, "name", "Alice", "credit", credit))));
    }

    private long create(String ref, Object debit, Object credit) throws Exception {
        return execute("account.move", "create", List.of(entry(ref, debit, credit)), Map.of()).get("result").asLong();
    }

    @Test
    void aNewEntryIsADraftInTheMiscellaneousJournalAndPostingNumbersItPerJournalAndMonth() throws Exception {
        long id = create("OA-t1-EX-1", 89.5, 89.5);
        Map<String, Object> draft = odoo.record("account.move", id).orElseThrow();
        assertThat(draft).containsEntry("state", "draft").containsEntry("name", "/").containsEntry("move_type", "entry")
                .containsEntry("date", "2026-12-06").containsEntry("journal_id", List.of(misc, "Miscellaneous Operations"))
                .containsEntry("amount_total", 89.5);

        JsonNode post = execute("account.move", "action_post", List.of(List.of(id)), Map.of());
        assertThat(post.get("result").asBoolean(true)).as("action_post returns False").isFalse();
        assertThat(odoo.record("account.move", id).orElseThrow()).containsEntry("state", "posted").containsEntry("name", "MISC/2026/12/0001");
        assertThat(odoo.record("account.move", execute("account.move", "create", List.of(entry("OA-t1-EX-2", 1, 1)), Map.of())
                .get("result").asLong()).orElseThrow()).containsEntry("name", "/");

        JsonNode found = execute("account.move", "search_read", List.of(List.of(List.of("ref", "=", "OA-t1-EX-1"))),
                Map.of("fields", List.of("name", "state", "line_ids")));
        assertThat(found.get("result")).hasSize(1);
        assertThat(found.get("result").get(0).get("name").asText()).isEqualTo("MISC/2026/12/0001");
        JsonNode lines = execute("account.move.line", "read", List.of(List.of(found.get("result").get(0).get("line_ids").get(0).asLong())),
                Map.of("fields", List.of("account_id", "debit", "credit", "balance", "move_name", "analytic_distribution")));
        JsonNode line = lines.get("result").get(0);
        assertThat(line.get("account_id").get(1).asText()).isEqualTo("625100 Travel Expenses");
        assertThat(line.get("debit").asDouble()).isEqualTo(89.5);
        assertThat(line.get("balance").asDouble()).isEqualTo(89.5);
        assertThat(line.get("move_name").asText()).isEqualTo("MISC/2026/12/0001");
        assertThat(line.get("analytic_distribution").get("7").asInt()).isEqualTo(100);
    }

    @Test
    void anUnbalancedEntryIsAUserErrorAfterRoundingToTheCurrencyAndNothingIsStored() throws Exception {
        // Monetary values are rounded when set: 10.004 + 10.004 debits 20.00, 20.008 credits 20.01
        JsonNode r = execute("account.move", "create", List.of(Map.of("ref", "OA-1", "line_ids", List.of(
                List.of(0, 0, Map.of("account_id", travel, "debit", 10.004)), List.of(0, 0, Map.of("account_id", travel, "debit", 10.004)),
                List.of(0, 0, Map.of("account_id", payable, "credit", 20.008))))), Map.of());
        assertThat(r.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.UserError");
        assertThat(r.at("/error/data/message").asText()).startsWith("Cannot create unbalanced journal entry. Ids: [")
                .endsWith("Differences debit - credit: [-0.01]");
        assertThat(odoo.count("account.move")).isZero();
        assertThat(odoo.count("account.move.line")).isZero();
    }

    @Test
    void cancelResetToDraftAndWhatOdooRefuses() throws Exception {
        long id = create("OA-1", 10, 10);
        execute("account.move", "action_post", List.of(List.of(id)), Map.of());
        assertThat(execute("account.move", "action_post", List.of(List.of(id)), Map.of()).at("/error/data/message").asText())
                .isEqualTo("The entry MISC/2026/12/0001 (id " + id + ") is already posted.");
        JsonNode cancel = execute("account.move", "button_cancel", List.of(List.of(id)), Map.of());
        assertThat(cancel.has("result")).as("None").isFalse();
        assertThat(cancel.has("error")).isFalse();
        assertThat(odoo.record("account.move", id).orElseThrow()).containsEntry("state", "cancel");
        assertThat(execute("account.move", "button_cancel", List.of(List.of(id)), Map.of()).at("/error/data/message").asText())
                .isEqualTo("Only draft journal entries can be cancelled.");
        execute("account.move", "button_draft", List.of(List.of(id)), Map.of());
        assertThat(odoo.record("account.move", id).orElseThrow()).containsEntry("state", "draft").containsEntry("name", "MISC/2026/12/0001");
        assertThat(execute("account.move", "unlink", List.of(List.of(id)), Map.of()).at("/error/data/message").asText())
                .isEqualTo("You cannot delete an entry which has been posted once.");
        assertThat(execute("account.move", "button_confirm", List.of(List.of(id)), Map.of()).at("/error/data/name").asText())
                .isEqualTo("builtins.AttributeError");

        long draft = create("OA-2", 5, 5);
        assertThat(execute("account.move", "unlink", List.of(List.of(draft)), Map.of()).get("result").asBoolean()).isTrue();
        assertThat(odoo.count("account.move.line")).isEqualTo(2);
    }

    @Test
    void fieldsGetDescribesEntriesAndTheirLines() throws Exception {
        JsonNode f = execute("account.move", "fields_get", List.of(), Map.of("attributes", List.of("type", "relation", "relation_field",
                "required"))).get("result");
        assertThat(f.at("/line_ids/type").asText()).isEqualTo("one2many");
        assertThat(f.at("/line_ids/relation").asText()).isEqualTo("account.move.line");
        assertThat(f.at("/line_ids/relation_field").asText()).isEqualTo("move_id");
        assertThat(f.at("/journal_id/required").asBoolean()).isTrue();
        JsonNode l = execute("account.move.line", "fields_get", List.of(), Map.of("attributes", List.of("type"))).get("result");
        assertThat(l.at("/debit/type").asText()).isEqualTo("monetary");
        assertThat(l.at("/analytic_distribution/type").asText()).isEqualTo("json");
    }

    @Test
    void commitThenTimeoutLeavesTheEntryCommitted() {
        odoo.failures().responseDelay(Duration.ofSeconds(3)).nextCall("account.move", "create", Failure.COMMIT_THEN_TIMEOUT);
        http.timeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> create("OA-1", 10, 10)).isInstanceOf(HttpTimeoutException.class);
        assertThat(odoo.records("account.move")).singleElement().satisfies(m -> assertThat(m).containsEntry("ref", "OA-1")
                .containsEntry("state", "draft"));
    }
}
