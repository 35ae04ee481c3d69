package dev.oakit.fakes.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.fakes.Call;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.Receiver;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.fakes.odoo.WebhookRule;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of docs/erp-fakes.md, compiled and run; {@link ErpFakesDocsTest} checks the page shows them. */
class ErpFakesExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A host's own small Odoo client: create a purchase order keyed by origin, looking the key up after a timeout. */
    private long createOnce(FakeOdoo odoo, String origin, long vendor) throws Exception {
        try {
            JsonNode ids = json2(odoo, "create", Map.of("vals_list", List.of(Map.of("partner_id", vendor, "origin", origin))));
            return ids.get(0).asLong();
        } catch (HttpTimeoutException e) {
            JsonNode found = json2(odoo, "search", Map.of("domain", List.of(List.of("origin", "=", origin))));
            return found.get(0).asLong();
        }
    }

    private JsonNode json2(FakeOdoo odoo, String method, Map<String, ?> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(odoo.baseUri().resolve("/json/2/purchase.order/" + method))
                .header("Authorization", "bearer " + odoo.apiKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void odooCommitThenTimeout() throws Exception {
        // tag::odoo[]
        try (FakeOdoo odoo = FakeOdoo.start()) {
            long vendor = odoo.create("res.partner", Map.of("name", "Acme Supplies", "supplier_rank", 1));
            odoo.failures().responseDelay(Duration.ofSeconds(2))
                    .nextCall("create", Failure.COMMIT_THEN_TIMEOUT);   // commits, then answers too late

            long id = createOnce(odoo, "OA-REQ-42", vendor);                 // the code under test

            assertThat(odoo.count("purchase.order")).isEqualTo(1);           // one order, never two
            assertThat(odoo.record("purchase.order", id).orElseThrow()).containsEntry("origin", "OA-REQ-42");
            assertThat(odoo.calls()).extracting(Call::action).containsExactly("create", "search");
        }
        // end::odoo[]
    }

    @Test
    void erpNextWebhooks() throws Exception {
        try (Receiver receiver = new Receiver()) {
            URI hostWebhookUrl = receiver.uri();
            // tag::erpnext[]
            try (FakeErpNext erp = FakeErpNext.start()) {
                erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
                erp.insert("Item", Map.of("item_code", "DR-1"));
                erp.webhooks().subscribe("Purchase Order", hostWebhookUrl, "webhook-secret");

                HttpRequest insert = HttpRequest.newBuilder(erp.baseUri().resolve("/api/resource/Purchase%20Order"))
                        .header("Authorization", erp.tokenHeader())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"supplier": "Acme Supplies", "custom_oakit_key": "OA-REQ-42", "docstatus": 1,
                                 "items": [{"item_code": "DR-1", "qty": 2, "rate": 40, "schedule_date": "2026-12-31"}]}"""))
                        .build();
                assertThat(http.send(insert, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                assertThat(http.send(insert, HttpResponse.BodyHandlers.ofString()).statusCode())
                        .isEqualTo(417);                                      // UniqueValidationError on the key

                erp.webhooks().duplicateEach(true);                          // an at-least-once sender
                erp.webhooks().deliver();                                    // signed X-Frappe-Webhook-Signature
                assertThat(erp.count("Purchase Order")).isEqualTo(1);
            }
            // end::erpnext[]
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void knobs() {
        try (FakeOdoo fake = FakeOdoo.start()) {
            // tag::knobs[]
            fake.failures().nextCall("create", Failure.COMMIT_THEN_TIMEOUT); // commit, answer after responseDelay
            fake.failures().nextCall("create", Failure.COMMIT_THEN_DROP);    // commit, close the connection
            fake.failures().nextCall("create", Failure.RUN_TWICE);           // a replayed request
            fake.failures().retryAfter(Duration.ofSeconds(3)).nextCall(Failure.RATE_LIMITED);
            fake.failures().nextCalls(5, Failure.SERVER_ERROR);              // a burst of 5xx
            fake.failures().nextCall(Failure.BAD_GATEWAY);                   // the proxy's 502 page
            fake.failures().nextCall(Failure.SESSION_EXPIRED);               // as the endpoint answers it
            fake.failures().rejectLine("DR-1", "The product is blocked"); // a validation error on one line
            fake.removeField("purchase.order", "origin");                     // the field leaves the metadata
            fake.expireSessions();                                            // every web session ends
            fake.webhooks().duplicateEach(true).outOfOrder(true);             // twice each, newest first
            // end::knobs[]
            assertThat(fake.failures().pending()).isEqualTo(11);
        }
    }

    @Test
    void automationRule() {
        try (FakeOdoo odoo = FakeOdoo.start(); Receiver receiver = new Receiver()) {
            URI hostWebhookUrl = receiver.uri();
            // tag::automation[]
            long action = odoo.automation(WebhookRule.onCreateOrWrite("res.partner", hostWebhookUrl, "name", "write_date"));
            // also WebhookRule.onCreate(…) ("On create") and onWrite(…) ("On update"); crm.lead and project.task likewise
            // end::automation[]
            assertThat(action).isPositive();
        }
    }
}
