package dev.oakit.fakes.erpnext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.Http;
import dev.oakit.fakes.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each failure knob of the fake ERPNext, and what a client sees.
 */
class ErpNextFailuresTest {
    private FakeErpNext erp;
    private Http http;
    private final Map<String, String> token = Map.of("Authorization", "token k1:s1");

    @BeforeEach
    void start() {
        erp = FakeErpNext.builder().apiKey("k1", "s1").start();
        http = new Http(erp.baseUri());
        erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
        erp.insert("Item", Map.of("item_code", "DR-1"));
        erp.insert("Item", Map.of("item_code", "BOLT-8"));
    }

    @AfterEach
    void stop() {
        erp.close();
    }

    private Http.Answer insertPo(String key) throws Exception {
        return http.post("/api/resource/Purchase Order", FakeErpNextTest.po(key, "DR-1", 1, 5), token);
    }

    private long withKey(String key) {
        return erp.documents("Purchase Order").stream().filter(d -> key.equals(d.get("custom_oakit_key"))).count();
    }

    @Test
    void commitThenTimeoutCommitsAndAnswersTooLate() throws Exception {
        erp.failures().responseDelay(Duration.ofSeconds(3)).nextCall("insert", Failure.COMMIT_THEN_TIMEOUT);
        http.timeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> insertPo("OA-1")).isInstanceOf(HttpTimeoutException.class);
        assertThat(withKey("OA-1")).isEqualTo(1);
        // the client's retry finds the key taken: the unique field keeps the second insert out
        http.timeout(Duration.ofSeconds(10));
        assertThat(insertPo("OA-1").json().get("exc_type").asText()).isEqualTo("UniqueValidationError");
        assertThat(withKey("OA-1")).isEqualTo(1);
    }

    @Test
    void commitThenDropClosesTheConnectionAfterTheCommit() throws Exception {
        erp.failures().nextCall("insert", Failure.COMMIT_THEN_DROP);
        assertThatThrownBy(() -> insertPo("OA-1")).isInstanceOf(IOException.class);
        assertThat(withKey("OA-1")).isEqualTo(1);
    }

    @Test
    void runTwiceHitsTheUniqueKeyTheSecondTime() throws Exception {
        erp.failures().nextCall("insert", Failure.RUN_TWICE);
        Http.Answer a = insertPo("OA-1");
        assertThat(a.status()).as("the replay's answer").isEqualTo(417);
        assertThat(a.json().get("exc_type").asText()).isEqualTo("UniqueValidationError");
        assertThat(withKey("OA-1")).isEqualTo(1);
        assertThat(erp.callCount("insert")).as("the call log counts the request once").isEqualTo(1);
    }

    @Test
    void rateLimitedIs429WithFrappesBodyAndHeaders() throws Exception {
        // frappe/rate_limiter.py: TooManyRequestsError (429) with Retry-After and the X-RateLimit-* headers
        erp.failures().retryAfter(Duration.ofSeconds(2)).nextCall(Failure.RATE_LIMITED);
        Http.Answer a = insertPo("OA-1");
        assertThat(a.status()).isEqualTo(429);
        assertThat(a.header("Retry-After")).isEqualTo("2");
        assertThat(a.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(a.json().get("exc_type").asText()).isEqualTo("TooManyRequestsError");
        assertThat(withKey("OA-1")).isZero();
    }

    @Test
    void aBurstOfServerErrorsThenSuccess() throws Exception {
        erp.failures().nextCalls(5, "insert", Failure.SERVER_ERROR);
        for (int i = 0; i < 5; i++) {
            Http.Answer a = insertPo("OA-1");
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.json().get("exc_type").asText()).isEqualTo("QueryDeadlockError");
        }
        assertThat(withKey("OA-1")).isZero();
        assertThat(insertPo("OA-1").status()).isEqualTo(200);
        erp.failures().nextCall(Failure.BAD_GATEWAY);
        assertThat(http.get("/api/resource/Purchase Order", token).status()).isEqualTo(502);
    }

    @Test
    void sessionExpiredForTokenAndForCookie() throws Exception {
        erp.failures().nextCall(Failure.SESSION_EXPIRED);
        Http.Answer a = insertPo("OA-1");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("exc_type").asText()).isEqualTo("AuthenticationError");
        erp.failures().nextCall(Failure.SESSION_EXPIRED);
        Http.Answer b = http.get("/api/resource/Supplier", Map.of("Cookie", "sid=abc"));
        assertThat(b.status()).isEqualTo(403);
        assertThat(b.json().get("session_expired").asInt()).isEqualTo(1);
        assertThat(withKey("OA-1")).isZero();
    }

    @Test
    void aValidationErrorOnOneLineNamesTheRow() throws Exception {
        erp.failures().rejectLine("BOLT-8", "Item BOLT-8 is not a purchase item");
        Http.Answer a = http.post("/api/resource/Purchase Order", Map.of("supplier", "Acme Supplies", "custom_oakit_key", "OA-1",
                "schedule_date", "2026-12-31", "items", List.of(Map.of("item_code", "DR-1", "qty", 1), Map.of("item_code", "BOLT-8", "qty", 2))), token);
        assertThat(a.status()).isEqualTo(417);
        assertThat(a.json().get("exc_type").asText()).isEqualTo("ValidationError");
        assertThat(a.json().get("_server_messages").asText()).contains("Row #2: Item BOLT-8 is not a purchase item");
        assertThat(erp.count("Purchase Order")).isZero();
    }

    @Test
    void signedWebhooksCanArriveTwiceAndOutOfOrder() throws Exception {
        // frappe/integrations/doctype/webhook/webhook.py: X-Frappe-Webhook-Signature = base64(HMAC-SHA256(secret, body))
        try (Receiver receiver = new Receiver()) {
            erp.webhooks().subscribe("Purchase Order", receiver.uri(), "whsec");
            String name = insertPo("OA-1").json().at("/data/name").asText();
            http.send("PUT", "/api/resource/Purchase Order/" + name, Map.of("docstatus", 1), token);
            erp.webhooks().duplicateEach(true).outOfOrder(true);
            assertThat(erp.webhooks().deliver()).containsExactly(200, 200, 200, 200);
            List<Receiver.Received> got = receiver.received();
            assertThat(got).hasSize(4);
            for (Receiver.Received r : got) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec("whsec".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = Base64.getEncoder().encodeToString(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8)));
                assertThat(r.header(FakeErpNext.SIGNATURE_HEADER)).isEqualTo(expected);
            }
            JsonNode first = Http.JSON.readTree(got.get(0).body());
            JsonNode last = Http.JSON.readTree(got.get(3).body());
            assertThat(first.get("docstatus").asInt()).as("the submit arrives before the insert").isEqualTo(1);
            assertThat(last.get("docstatus").asInt()).isZero();
            assertThat(first.get("modified").asText()).isGreaterThanOrEqualTo(last.get("modified").asText());
            assertThat(first.get("name").asText()).isEqualTo(name);
        }
    }
}
