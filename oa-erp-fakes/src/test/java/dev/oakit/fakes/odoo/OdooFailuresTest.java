package dev.oakit.fakes.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.Call;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.Http;
import dev.oakit.fakes.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each failure knob of the fake Odoo, and what a client sees. These are the cases a connector must survive without
 * creating a second purchase order or losing the first.
 */
class OdooFailuresTest {
    private FakeOdoo odoo;
    private Http http;
    private long vendor;
    private long product;

    @BeforeEach
    void start() {
        odoo = FakeOdoo.builder().apiKey("key-1").start();
        http = new Http(odoo.baseUri());
        vendor = odoo.create("res.partner", Map.of("name", "Acme", "supplier_rank", 1));
        product = odoo.create("product.product", Map.of("name", "Drill", "default_code", "DR-1"));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    private Http.Answer createPo(String origin) throws Exception {
        return http.post("/json/2/purchase.order/create", Map.of("vals_list", List.of(Map.of("partner_id", vendor, "origin", origin,
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_qty", 1, "price_unit", 5)))))),
                Map.of("Authorization", "bearer key-1"));
    }

    private long withOrigin(String origin) {
        return odoo.records("purchase.order").stream().filter(r -> origin.equals(r.get("origin"))).count();
    }

    @Test
    void commitThenTimeoutCommitsAndAnswersTooLate() throws Exception {
        odoo.failures().responseDelay(Duration.ofSeconds(3)).nextCall("create", Failure.COMMIT_THEN_TIMEOUT);
        http.timeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> createPo("OA-1")).isInstanceOf(HttpTimeoutException.class);
        assertThat(withOrigin("OA-1")).as("the order was committed although the client saw a timeout").isEqualTo(1);
        Call call = odoo.calls().stream().filter(c -> c.action().equals("create")).findFirst().orElseThrow();
        assertThat(call.failure()).isEqualTo(Failure.COMMIT_THEN_TIMEOUT);
        assertThat(call.target()).isEqualTo("purchase.order");
    }

    @Test
    void commitThenDropClosesTheConnectionAfterTheCommit() throws Exception {
        odoo.failures().nextCall("create", Failure.COMMIT_THEN_DROP);
        assertThatThrownBy(() -> createPo("OA-1")).isInstanceOf(IOException.class);
        assertThat(withOrigin("OA-1")).isEqualTo(1);
        assertThat(odoo.calls().get(odoo.calls().size() - 1).status()).isEqualTo(-1);
    }

    @Test
    void runTwiceCreatesTwoOrders() throws Exception {
        odoo.failures().nextCall("create", Failure.RUN_TWICE);
        Http.Answer a = createPo("OA-1");
        assertThat(a.status()).isEqualTo(200);
        assertThat(withOrigin("OA-1")).as("a replayed create is a duplicate unless the client looks its key up").isEqualTo(2);
        assertThat(a.json().get(0).asLong()).as("the second run's answer").isEqualTo(odoo.records("purchase.order").get(1).get("id"));
    }

    @Test
    void rateLimitedIs429WithRetryAfterAndRunsNothing() throws Exception {
        odoo.failures().retryAfter(Duration.ofSeconds(3)).nextCall(Failure.RATE_LIMITED);
        Http.Answer a = createPo("OA-1");
        assertThat(a.status()).isEqualTo(429);
        assertThat(a.header("Retry-After")).isEqualTo("3");
        assertThat(withOrigin("OA-1")).isZero();
        assertThat(createPo("OA-1").status()).isEqualTo(200);
    }

    @Test
    void aBurstOfServerErrorsThenSuccess() throws Exception {
        odoo.failures().nextCalls(5, Failure.SERVER_ERROR);
        for (int i = 0; i < 5; i++) {
            Http.Answer a = createPo("OA-1");
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.json().get("name").asText()).isEqualTo("psycopg2.errors.SerializationFailure");
        }
        assertThat(withOrigin("OA-1")).isZero();
        assertThat(createPo("OA-1").status()).isEqualTo(200);
        assertThat(withOrigin("OA-1")).isEqualTo(1);
        assertThat(odoo.callCount("create")).isEqualTo(6);

        // over JSON-RPC the same error is HTTP 200 with an error object
        odoo.failures().nextCall(Failure.SERVER_ERROR);
        JsonNode rpc = http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "id", 1, "params", Map.of("service", "object", "method", "execute_kw",
                "args", List.of("odoo", 2, "admin", "res.partner", "search", List.of(List.of()))))).json();
        assertThat(rpc.at("/error/data/name").asText()).isEqualTo("psycopg2.errors.SerializationFailure");
    }

    @Test
    void badGatewayIsAProxyPage() throws Exception {
        odoo.failures().nextCall(Failure.BAD_GATEWAY);
        Http.Answer a = createPo("OA-1");
        assertThat(a.status()).isEqualTo(502);
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(withOrigin("OA-1")).isZero();
    }

    @Test
    void sessionExpiredAsEachEndpointAnswersIt() throws Exception {
        odoo.failures().nextCall(Failure.SESSION_EXPIRED);
        Http.Answer json2 = createPo("OA-1");
        assertThat(json2.status()).isEqualTo(401);
        assertThat(json2.json().get("message").asText()).isEqualTo("Invalid apikey");

        odoo.failures().nextCall(Failure.SESSION_EXPIRED);
        JsonNode callKw = http.post("/web/dataset/call_kw", Map.of("jsonrpc", "2.0", "id", 1,
                "params", Map.of("model", "res.partner", "method", "search", "args", List.of(List.of()), "kwargs", Map.of()))).json();
        assertThat(callKw.at("/error/code").asInt()).isEqualTo(100);

        odoo.failures().nextCall(Failure.SESSION_EXPIRED);
        JsonNode rpc = http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "id", 1, "params", Map.of("service", "object", "method", "execute_kw",
                "args", List.of("odoo", 2, "admin", "res.partner", "search", List.of(List.of()))))).json();
        assertThat(rpc.at("/error/data/name").asText()).as("a revoked key used as password").isEqualTo("odoo.exceptions.AccessDenied");
        assertThat(withOrigin("OA-1")).isZero();
    }

    @Test
    void aValidationErrorOnOneLineRejectsTheWholeOrder() throws Exception {
        odoo.failures().rejectLine("DR-1", "The product Drill is blocked for purchase.");
        Http.Answer a = createPo("OA-1");
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.json().get("name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(a.json().get("message").asText()).isEqualTo("The product Drill is blocked for purchase.");
        assertThat(odoo.count("purchase.order")).isZero();
        assertThat(odoo.count("purchase.order.line")).isZero();
        odoo.failures().clear();
        assertThat(createPo("OA-1").status()).isEqualTo(200);
    }

    @Test
    void aValidationErrorOnTheSecondLineOverJsonRpcRollsTheWholeCallBack() throws Exception {
        long blocked = odoo.create("product.product", Map.of("name", "Saw", "default_code", "SW-2"));
        odoo.failures().rejectLine("SW-2", "The product Saw is blocked for purchase.");
        JsonNode rpc = http.post("/jsonrpc", Map.of("jsonrpc", "2.0", "id", 1, "params", Map.of("service", "object", "method", "execute_kw",
                "args", List.of("odoo", 2, "key-1", "purchase.order", "create", List.of(Map.of("partner_id", vendor, "origin", "OA-1",
                        "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_qty", 1, "price_unit", 5)),
                                List.of(0, 0, Map.of("product_id", blocked, "product_qty", 1, "price_unit", 7))))))))).json();
        assertThat(rpc.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(rpc.at("/error/data/message").asText()).isEqualTo("The product Saw is blocked for purchase.");
        assertThat(odoo.count("purchase.order")).as("the order is rolled back with the call").isZero();
        assertThat(odoo.count("purchase.order.line")).as("and so is its first line").isZero();
    }

    @Test
    void armedFailuresWaitForTheirAction() throws Exception {
        odoo.failures().nextCall("button_confirm", Failure.SERVER_ERROR);
        assertThat(createPo("OA-1").status()).isEqualTo(200);
        assertThat(odoo.failures().pending()).isEqualTo(1);
        long id = (Long) odoo.records("purchase.order").get(0).get("id");
        Http.Answer confirm = http.post("/json/2/purchase.order/button_confirm", Map.of("ids", List.of(id)), Map.of("Authorization", "bearer key-1"));
        assertThat(confirm.status()).isEqualTo(500);
        assertThat(odoo.failures().pending()).isZero();
        assertThat(odoo.record("purchase.order", id).orElseThrow()).containsEntry("state", "draft");
    }

    @Test
    void aFailureArmedForOneModelLeavesTheOthersAlone() throws Exception {
        odoo.failures().nextCall("purchase.order", "create", Failure.SERVER_ERROR);
        Http.Answer partner = http.post("/json/2/res.partner/create", Map.of("vals_list", List.of(Map.of("name", "Other"))),
                Map.of("Authorization", "bearer key-1"));
        assertThat(partner.status()).isEqualTo(200);
        assertThat(createPo("OA-1").status()).isEqualTo(500);
        assertThat(createPo("OA-1").status()).isEqualTo(200);
    }

    @Test
    void webhooksCanArriveTwiceAndOutOfOrder() throws Exception {
        try (Receiver receiver = new Receiver()) {
            odoo.webhooks().subscribe("purchase.order", receiver.uri(), null);
            createPo("OA-1");
            long id = (Long) odoo.records("purchase.order").get(0).get("id");
            http.post("/json/2/purchase.order/button_confirm", Map.of("ids", List.of(id)), Map.of("Authorization", "bearer key-1"));
            assertThat(odoo.webhooks().pending()).hasSize(2);
            odoo.webhooks().duplicateEach(true).outOfOrder(true);
            assertThat(odoo.webhooks().deliver()).containsExactly(200, 200, 200, 200);
            List<Receiver.Received> got = receiver.received();
            assertThat(got).hasSize(4);
            JsonNode first = Http.JSON.readTree(got.get(0).body());
            assertThat(first.get("_model").asText()).isEqualTo("purchase.order");
            assertThat(first.get("_id").asLong()).isEqualTo(id);
            assertThat(first.get("state").asText()).as("newest first").isEqualTo("purchase");
            assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
            assertThat(Http.JSON.readTree(got.get(3).body()).get("state").asText()).isEqualTo("draft");
        }
    }
}
