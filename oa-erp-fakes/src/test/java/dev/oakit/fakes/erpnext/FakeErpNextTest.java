package dev.oakit.fakes.erpnext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.Http;
import dev.oakit.testing.base.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API shapes of the fake ERPNext. Each test names the Frappe / ERPNext source whose behaviour it follows.
 */
class FakeErpNextTest {
    private TestClock clock;
    private FakeErpNext erp;
    private Http http;
    private Map<String, String> token;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        erp = FakeErpNext.builder().clock(clock).apiKey("k1", "s1").start();
        http = new Http(erp.baseUri());
        token = Map.of("Authorization", "token k1:s1");
        erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
        erp.insert("Item", Map.of("item_code", "DR-1", "item_name", "Drill", "valuation_rate", 40.0));
    }

    @AfterEach
    void stop() {
        erp.close();
    }

    static Map<String, Object> po(String key, String item, double qty, double rate) {
        return Map.of("supplier", "Acme Supplies", "custom_oakit_key", key, "schedule_date", "2026-03-10",
                "items", List.of(Map.of("item_code", item, "qty", qty, "rate", rate)));
    }

    private Http.Answer insertPo(Map<String, Object> body) throws Exception {
        return http.post("/api/resource/Purchase Order", body, token);
    }

    private static String q(Object json) throws Exception {
        return URLEncoder.encode(Http.JSON.writeValueAsString(json), StandardCharsets.UTF_8);
    }

    @Test
    void insertsAPurchaseOrderAndReadsItBack() throws Exception {
        // frappe/api/v1.py create_doc: new_doc(...).insert(), answered {"data": doc}; the naming series gives the name
        Http.Answer created = insertPo(po("OA-1", "DR-1", 3, 40));
        assertThat(created.status()).isEqualTo(200);
        JsonNode doc = created.json().get("data");
        assertThat(doc.get("name").asText()).isEqualTo("PUR-ORD-2026-00001");
        assertThat(doc.get("doctype").asText()).isEqualTo("Purchase Order");
        assertThat(doc.get("docstatus").asInt()).isZero();
        assertThat(doc.get("status").asText()).isEqualTo("Draft");
        assertThat(doc.get("supplier_name").asText()).isEqualTo("Acme Supplies");
        assertThat(doc.get("company").asText()).isEqualTo("Acme Corp");
        assertThat(doc.get("transaction_date").asText()).isEqualTo("2026-03-01");
        assertThat(doc.get("grand_total").asDouble()).isEqualTo(120.0);
        assertThat(doc.get("modified").asText()).isEqualTo("2026-03-01 08:00:00.000000");
        JsonNode row = doc.get("items").get(0);
        assertThat(row.get("parent").asText()).isEqualTo("PUR-ORD-2026-00001");
        assertThat(row.get("parentfield").asText()).isEqualTo("items");
        assertThat(row.get("parenttype").asText()).isEqualTo("Purchase Order");
        assertThat(row.get("idx").asInt()).isEqualTo(1);
        assertThat(row.get("amount").asDouble()).isEqualTo(120.0);
        assertThat(row.get("uom").asText()).isEqualTo("Nos");
        assertThat(doc.has("terms")).as("as_dict(no_nulls=True): empty fields are left out").isFalse();

        JsonNode got = http.get("/api/resource/Purchase Order/PUR-ORD-2026-00001", token).json().get("data");
        assertThat(got.get("custom_oakit_key").asText()).isEqualTo("OA-1");
        assertThat(got.get("items")).hasSize(1);
    }

    @Test
    void listWithFiltersFieldsPagingAndOrder() throws Exception {
        insertPo(po("OA-1", "DR-1", 1, 1));
        clock.set(Instant.parse("2026-03-01T09:00:00Z"));
        insertPo(po("OA-2", "DR-1", 1, 1));
        insertPo(po("OA-3", "DR-1", 1, 1));

        // frappe/api/v1.py document_list: default fields ["name"], 20 rows, order "modified desc"
        JsonNode all = http.get("/api/resource/Purchase Order", token).json().get("data");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).size()).isEqualTo(1);
        assertThat(all.get(2).get("name").asText()).isEqualTo("PUR-ORD-2026-00001");

        String since = "/api/resource/Purchase Order?fields=" + q(List.of("name", "modified", "custom_oakit_key"))
                + "&filters=" + q(List.of(List.of("modified", ">", "2026-03-01 08:30:00"))) + "&order_by=modified%20asc,name%20asc"
                + "&limit_start=1&limit_page_length=5";
        JsonNode page = http.get(since, token).json().get("data");
        assertThat(page).hasSize(1);
        assertThat(page.get(0).get("custom_oakit_key").asText()).isEqualTo("OA-3");

        // timestamps compare as MariaDB compares them: the watermark without microseconds is the same instant
        JsonNode after = http.get("/api/resource/Purchase Order?filters=" + q(List.of(List.of("modified", ">", "2026-03-01 09:00:00"))), token)
                .json().get("data");
        assertThat(after).isEmpty();
        JsonNode from = http.get("/api/resource/Purchase Order?filters=" + q(List.of(List.of("modified", ">=", "2026-03-01 09:00:00"))), token)
                .json().get("data");
        assertThat(from).hasSize(2);

        JsonNode byKey = http.get("/api/resource/Purchase Order?filters=" + q(Map.of("custom_oakit_key", "OA-2")), token).json().get("data");
        assertThat(byKey).hasSize(1);
        JsonNode in = http.get("/api/resource/Purchase Order?filters=" + q(List.of(List.of("Purchase Order", "custom_oakit_key", "in", List.of("OA-1", "OA-3")))),
                token).json().get("data");
        assertThat(in).hasSize(2);
        // a filter on a child table holds when one of the rows meets it (db_query joins the child table)
        erp.insert("Item", Map.of("item_code", "BOLT-8"));
        insertPo(po("OA-4", "BOLT-8", 1, 1));
        JsonNode withBolt = http.get("/api/resource/Purchase Order?fields=" + q(List.of("custom_oakit_key")) + "&filters="
                + q(List.of(List.of("Purchase Order Item", "item_code", "=", "BOLT-8"))), token).json().get("data");
        assertThat(withBolt).hasSize(1);
        assertThat(withBolt.get(0).get("custom_oakit_key").asText()).isEqualTo("OA-4");
        assertThat(http.get("/api/resource/Purchase Order?filters=" + q(List.of(List.of("Journal Entry Account", "account", "=", "x"))), token)
                .status()).isEqualTo(500);
        Http.Answer count = http.post("/api/method/frappe.client.get_count", Map.of("doctype", "Purchase Order",
                "filters", Map.of("docstatus", 0)), token);
        assertThat(count.json().get("message").asInt()).isEqualTo(4);
    }

    @Test
    void pagesOfAnOrderByModifiedAreStableWhenManyDocumentsShareATimestamp() throws Exception {
        // 25 suppliers stamped in the same microsecond, 5 a second later, then 3 of the first renamed later still (PUT
        // stamps them anew; they were inserted Sy, Sq, Sm): paging by limit_start must give each document exactly once and in the order one read of all
        // gives, for every order starting with modified, as MariaDB's sort of the same rows would
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        for (int i = 0; i < 25; i++) {
            erp.insert("Supplier", Map.of("supplier_name", "S" + (char) ('z' - i)));
        }
        clock.set(Instant.parse("2026-03-02T10:00:01Z"));
        for (int i = 0; i < 5; i++) {
            erp.insert("Supplier", Map.of("supplier_name", "T" + i));
        }
        clock.set(Instant.parse("2026-03-02T10:00:02Z"));
        for (String renamed : List.of("Sy", "Sm", "Sq")) {
            assertThat(http.send("PUT", "/api/resource/Supplier/" + renamed, Map.of("supplier_group", "All Supplier Groups"), token).status()).isEqualTo(200);
        }
        List<String> equalFirst = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String n = "S" + (char) ('z' - i);
            if (!List.of("Sy", "Sm", "Sq").contains(n)) {
                equalFirst.add(n);
            }
        }
        List<String> byNameThenTs = new java.util.ArrayList<>(equalFirst.stream().sorted().toList());
        byNameThenTs.addAll(List.of("T0", "T1", "T2", "T3", "T4", "Sm", "Sq", "Sy"));
        List<String> byInsertion = new java.util.ArrayList<>(equalFirst);
        byInsertion.addAll(List.of("T0", "T1", "T2", "T3", "T4", "Sy", "Sq", "Sm"));

        List<Object> since = List.of(List.of("modified", ">=", "2026-03-02 10:00:00"));
        assertThat(pages(since, "modified asc, name asc", 7)).containsExactlyElementsOf(byNameThenTs);
        assertThat(pages(since, "`tabSupplier`.`modified` asc", 4)).as("ties keep the order the table holds them in").containsExactlyElementsOf(byInsertion);
        List<String> newestFirst = new java.util.ArrayList<>(List.of("Sy", "Sq", "Sm", "T0", "T1", "T2", "T3", "T4"));
        newestFirst.addAll(equalFirst);
        assertThat(pages(since, "modified desc", 6)).containsExactlyElementsOf(newestFirst);
        List<String> newestByName = new java.util.ArrayList<>(List.of("Sy", "Sq", "Sm", "T4", "T3", "T2", "T1", "T0"));
        newestByName.addAll(equalFirst.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertThat(pages(since, "modified desc, name desc", 5)).containsExactlyElementsOf(newestByName);
        // a range from both sides, the lower bound exclusive and without microseconds (the same instant): only the T's
        assertThat(pages(List.of(List.of("modified", ">", "2026-03-02 10:00:00"), List.of("modified", "<", "2026-03-02 10:00:02")),
                "modified asc, name asc", 2)).containsExactly("T0", "T1", "T2", "T3", "T4");
        assertThat(pages(List.of(List.of("modified", "between", List.of("2026-03-02 10:00:01", "2026-03-02 10:00:01.000000")),
                List.of("supplier_name", "like", "T%")), "modified desc, name asc", 3)).containsExactly("T0", "T1", "T2", "T3", "T4");
        assertThat(pages(List.of(List.of("modified", ">", "2026-03-02 10:00:02")), "modified asc", 3)).isEmpty();
        assertThat(pages(List.of(List.of("modified", ">", "2026-03-02 10:00:01"), List.of("modified", "<=", "2026-03-02 10:00:01")),
                "modified asc", 3)).isEmpty();
    }

    /** Every page of a list of suppliers, by limit_start, until a page comes back short. */
    private List<String> pages(List<Object> filters, String orderBy, int size) throws Exception {
        List<String> all = new java.util.ArrayList<>();
        for (int start = 0; ; start += size) {
            JsonNode page = http.get("/api/resource/Supplier?filters=" + q(filters) + "&order_by=" + URLEncoder.encode(orderBy, StandardCharsets.UTF_8)
                    + "&limit_start=" + start + "&limit_page_length=" + size, token).json().get("data");
            page.forEach(n -> all.add(n.get("name").asText()));
            if (page.size() < size) {
                return all;
            }
        }
    }

    @Test
    void submitThenCancelWithFrappesDocstatusRules() throws Exception {
        // frappe/model/document.py check_docstatus_transition and _validate_update_after_submit
        String name = insertPo(po("OA-1", "DR-1", 2, 10)).json().at("/data/name").asText();
        String url = "/api/resource/Purchase Order/" + name;
        Http.Answer draftToCancel = http.send("PUT", url, Map.of("docstatus", 2), token);
        assertThat(draftToCancel.status()).isEqualTo(417);
        assertThat(draftToCancel.json().get("exc_type").asText()).isEqualTo("DocstatusTransitionError");
        assertThat(draftToCancel.json().get("exception").asText()).isEqualTo("frappe.exceptions.DocstatusTransitionError: Cannot change docstatus from 0 to 2");

        Http.Answer submitted = http.send("PUT", url, Map.of("docstatus", 1), token);
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.json().at("/data/docstatus").asInt()).isEqualTo(1);
        assertThat(submitted.json().at("/data/status").asText()).isEqualTo("To Receive and Bill");

        Http.Answer edit = http.send("PUT", url, Map.of("supplier", "Acme Supplies", "schedule_date", "2026-04-01"), token);
        assertThat(edit.status()).isEqualTo(417);
        assertThat(edit.json().get("exc_type").asText()).isEqualTo("UpdateAfterSubmitError");
        assertThat(edit.json().get("_server_messages").asText()).contains("Not allowed to change Required By after submission");
        Http.Answer back = http.send("PUT", url, Map.of("docstatus", 0), token);
        assertThat(back.json().get("exception").asText()).endsWith("Cannot change docstatus from 1 to 0");
        Http.Answer delete = http.send("DELETE", url, null, token);
        assertThat(delete.status()).isEqualTo(417);
        assertThat(delete.json().get("_server_messages").asText()).contains("Submitted Record cannot be deleted");

        Http.Answer cancelled = http.send("PUT", url, Map.of("docstatus", 2), token);
        assertThat(cancelled.json().at("/data/status").asText()).isEqualTo("Cancelled");
        Http.Answer again = http.send("PUT", url, Map.of("docstatus", 1), token);
        assertThat(again.status()).isEqualTo(417);
        assertThat(again.json().get("exception").asText()).endsWith("Cannot edit cancelled document");
        Http.Answer gone = http.send("DELETE", url, null, token);
        assertThat(gone.status()).as("frappe/api/v1.py delete_doc answers 202").isEqualTo(202);
        assertThat(gone.json().get("message").asText()).isEqualTo("ok");
        assertThat(erp.count("Purchase Order")).isZero();
    }

    @Test
    void insertWithDocstatusOneSubmitsAtOnceAndCancelByMethod() throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(po("OA-1", "DR-1", 1, 1));
        body.put("docstatus", 1);
        String name = insertPo(body).json().at("/data/name").asText();
        assertThat(erp.document("Purchase Order", name).orElseThrow()).containsEntry("docstatus", 1);
        Http.Answer cancel = http.post("/api/method/frappe.client.cancel", Map.of("doctype", "Purchase Order", "name", name), token);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(erp.document("Purchase Order", name).orElseThrow()).containsEntry("docstatus", 2);
    }

    @Test
    void theUniqueKeyRefusesASecondInsert() throws Exception {
        // frappe/model/base_document.py db_insert: a unique-key violation is UniqueValidationError (a ValidationError,
        // 417) after msgprint "<label> must be unique"; the naming series is not used up
        insertPo(po("OA-1", "DR-1", 1, 1));
        Http.Answer second = insertPo(po("OA-1", "DR-1", 1, 1));
        assertThat(second.status()).isEqualTo(417);
        assertThat(second.json().get("exc_type").asText()).isEqualTo("UniqueValidationError");
        assertThat(second.json().get("_server_messages").asText()).contains("OAKit Key must be unique");
        assertThat(erp.count("Purchase Order")).isEqualTo(1);
        assertThat(insertPo(po("OA-2", "DR-1", 1, 1)).json().at("/data/name").asText()).isEqualTo("PUR-ORD-2026-00002");
    }

    @Test
    void aDuplicateNameIsDuplicateEntryError409() throws Exception {
        // db_insert: a primary-key violation is DuplicateEntryError (409) after "<doctype> <name> already exists"
        Http.Answer dup = http.post("/api/resource/Supplier", Map.of("supplier_name", "Acme Supplies"), token);
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("exc_type").asText()).isEqualTo("DuplicateEntryError");
        JsonNode messages = Http.JSON.readTree(dup.json().get("_server_messages").asText());
        JsonNode first = Http.JSON.readTree(messages.get(0).asText());
        assertThat(first.get("message").asText()).isEqualTo("Supplier <strong>Acme Supplies</strong> already exists");
        assertThat(first.get("indicator").asText()).isEqualTo("red");

        try (FakeErpNext named = FakeErpNext.builder().apiKey("k1", "s1").purchaseOrderNamedByKey(true).start()) {
            named.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
            named.insert("Item", Map.of("item_code", "DR-1"));
            Http h = new Http(named.baseUri());
            assertThat(h.post("/api/resource/Purchase Order", po("OA-7", "DR-1", 1, 1), token).json().at("/data/name").asText()).isEqualTo("OA-7");
            Http.Answer again = h.post("/api/resource/Purchase Order", po("OA-7", "DR-1", 1, 1), token);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("exc_type").asText()).isEqualTo("DuplicateEntryError");
        }
    }

    @Test
    void validationErrorsUse417AndFrappesBody() throws Exception {
        // frappe/model/document.py _validate_mandatory (MandatoryError), _validate_links (LinkValidationError),
        // erpnext journal_entry.py validate_total_debit_and_credit; frappe/utils/response.py report_error
        Http.Answer missing = insertPo(Map.of("custom_oakit_key", "OA-1", "items", List.of(Map.of("item_code", "DR-1", "qty", 1))));
        assertThat(missing.status()).isEqualTo(417);
        assertThat(missing.json().get("exc_type").asText()).isEqualTo("MandatoryError");
        assertThat(missing.json().get("_server_messages").asText()).contains("Error: Value missing for Purchase Order: Supplier");
        assertThat(missing.json().get("exc").asText()).startsWith("[");

        Http.Answer badLink = insertPo(Map.of("supplier", "Nobody", "items", List.of(Map.of("item_code", "DR-1", "qty", 1))));
        assertThat(badLink.json().get("exc_type").asText()).isEqualTo("LinkValidationError");
        assertThat(badLink.json().get("_server_messages").asText()).contains("Could not find Supplier: Nobody");
        Http.Answer badItem = insertPo(po("OA-1", "NOPE", 1, 1));
        assertThat(badItem.json().get("_server_messages").asText()).contains("Could not find Row #1: Item Code: NOPE");

        Http.Answer unbalanced = http.post("/api/resource/Journal Entry", Map.of("accounts", List.of(
                Map.of("account", "Expenses - AC", "debit_in_account_currency", 100, "cost_center", "Main - AC"),
                Map.of("account", "Creditors - AC", "credit_in_account_currency", 90))), token);
        assertThat(unbalanced.status()).isEqualTo(417);
        assertThat(unbalanced.json().get("exc_type").asText()).isEqualTo("ValidationError");
        assertThat(unbalanced.json().get("_server_messages").asText()).contains("Total Debit must be equal to Total Credit. The difference is 10.00");
        Http.Answer balanced = http.post("/api/resource/Journal Entry", Map.of("custom_oakit_key", "EX-1", "accounts", List.of(
                Map.of("account", "Expenses - AC", "debit_in_account_currency", 100, "cost_center", "Main - AC"),
                Map.of("account", "Creditors - AC", "credit_in_account_currency", 100))), token);
        assertThat(balanced.json().at("/data/name").asText()).isEqualTo("ACC-JV-2026-00001");
        assertThat(erp.count("Purchase Order")).isZero();
    }

    @Test
    void notFoundAndUnknownDocTypeAre404WithoutTheException() throws Exception {
        Http.Answer missing = http.get("/api/resource/Purchase Order/PUR-ORD-2026-09999", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("exc_type").asText()).isEqualTo("DoesNotExistError");
        assertThat(missing.json().has("exception")).as("report_error leaves the traceback out of 404s").isFalse();
        assertThat(missing.json().get("_server_messages").asText()).contains("Purchase Order PUR-ORD-2026-09999 not found");
        assertThat(http.get("/api/resource/Nope", token).status()).isEqualTo(404);
    }

    @Test
    void tokenBasicAndSessionAuthentication() throws Exception {
        // frappe/auth.py validate_auth: token key:secret or Basic base64(key:secret); else the sid cookie; else Guest
        assertThat(http.get("/api/method/frappe.auth.get_logged_user", token).json().get("message").asText()).isEqualTo("Administrator");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("k1:s1".getBytes(StandardCharsets.UTF_8));
        assertThat(http.get("/api/resource/Supplier", Map.of("Authorization", basic)).status()).isEqualTo(200);
        Http.Answer badToken = http.get("/api/resource/Supplier", Map.of("Authorization", "token k1:wrong"));
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.json().get("exc_type").asText()).isEqualTo("AuthenticationError");
        Http.Answer guest = http.get("/api/resource/Supplier", Map.of());
        assertThat(guest.status()).isEqualTo(403);
        assertThat(guest.json().get("exc_type").asText()).isEqualTo("PermissionError");

        Http.Answer badLogin = http.post("/api/method/login", Map.of("usr", "Administrator", "pwd", "nope"));
        assertThat(badLogin.status()).isEqualTo(401);
        assertThat(badLogin.json().get("message").asText()).isEqualTo("Invalid Login. Try again.");
        Http.Answer login = http.post("/api/method/login", "usr=Administrator&pwd=admin", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(login.json().get("message").asText()).isEqualTo("Logged In");
        String sid = login.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sid=")).findFirst().orElseThrow().split(";")[0];
        assertThat(http.get("/api/resource/Supplier", Map.of("Cookie", sid)).status()).isEqualTo(200);

        // frappe/sessions.py: an expired sid continues as Guest with session_expired = 1, and Guest may not read
        erp.expireSessions();
        Http.Answer expired = http.get("/api/resource/Supplier", Map.of("Cookie", sid));
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.json().get("session_expired").asInt()).isEqualTo(1);
        assertThat(expired.header("Set-Cookie")).startsWith("sid=Guest");
    }

    @Test
    void metadataAndAFieldRemovedFromIt() throws Exception {
        // frappe/desk/form/load.py getdoctype: {"docs": [the DocType, its child DocTypes]}
        JsonNode docs = http.get("/api/method/frappe.desk.form.load.getdoctype?doctype=Purchase%20Order", token).json().get("docs");
        assertThat(docs.get(0).get("name").asText()).isEqualTo("Purchase Order");
        assertThat(docs.get(0).get("is_submittable").asInt()).isEqualTo(1);
        assertThat(docs.get(1).get("name").asText()).isEqualTo("Purchase Order Item");
        assertThat(fieldnames(docs.get(0))).contains("supplier", "items", "custom_oakit_key");
        JsonNode key = field(docs.get(0), "custom_oakit_key");
        assertThat(key.get("unique").asInt()).isEqualTo(1);
        assertThat(key.get("fieldtype").asText()).isEqualTo("Data");
        assertThat(http.get("/api/resource/DocType/Supplier", token).json().at("/data/name").asText()).isEqualTo("Supplier");

        String before = insertPo(po("OA-0", "DR-1", 1, 1)).json().at("/data/name").asText();
        erp.removeField("Purchase Order", "custom_oakit_key");
        assertThat(erp.document("Purchase Order", before).orElseThrow()).as("the column is gone with its values")
                .doesNotContainKey("custom_oakit_key");
        JsonNode after = http.get("/api/resource/DocType/Purchase Order", token).json().get("data");
        assertThat(fieldnames(after)).doesNotContain("custom_oakit_key");
        // Frappe drops keys it does not know: the insert succeeds and the key is lost
        assertThat(insertPo(po("OA-1", "DR-1", 1, 1)).json().at("/data").has("custom_oakit_key")).isFalse();
        Http.Answer filter = http.get("/api/resource/Purchase Order?filters=" + q(Map.of("custom_oakit_key", "OA-1")), token);
        assertThat(filter.status()).isEqualTo(500);
        assertThat(filter.json().get("exc_type").asText()).isEqualTo("OperationalError");
        assertThat(filter.json().get("exception").asText()).contains("Unknown column");
    }

    @Test
    void updateChecksTheModifiedTimestamp() throws Exception {
        // frappe/model/document.py check_if_latest: TimestampMismatchError when the sent modified is stale
        String name = insertPo(po("OA-1", "DR-1", 1, 1)).json().at("/data/name").asText();
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        Http.Answer stale = http.send("PUT", "/api/resource/Purchase Order/" + name, Map.of("modified", "2026-01-01 00:00:00.000000", "terms", "x"), token);
        assertThat(stale.status()).isEqualTo(417);
        assertThat(stale.json().get("exc_type").asText()).isEqualTo("TimestampMismatchError");
        Http.Answer ok = http.send("PUT", "/api/resource/Purchase Order/" + name, Map.of("terms", "Net 30"), token);
        assertThat(ok.json().at("/data/modified").asText()).isEqualTo("2026-03-01 10:00:00.000000");
        assertThat(ok.json().at("/data/terms").asText()).isEqualTo("Net 30");
    }

    @Test
    void masterDataDocTypes() throws Exception {
        assertThat(http.get("/api/resource/Cost Center?fields=" + q(List.of("name", "is_group")), token).json().get("data"))
                .extracting(n -> n.get("name").asText()).contains("Acme Corp - AC", "Main - AC");
        Http.Answer cc = http.post("/api/resource/Cost Center", Map.of("cost_center_name", "Field Service",
                "parent_cost_center", "Acme Corp - AC"), token);
        assertThat(cc.json().at("/data/name").asText()).isEqualTo("Field Service - AC");
        Http.Answer item = http.post("/api/resource/Item", Map.of("item_code", "BOLT-8"), token);
        assertThat(item.json().at("/data/item_group").asText()).isEqualTo("All Item Groups");
        assertThat(item.json().at("/data/stock_uom").asText()).isEqualTo("Nos");
        JsonNode suppliers = http.get("/api/resource/Supplier?fields=" + q(List.of("*")), token).json().get("data");
        assertThat(suppliers.get(0).get("supplier_group").asText()).isEqualTo("All Supplier Groups");
        assertThat(suppliers.get(0).has("modified")).isTrue();
    }

    @Test
    void getValueLooksUpByTheKey() throws Exception {
        // frappe/client.py get_value: the first match as a dict, {} when nothing matches
        String name = insertPo(po("OA-1", "DR-1", 1, 1)).json().at("/data/name").asText();
        JsonNode hit = http.get("/api/method/frappe.client.get_value?doctype=Purchase%20Order&fieldname=" + q(List.of("name", "docstatus"))
                + "&filters=" + q(Map.of("custom_oakit_key", "OA-1")), token).json().get("message");
        assertThat(hit.get("name").asText()).isEqualTo(name);
        assertThat(hit.get("docstatus").asInt()).isZero();
        JsonNode miss = http.get("/api/method/frappe.client.get_value?doctype=Purchase%20Order&fieldname=name&filters="
                + q(Map.of("custom_oakit_key", "OA-9")), token).json().get("message");
        assertThat(miss.isObject()).isTrue();
        assertThat(miss.size()).isZero();
    }

    @Test
    void stockProjectsAndEmployees() throws Exception {
        erp.insert("Bin", Map.of("item_code", "DR-1", "warehouse", "Stores - AC", "actual_qty", 7.0, "reserved_qty", 2.0));
        JsonNode bins = http.get("/api/resource/Bin?fields=" + q(List.of("item_code", "warehouse", "actual_qty", "projected_qty"))
                + "&filters=" + q(Map.of("item_code", "DR-1")), token).json().get("data");
        assertThat(bins.get(0).get("actual_qty").asDouble()).isEqualTo(7.0);
        assertThat(bins.get(0).get("projected_qty").asDouble()).isEqualTo(5.0);
        Http.Answer project = http.post("/api/resource/Project", Map.of("project_name", "Field Repairs", "cost_center", "Main - AC"), token);
        assertThat(project.json().at("/data/status").asText()).isEqualTo("Open");
        Http.Answer employee = http.post("/api/resource/Employee", Map.of("first_name", "Li", "last_name", "Wei", "user_id", "li.wei@example.com"), token);
        assertThat(employee.json().at("/data/name").asText()).isEqualTo("HR-EMP-00001");
        assertThat(employee.json().at("/data/employee_name").asText()).isEqualTo("Li Wei");
    }

    private static List<String> fieldnames(JsonNode doctype) {
        List<String> names = new java.util.ArrayList<>();
        doctype.get("fields").forEach(f -> names.add(f.get("fieldname").asText()));
        return names;
    }

    private static JsonNode field(JsonNode doctype, String name) {
        for (JsonNode f : doctype.get("fields")) {
            if (f.get("fieldname").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void budgetsAndTheLedgerTheirSpendIsSummedFrom() throws Exception {
        // erpnext Budget: per cost centre and fiscal year, Budget Account rows; named <cost centre>/<year>/.###
        erp.insert("Fiscal Year", Map.of("year", "2026", "year_start_date", "2026-01-01", "year_end_date", "2026-12-31"));
        Map<String, Object> budget = Map.of("cost_center", "Main - AC", "fiscal_year", "2026", "docstatus", 1,
                "accounts", List.of(Map.of("account", "Travel - AC", "budget_amount", 1000.0)));
        Http.Answer created = http.post("/api/resource/Budget", budget, token);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().at("/data/name").asText()).isEqualTo("Main - AC/2026/001");
        assertThat(created.json().at("/data/budget_against").asText()).isEqualTo("Cost Center");
        assertThat(created.json().at("/data/accounts/0/budget_amount").asDouble()).isEqualTo(1000.0);
        // Budget.validate_duplicate: one budget per cost centre, account and year
        Http.Answer twice = http.post("/api/resource/Budget", budget, token);
        assertThat(twice.status()).isEqualTo(417);
        assertThat(twice.json().path("exc_type").asText()).isEqualTo("DuplicateBudgetError");

        // a submitted Journal Entry books GL Entries (general_ledger.make_gl_entries); cancelling marks them is_cancelled
        Map<String, Object> je = Map.of("posting_date", "2026-02-10", "docstatus", 1, "accounts", List.of(
                Map.of("account", "Travel - AC", "cost_center", "Main - AC", "debit_in_account_currency", 300.0),
                Map.of("account", "Payable - AC", "credit_in_account_currency", 300.0)));
        String jv = http.post("/api/resource/Journal Entry", je, token).json().at("/data/name").asText();
        String ledger = "/api/resource/GL Entry?fields=" + q(List.of("account", "debit", "credit", "is_cancelled"))
                + "&filters=" + q(List.of(List.of("cost_center", "=", "Main - AC"), List.of("is_cancelled", "=", 0),
                List.of("posting_date", "between", List.of("2026-01-01", "2026-12-31"))));
        JsonNode booked = http.get(ledger, token).json().get("data");
        assertThat(booked).hasSize(1);
        assertThat(booked.get(0).path("account").asText()).isEqualTo("Travel - AC");
        assertThat(booked.get(0).path("debit").asDouble()).isEqualTo(300.0);
        http.send("PUT", "/api/resource/Journal Entry/" + jv, Map.of("docstatus", 2), token);
        assertThat(http.get(ledger, token).json().get("data")).isEmpty();
        assertThat(erp.documents("GL Entry")).hasSize(4); // the two booked, the two reversals
    }
}
