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

/**
 * The API shapes of the fake Odoo. Each test names the Odoo source whose behaviour it follows.
 */
class FakeOdooTest {
    private TestClock clock;
    private FakeOdoo odoo;
    private Http http;
    private long vendor;
    private long product;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        odoo = FakeOdoo.builder().clock(clock).apiKey("key-1").start();
        http = new Http(odoo.baseUri());
        vendor = odoo.create("res.partner", Map.of("name", "Acme Supplies", "is_company", true, "supplier_rank", 1));
        product = odoo.create("product.product", Map.of("name", "Drill", "default_code", "DR-1", "standard_price", 40.0));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    private JsonNode rpc(String service, String method, Object... args) throws Exception {
        Http.Answer a = http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "method", "call", "id", 7,
                "params", Map.of("service", service, "method", method, "args", List.of(args))));
        assertThat(a.status()).as("JSON-RPC answers 200 even for errors").isEqualTo(200);
        return a.json();
    }

    private JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        return rpc("object", "execute_kw", "odoo", 2, "admin", model, method, args, kwargs);
    }

    private Http.Answer json2(String model, String method, Map<String, ?> body) throws Exception {
        return http.post("/json/2/" + model + "/" + method, body, Map.of("Authorization", "bearer key-1"));
    }

    private static Map<String, Object> order(String origin, long partner, long product, double qty, double price) {
        return Map.of("partner_id", partner, "origin", origin,
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_qty", qty, "price_unit", price))));
    }

    @Test
    void commonServiceVersionLoginAuthenticate() throws Exception {
        // odoo/service/common.py: version() is a dict; login()/authenticate() return the uid or False
        JsonNode v = rpc("common", "version");
        assertThat(v.get("id").asInt()).isEqualTo(7);
        assertThat(v.at("/result/server_version").asText()).isEqualTo("17.0");
        assertThat(v.at("/result/protocol_version").asInt()).isEqualTo(1);
        assertThat(rpc("common", "login", "odoo", "admin", "admin").get("result").asInt()).isEqualTo(2);
        assertThat(rpc("common", "authenticate", "odoo", "admin", "key-1", Map.of()).get("result").asInt())
                .as("an API key replaces the password over RPC").isEqualTo(2);
        assertThat(rpc("common", "login", "odoo", "admin", "wrong").get("result").asBoolean()).isFalse();
    }

    @Test
    void executeKwWithAWrongPasswordIsAccessDenied() throws Exception {
        // odoo/service/model.py dispatch -> res.users._check_uid_passwd raises AccessDenied; JsonRPCDispatcher.handle_error
        JsonNode r = rpc("object", "execute_kw", "odoo", 2, "nope", "res.partner", "search", List.of(List.of()), Map.of());
        assertThat(r.has("result")).isFalse();
        assertThat(r.at("/error/code").asInt()).isEqualTo(200);
        assertThat(r.at("/error/message").asText()).isEqualTo("Odoo Server Error");
        assertThat(r.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.AccessDenied");
        assertThat(r.at("/error/data/message").asText()).isEqualTo("Access Denied");
        assertThat(r.at("/error/data/arguments/0").asText()).isEqualTo("Access Denied");
        assertThat(r.at("/error/data/debug").asText()).startsWith("Traceback");
    }

    @Test
    void createsAPurchaseOrderWithLinesAndReadsItBack() throws Exception {
        // create(dict) over RPC returns one id; order_line takes Command.create (0, 0, vals); name from the sequence
        JsonNode created = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 3, 40.0)), Map.of());
        long id = created.get("result").asLong();
        JsonNode read = execute("purchase.order", "read", List.of(List.of(id), List.of("name", "partner_id", "origin", "state", "order_line",
                "amount_total", "date_approve", "partner_ref")), Map.of()).get("result").get(0);
        assertThat(read.get("id").asLong()).isEqualTo(id);
        assertThat(read.get("name").asText()).isEqualTo("P00001");
        assertThat(read.get("partner_id").get(0).asLong()).as("many2one reads as [id, display name]").isEqualTo(vendor);
        assertThat(read.get("partner_id").get(1).asText()).isEqualTo("Acme Supplies");
        assertThat(read.get("state").asText()).isEqualTo("draft");
        assertThat(read.get("amount_total").asDouble()).isEqualTo(120.0);
        assertThat(read.get("date_approve").asBoolean()).as("an empty field reads as False").isFalse();
        assertThat(read.get("partner_ref").isBoolean()).isTrue();
        assertThat(read.get("order_line")).hasSize(1);
        JsonNode line = execute("purchase.order.line", "read", List.of(List.of(read.get("order_line").get(0).asLong())),
                Map.of("fields", List.of("name", "product_id", "price_subtotal"))).get("result").get(0);
        assertThat(line.get("name").asText()).as("the line's description defaults to the product").isEqualTo("[DR-1] Drill");
        assertThat(line.get("price_subtotal").asDouble()).isEqualTo(120.0);
        // create([dict]) returns a list of ids
        JsonNode many = execute("res.partner", "create", List.of(List.of(Map.of("name", "B"), Map.of("name", "C"))), Map.of());
        assertThat(many.get("result").isArray()).isTrue();
        assertThat(many.get("result")).hasSize(2);
    }

    @Test
    void searchReadOnOriginAndWriteDateForIncrementalSync() throws Exception {
        long first = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 1)), Map.of()).get("result").asLong();
        clock.set(Instant.parse("2026-03-01T09:00:00Z"));
        long second = execute("purchase.order", "create", List.of(order("OA-2", vendor, product, 1, 1)), Map.of()).get("result").asLong();

        JsonNode byKey = execute("purchase.order", "search_read", List.of(List.of(List.of("origin", "=", "OA-2"))),
                Map.of("fields", List.of("name", "origin"), "context", Map.of("lang", "en_US"))).get("result");
        assertThat(byKey).hasSize(1);
        assertThat(byKey.get(0).get("id").asLong()).isEqualTo(second);
        assertThat(byKey.get(0).size()).as("only the fields asked for, plus id").isEqualTo(3);

        JsonNode changed = execute("purchase.order", "search_read", List.of(List.of(List.of("write_date", ">=", "2026-03-01 08:30:00"))),
                Map.of("fields", List.of("write_date"), "order", "write_date asc, id asc")).get("result");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("write_date").asText()).isEqualTo("2026-03-01 09:00:00");

        JsonNode in = execute("purchase.order", "search", List.of(List.of(List.of("origin", "in", List.of("OA-1", "OA-2")))),
                Map.of("order", "id asc")).get("result");
        assertThat(in).hasSize(2);
        assertThat(in.get(0).asLong()).isEqualTo(first);
        // the default order of purchase.order is 'priority desc, id desc'
        assertThat(execute("purchase.order", "search", List.of(List.of()), Map.of()).get("result").get(0).asLong()).isEqualTo(second);
        assertThat(execute("purchase.order", "search", List.of(List.of()), Map.of("limit", 1, "offset", 1)).get("result").get(0).asLong())
                .isEqualTo(first);
        assertThat(execute("purchase.order", "search_count", List.of(List.of("|", List.of("origin", "=", "OA-1"), List.of("origin", "=", "OA-2"))),
                Map.of()).get("result").asInt()).isEqualTo(2);
        assertThat(execute("purchase.order", "search_count", List.of(List.of(List.of("write_date", ">", "2026-03-01 09:00:00"))),
                Map.of()).get("result").asInt()).isZero();
    }

    @Test
    void pagesOrderedByWriteDateAreStableWhenManyRecordsShareATimestampAndAfterARollback() throws Exception {
        // 20 partners stamped in the same microsecond, 4 a second later, then 2 of the first written later still: paging
        // by offset gives each record once, in the order of the full sort (equal write_date by id, as PostgreSQL's sort
        // of the same rows may); an order created by a call that failed is rolled back and is in no page
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        List<Long> same = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            same.add(odoo.create("res.partner", Map.of("name", "P" + (20 - i), "supplier_rank", 1)));
        }
        clock.set(Instant.parse("2026-03-02T10:00:01Z"));
        List<Long> later = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(odoo.create("res.partner", Map.of("name", "Q" + i, "supplier_rank", 1)));
        }
        clock.set(Instant.parse("2026-03-02T10:00:02Z"));
        List<Long> written = List.of(same.get(7), same.get(3));
        assertThat(execute("res.partner", "write", List.of(written, Map.of("email", "x@example.com")), Map.of()).has("result")).isTrue();
        List<Long> unchanged = same.stream().filter(id -> !written.contains(id)).toList();

        List<Object> since = List.of(List.of("write_date", ">=", "2026-03-02 10:00:00"));
        List<Long> ascending = new java.util.ArrayList<>(unchanged);
        ascending.addAll(later);
        ascending.addAll(List.of(same.get(3), same.get(7)));
        assertThat(pages("res.partner", since, "write_date asc, id asc", 7)).containsExactlyElementsOf(ascending);
        assertThat(pages("res.partner", since, "write_date asc", 5)).containsExactlyElementsOf(ascending);
        List<Long> byName = new java.util.ArrayList<>(unchanged.stream().sorted(java.util.Comparator.comparing(id -> odoo.record("res.partner", id)
                .orElseThrow().get("name").toString())).toList());
        byName.addAll(later);
        byName.addAll(List.of(same.get(7), same.get(3))); // P13 before P17
        assertThat(pages("res.partner", since, "write_date, name", 6)).as("ties sorted by the rest of the order").containsExactlyElementsOf(byName);
        List<Long> descending = new java.util.ArrayList<>(List.of(same.get(3), same.get(7)));
        descending.addAll(later);
        descending.addAll(unchanged);
        assertThat(pages("res.partner", since, "write_date desc", 4)).containsExactlyElementsOf(descending);
        assertThat(pages("res.partner", List.of(List.of("write_date", ">", "2026-03-02 10:00:00"), List.of("write_date", "<", "2026-03-02 10:00:02")),
                "write_date asc, id asc", 3)).containsExactlyElementsOf(later);
        assertThat(pages("res.partner", List.of("|", List.of("name", "=", "Q1"), List.of("name", "=", "P20")), "write_date asc", 3))
                .containsExactly(same.get(0), later.get(1));

        clock.set(Instant.parse("2026-03-02T10:00:03Z"));
        long po = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 1)), Map.of()).get("result").asLong();
        odoo.failures().rejectLine("DR-1", "Line refused");
        clock.set(Instant.parse("2026-03-02T10:00:04Z"));
        assertThat(execute("purchase.order", "create", List.of(order("OA-2", vendor, product, 1, 1)), Map.of()).has("error")).isTrue();
        assertThat(pages("purchase.order", since, "write_date desc", 2)).as("the failed call's order is rolled back").containsExactly(po);
    }

    /** Every page of a search by offset, until a page comes back short. */
    private List<Long> pages(String model, List<Object> domain, String order, int size) throws Exception {
        List<Long> all = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += size) {
            JsonNode page = execute(model, "search", List.of(domain), Map.of("order", order, "offset", offset, "limit", size)).get("result");
            page.forEach(n -> all.add(n.asLong()));
            if (page.size() < size) {
                return all;
            }
        }
    }

    @Test
    void budgetLinesAreFoundByAnalyticAccountPeriodAndState() throws Exception {
        long workshop = odoo.create("account.analytic.account", Map.of("name", "Workshop"));
        long budget = odoo.create("crossovered.budget", Map.of("name", "Budget 2026", "date_from", "2026-01-01", "date_to", "2026-12-31",
                "state", "validate"));
        odoo.create("crossovered.budget.lines", Map.of("crossovered_budget_id", budget, "analytic_account_id", workshop,
                "date_from", "2026-01-01", "date_to", "2026-06-30", "planned_amount", -1000.0, "practical_amount", -900.0,
                "crossovered_budget_state", "validate"));
        odoo.create("crossovered.budget.lines", Map.of("crossovered_budget_id", budget, "analytic_account_id", workshop,
                "date_from", "2026-07-01", "date_to", "2026-12-31", "planned_amount", -2000.0, "crossovered_budget_state", "validate"));
        JsonNode lines = execute("crossovered.budget.lines", "search_read", List.of(List.of(List.of("analytic_account_id", "=", workshop),
                        List.of("date_from", "<=", "2026-03-15"), List.of("date_to", ">=", "2026-03-15"),
                        List.of("crossovered_budget_state", "in", List.of("confirm", "validate")))),
                Map.of("fields", List.of("planned_amount", "practical_amount"))).get("result");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("planned_amount").asDouble()).isEqualTo(-1000.0);
        assertThat(lines.get(0).get("practical_amount").asDouble()).isEqualTo(-900.0);
        JsonNode fields = execute("crossovered.budget.lines", "fields_get", List.of(), Map.of("attributes", List.of("type", "relation")))
                .get("result");
        assertThat(fields.at("/analytic_account_id/relation").asText()).isEqualTo("account.analytic.account");
    }

    @Test
    void writeDateReadsInSecondsButComparesInMicroseconds() throws Exception {
        // the ORM stamps write_date with the transaction's timestamp (microseconds in PostgreSQL) and reads it back
        // as "YYYY-MM-DD HH:MM:SS": a record changed later in the same second is still "> watermark"
        clock.set(Instant.parse("2026-03-01T09:00:00.250Z"));
        long id = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 1)), Map.of()).get("result").asLong();
        JsonNode read = execute("purchase.order", "read", List.of(List.of(id), List.of("write_date")), Map.of()).get("result").get(0);
        assertThat(read.get("write_date").asText()).isEqualTo("2026-03-01 09:00:00");
        assertThat(execute("purchase.order", "search_count", List.of(List.of(List.of("write_date", ">", "2026-03-01 09:00:00"))),
                Map.of()).get("result").asInt()).isEqualTo(1);
        assertThat(execute("purchase.order", "search_count", List.of(List.of(List.of("write_date", "=", "2026-03-01 09:00:00"))),
                Map.of()).get("result").asInt()).isZero();
    }

    @Test
    void confirmAndCancelMoveTheState() throws Exception {
        // addons/purchase: button_confirm draft -> purchase (returns True); button_cancel -> cancel (returns None,
        // and the JSON-RPC answer then has no "result" key); orders not in draft/sent are skipped by button_confirm
        long id = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 1)), Map.of()).get("result").asLong();
        assertThat(execute("purchase.order", "button_confirm", List.of(List.of(id)), Map.of()).get("result").asBoolean()).isTrue();
        assertThat(odoo.record("purchase.order", id).orElseThrow()).containsEntry("state", "purchase");
        assertThat(odoo.record("purchase.order", id).orElseThrow().get("date_approve")).isNotEqualTo(false);
        assertThat(execute("purchase.order", "button_confirm", List.of(List.of(id)), Map.of()).get("result").asBoolean()).isTrue();
        JsonNode cancel = execute("purchase.order", "button_cancel", List.of(List.of(id)), Map.of());
        assertThat(cancel.has("result")).isFalse();
        assertThat(cancel.has("error")).isFalse();
        assertThat(odoo.record("purchase.order", id).orElseThrow()).containsEntry("state", "cancel");
        JsonNode reconfirm = execute("purchase.order", "button_confirm", List.of(List.of(id)), Map.of());
        assertThat(reconfirm.get("result").asBoolean()).isTrue();
        assertThat(odoo.record("purchase.order", id).orElseThrow()).as("a cancelled order is not confirmed").containsEntry("state", "cancel");
    }

    @Test
    void aMissingMandatoryFieldIsAValidationErrorAndNothingIsStored() throws Exception {
        // odoo/service/model.py turns the NOT NULL violation into a ValidationError; the transaction is rolled back
        JsonNode r = execute("purchase.order", "create", List.of(Map.of("origin", "OA-9",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product))))), Map.of());
        assertThat(r.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(r.at("/error/data/message").asText()).contains("a mandatory field is not set").contains("Field: Vendor (partner_id)");
        assertThat(odoo.count("purchase.order")).isZero();
        assertThat(odoo.count("purchase.order.line")).isZero();
    }

    @Test
    void readingADeletedRecordIsAMissingError() throws Exception {
        JsonNode r = execute("purchase.order", "read", List.of(List.of(99), List.of("name")), Map.of());
        assertThat(r.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.MissingError");
        assertThat(r.at("/error/data/message").asText()).startsWith("Record does not exist or has been deleted.");
    }

    @Test
    void unknownModelMethodFieldAndKeyword() throws Exception {
        assertThat(execute("no.such", "search", List.of(List.of()), Map.of()).at("/error/data/message").asText())
                .isEqualTo("Object no.such doesn't exist");
        assertThat(execute("res.partner", "button_confirm", List.of(List.of(1)), Map.of()).at("/error/data/name").asText())
                .isEqualTo("builtins.AttributeError");
        assertThat(execute("res.partner", "_private", List.of(List.of(1)), Map.of()).at("/error/data/name").asText())
                .isEqualTo("odoo.exceptions.AccessError");
        assertThat(execute("res.partner", "write", List.of(List.of(vendor), Map.of("nope", 1)), Map.of()).at("/error/data/message").asText())
                .isEqualTo("Invalid field 'nope' on model 'res.partner'");
        assertThat(execute("res.partner", "search_read", List.of(List.of()), Map.of("bogus", 1)).at("/error/data/message").asText())
                .isEqualTo("search_read() got an unexpected keyword argument 'bogus'");
    }

    @Test
    void fieldsGetAndAFieldRemovedFromTheMetadata() throws Exception {
        JsonNode fields = execute("purchase.order", "fields_get", List.of(), Map.of("attributes", List.of("type", "required", "relation"))).get("result");
        assertThat(fields.at("/partner_id/type").asText()).isEqualTo("many2one");
        assertThat(fields.at("/partner_id/relation").asText()).isEqualTo("res.partner");
        assertThat(fields.at("/partner_id/required").asBoolean()).isTrue();
        assertThat(fields.at("/order_line/type").asText()).isEqualTo("one2many");
        assertThat(fields.has("origin")).isTrue();

        odoo.removeField("purchase.order", "origin");
        assertThat(execute("purchase.order", "fields_get", List.of(), Map.of()).get("result").has("origin")).isFalse();
        JsonNode r = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 1)), Map.of());
        assertThat(r.at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
        assertThat(r.at("/error/data/message").asText()).isEqualTo("Invalid field 'origin' on model 'purchase.order'");
        odoo.restoreField("purchase.order", "origin");
        assertThat(execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 1)), Map.of()).has("result")).isTrue();
    }

    @Test
    void writeUpdatesLinesWithCommandsAndStampsWriteDate() throws Exception {
        long id = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 10)), Map.of()).get("result").asLong();
        long line = ((Number) ((List<?>) odoo.record("purchase.order", id).orElseThrow().get("order_line")).get(0)).longValue();
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        JsonNode w = execute("purchase.order", "write", List.of(List.of(id), Map.of("partner_ref", "V-77",
                "order_line", List.of(List.of(1, line, Map.of("product_qty", 5)), List.of(0, 0, Map.of("product_id", product, "price_unit", 2.5))))), Map.of());
        assertThat(w.get("result").asBoolean()).isTrue();
        Map<String, Object> po = odoo.record("purchase.order", id).orElseThrow();
        assertThat(po).containsEntry("partner_ref", "V-77").containsEntry("write_date", "2026-03-02 10:00:00").containsEntry("amount_total", 52.5);
        assertThat((List<?>) po.get("order_line")).hasSize(2);
        execute("purchase.order", "write", List.of(List.of(id), Map.of("order_line", List.of(List.of(2, line, 0)))), Map.of());
        assertThat((List<?>) odoo.record("purchase.order", id).orElseThrow().get("order_line")).hasSize(1);
    }

    @Test
    void masterDataAndStock() throws Exception {
        long analytic = odoo.create("account.analytic.account", Map.of("name", "Field Service", "code", "FS"));
        odoo.create("project.project", Map.of("name", "Repairs 2026", "account_id", analytic));
        odoo.create("hr.employee", Map.of("name", "Li Wei", "work_email", "li.wei@example.com"));
        odoo.setQuantityOnHand(product, 12);
        JsonNode projects = execute("project.project", "search_read", List.of(List.of()), Map.of("fields", List.of("name", "account_id"))).get("result");
        assertThat(projects.get(0).get("account_id").get(1).asText()).isEqualTo("Field Service");
        JsonNode stock = execute("product.product", "search_read", List.of(List.of(List.of("default_code", "=", "DR-1"))),
                Map.of("fields", List.of("qty_available"))).get("result");
        assertThat(stock.get(0).get("qty_available").asDouble()).isEqualTo(12.0);
        assertThat(execute("hr.employee", "search_count", List.of(List.of(List.of("work_email", "ilike", "LI.WEI"))), Map.of()).get("result").asInt())
                .isEqualTo(1);
        // writing a computed field is ignored, as the ORM ignores it without an inverse
        execute("product.product", "write", List.of(List.of(product), Map.of("qty_available", 1)), Map.of());
        assertThat(odoo.record("product.product", product).orElseThrow()).containsEntry("qty_available", 12.0);
    }

    @Test
    void unlinkNeedsACancelledOrder() throws Exception {
        long id = execute("purchase.order", "create", List.of(order("OA-1", vendor, product, 1, 1)), Map.of()).get("result").asLong();
        assertThat(execute("purchase.order", "unlink", List.of(List.of(id)), Map.of()).at("/error/data/message").asText())
                .isEqualTo("In order to delete a purchase order, you must cancel it first.");
        execute("purchase.order", "button_cancel", List.of(List.of(id)), Map.of());
        assertThat(execute("purchase.order", "unlink", List.of(List.of(id)), Map.of()).get("result").asBoolean()).isTrue();
        assertThat(odoo.count("purchase.order")).isZero();
        assertThat(odoo.count("purchase.order.line")).isZero();
    }

    @Test
    void webSessionAuthenticateThenCallKwWithTheCookieUntilTheSessionExpires() throws Exception {
        // odoo/addons/web/controllers/session.py authenticate sets the session_id cookie; an unknown session is
        // answered with code 100 "Odoo Session Expired" (JsonRPCDispatcher.handle_error)
        Http.Answer login = http.post("/web/session/authenticate", Map.of("jsonrpc", "2.0", "id", 1,
                "params", Map.of("db", "odoo", "login", "admin", "password", "admin")));
        assertThat(login.json().at("/result/uid").asInt()).isEqualTo(2);
        String cookie = login.header("Set-Cookie").split(";")[0];
        assertThat(cookie).startsWith("session_id=");
        Map<String, Object> call = Map.of("jsonrpc", "2.0", "id", 2, "params", Map.of("model", "res.partner", "method", "search_read",
                "args", List.of(List.of()), "kwargs", Map.of("fields", List.of("name"))));
        Http.Answer ok = http.post("/web/dataset/call_kw/res.partner/search_read", call, Map.of("Cookie", cookie));
        assertThat(ok.json().get("result")).hasSize(1);

        odoo.expireSessions();
        JsonNode expired = http.post("/web/dataset/call_kw", call, Map.of("Cookie", cookie)).json();
        assertThat(expired.at("/error/code").asInt()).isEqualTo(100);
        assertThat(expired.at("/error/message").asText()).isEqualTo("Odoo Session Expired");
        assertThat(expired.at("/error/data/name").asText()).isEqualTo("odoo.http.SessionExpiredException");

        JsonNode denied = http.post("/web/session/authenticate", Map.of("jsonrpc", "2.0", "id", 3,
                "params", Map.of("db", "odoo", "login", "admin", "password", "bad"))).json();
        assertThat(denied.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.AccessDenied");
    }

    @Test
    void json2NamedArgumentsAndBareResults() throws Exception {
        // odoo/addons/rpc/controllers/json2.py: body keys are named arguments, ids go in "ids", the result is the
        // bare JSON value (a recordset becomes its ids)
        Http.Answer created = json2("purchase.order", "create", Map.of("vals_list", List.of(order("OA-1", vendor, product, 2, 5)),
                "context", Map.of("lang", "en_US")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().isArray()).isTrue();
        long id = created.json().get(0).asLong();
        Http.Answer read = json2("purchase.order", "search_read", Map.of("domain", List.of(List.of("origin", "=", "OA-1")),
                "fields", List.of("name", "state")));
        assertThat(read.json().get(0).get("name").asText()).isEqualTo("P00001");
        assertThat(json2("purchase.order", "button_confirm", Map.of("ids", List.of(id))).json().asBoolean()).isTrue();
        assertThat(json2("purchase.order", "write", Map.of("ids", List.of(id), "vals", Map.of("partner_ref", "X"))).json().asBoolean()).isTrue();
        assertThat(json2("purchase.order", "search_count", Map.of("domain", List.of())).json().asInt()).isEqualTo(1);
        assertThat(json2("purchase.order", "button_cancel", Map.of("ids", List.of(id))).body()).isEqualTo("null");
    }

    @Test
    void json2ErrorsUseHttpStatusesAndTheSerializedException() throws Exception {
        // odoo/http.py Json2Dispatcher.handle_error: UserError.http_status (422), MissingError 404, werkzeug codes
        Http.Answer badKey = http.post("/json/2/res.partner/search", Map.of("domain", List.of()), Map.of("Authorization", "bearer nope"));
        assertThat(badKey.status()).isEqualTo(401);
        assertThat(badKey.json().get("name").asText()).isEqualTo("werkzeug.exceptions.Unauthorized");
        assertThat(badKey.json().get("message").asText()).isEqualTo("Invalid apikey");
        assertThat(badKey.json().get("arguments").get(1).asInt()).isEqualTo(401);
        assertThat(badKey.json().has("context")).isTrue();
        assertThat(badKey.json().has("debug")).isTrue();

        Http.Answer noModel = json2("no.model", "search", Map.of("domain", List.of()));
        assertThat(noModel.status()).isEqualTo(404);
        assertThat(noModel.json().get("message").asText()).isEqualTo("the model 'no.model' does not exist");
        assertThat(json2("res.partner", "nope", Map.of()).status()).isEqualTo(404);
        Http.Answer withIds = json2("res.partner", "search", Map.of("ids", List.of(1), "domain", List.of()));
        assertThat(withIds.status()).isEqualTo(422);
        assertThat(withIds.json().get("message").asText()).isEqualTo("cannot call res.partner.search with ids");
        Http.Answer badArg = json2("res.partner", "search", Map.of("domain", List.of(), "badparameter", 1));
        assertThat(badArg.status()).isEqualTo(422);
        assertThat(badArg.json().get("message").asText()).isEqualTo("got an unexpected keyword argument 'badparameter'");

        Http.Answer invalid = json2("purchase.order", "create", Map.of("vals_list", List.of(Map.of("origin", "x"))));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        Http.Answer missing = json2("purchase.order", "read", Map.of("ids", List.of(42), "fields", List.of("name")));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("name").asText()).isEqualTo("odoo.exceptions.MissingError");
    }
}
