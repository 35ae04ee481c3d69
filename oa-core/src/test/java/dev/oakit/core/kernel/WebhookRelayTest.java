package dev.oakit.core.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.event.WebhookSignature;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookRelayTest {
    private static final String SECRET = "s3cret-s3cret-s3cret";
    private final Actor alice = Actor.of("acme", "alice");

    record Received(String delivery, String event, String timestamp, String signature, byte[] body) {
    }

    /** A real HTTP receiver that fails the first {@code failures} requests with {@code failStatus}. */
    static HttpServer receiver(List<Received> got, int failures, int failStatus) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger n = new AtomicInteger();
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            got.add(new Received(ex.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER),
                    ex.getRequestHeaders().getFirst(WebhookSignature.EVENT_HEADER),
                    ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body));
            int status = n.incrementAndGet() <= failures ? failStatus : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        return server;
    }

    private static Map<String, Object> hookConfig(HttpServer server) {
        return Map.of("jobs", Map.of("pollInterval", "PT0.05S", "backoffBase", "PT0.05S", "backoffMax", "PT0.2S"),
                "webhooks", List.of(Map.of("id", "erp", "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=HOOK-TOKEN",
                        "secret", SECRET, "events", List.of("sample.*"))));
    }

    @DbTest
    void eventsAreDeliveredSignedAndRetriedWithAStableDeliveryId(TestDatabase db) throws Exception {
        List<Received> got = new CopyOnWriteArrayList<>();
        HttpServer server = receiver(got, 2, 503);
        try {
            OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).config("core", hookConfig(server)));
            long noteId = oa.service(SamplePlugin.Notes.class).add(alice, "to the ERP");
            await().atMost(Duration.ofSeconds(20)).until(() -> got.size() >= 3);
            Thread.sleep(300);
            assertThat(got).hasSize(3);
            assertThat(got).extracting(Received::delivery).containsOnly(got.get(0).delivery());
            Received last = got.get(2);
            assertThat(last.delivery()).endsWith(":erp");
            assertThat(last.event()).isEqualTo("sample.note.added");
            assertThat(WebhookSignature.verify(SECRET, last.timestamp(), last.body(), last.signature(), Instant.now(), Duration.ofMinutes(5))).isTrue();
            assertThat(WebhookSignature.verify("wrong-secret-wrong", last.timestamp(), last.body(), last.signature(), Instant.now(), Duration.ofMinutes(5))).isFalse();
            byte[] tampered = new String(last.body(), StandardCharsets.UTF_8).replace("to the ERP", "to the bin").getBytes(StandardCharsets.UTF_8);
            assertThat(WebhookSignature.verify(SECRET, last.timestamp(), tampered, last.signature(), Instant.now(), Duration.ofMinutes(5))).isFalse();
            assertThat(WebhookSignature.verify(SECRET, last.timestamp(), last.body(), last.signature(), Instant.now().plusSeconds(3600), Duration.ofMinutes(5)))
                    .as("stale timestamps are refused").isFalse();
            JsonNode body = new ObjectMapper().readTree(last.body());
            assertThat(body.get("type").asText()).isEqualTo("sample.note.added");
            assertThat(body.get("aggregateId").asText()).isEqualTo(Long.toString(noteId));
            assertThat(body.get("payload").get("text").asText()).isEqualTo("to the ERP");
            assertThat(body.get("deliveryId").asText()).isEqualTo(last.delivery());
        } finally {
            server.stop(0);
        }
    }

    @DbTest
    void aReceiverThatRejectsTheRequestParksTheDeliveryAsDeadWithoutFailingTheCommand(TestDatabase db) throws Exception {
        List<Received> got = new CopyOnWriteArrayList<>();
        HttpServer server = receiver(got, Integer.MAX_VALUE, 400);
        try {
            OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).config("core", hookConfig(server)));
            oa.service(SamplePlugin.Notes.class).add(alice, "rejected downstream");
            Actor admin = Actor.admin("acme", "root");
            Jobs jobs = oa.service(Jobs.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> !jobs.dead(admin, 10).isEmpty());
            JobInfo dead = jobs.dead(admin, 10).get(0);
            assertThat(dead.type()).isEqualTo("core.event.relay");
            assertThat(dead.attempts()).isEqualTo(1);
            assertThat(dead.lastError()).contains("HTTP 400").contains("not retried")
                    .contains("http://127.0.0.1:" + server.getAddress().getPort() + "/***").doesNotContain("HOOK-TOKEN");
            assertThat(oa.service(SamplePlugin.Notes.class).texts(alice)).containsExactly("hello rejected downstream");
        } finally {
            server.stop(0);
        }
    }
}
