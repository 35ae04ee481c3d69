package dev.oakit.ticket.channel;

import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.event.WebhookSignature;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChannelsPlugin;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.webhook.WebhookIntake;
import dev.oakit.ticket.webhook.WebhookResult;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook / IM in through a real HTTP stack: a JDK {@link HttpServer} mounts {@link WebhookIntake}
 * the way a host would, and {@link HttpClient} posts signed and badly signed requests.
 */
class WebhookIntakeTest {
    static final String SECRET = "wecom-secret-0123456789";

    /** The host's side: a JDK HttpServer with one handler that hands everything to WebhookIntake. */
    static final class Host {
        final TicketFixture f;
        final HttpServer server;
        final HttpClient client = HttpClient.newHttpClient();

        Host(TestDatabase db) throws Exception {
            Map<String, Object> mapping = Map.of("externalId", "/msg/id", "title", "/msg/title", "description", "/msg/text",
                    "requester", "/from/email", "requesterName", "/from/name", "category", "/msg/category", "priority", "/msg/priority",
                    "replyTo", "/msg/ticket");
            Map<String, Object> source = Map.of("name", "wecom", "tenant", TicketFixture.T, "secret", SECRET, "type", "it",
                    "mapping", mapping);
            f = new TicketFixture(db, b -> b.plugin(new TicketChannelsPlugin())
                    .config(TicketChannelsPlugin.ID, Map.of("webhooks", List.of(source))));
            WebhookIntake intake = f.oa.service(WebhookIntake.class);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks/", exchange -> {
                String source1 = exchange.getRequestURI().getPath().substring("/hooks/".length());
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status;
                byte[] answer;
                try {
                    WebhookResult r = intake.receive(source1, exchange.getRequestHeaders(), body);
                    status = r.httpStatus();
                    answer = (r.outcome() + " " + (r.ticketNumber() == null ? "-" : r.ticketNumber()) + " " + r.message())
                            .getBytes(StandardCharsets.UTF_8);
                } catch (RuntimeException e) { // a host answers 500 so the sender retries
                    status = 500;
                    answer = e.toString().getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            db.closeLater(() -> server.stop(0));
        }

        HttpResponse<String> post(String source, String json, String secret, long timestamp) throws Exception {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + source))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
            if (secret != null) {
                b.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String json) throws Exception {
            return post("wecom", json, SECRET, Instant.now().getEpochSecond());
        }
    }

    static String message(String id, String title, String text, String extra) {
        return "{\"msg\":{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"text\":\"" + text + "\"" + extra + "},"
                + "\"from\":{\"email\":\"Li@Customer.test\",\"name\":\"李四\"}}";
    }

    @DbTest
    void aSignedMessageOpensATicketOnceAndRepliesThreadToIt(TestDatabase db) throws Exception {
        Host host = new Host(db);
        HttpResponse<String> created = host.post(message("e-1", "会议室投影仪坏了", "3 号会议室", ",\"priority\":\"high\",\"category\":\"hw\""));
        assertThat(created.statusCode()).isEqualTo(201);
        String number = created.body().split(" ")[1];
        Ticket t = host.f.queries.list(host.f.admin, dev.oakit.ticket.TicketQuery.all()).items().stream()
                .filter(x -> x.number().equals(number)).findFirst().orElseThrow();
        assertThat(t.title()).isEqualTo("会议室投影仪坏了");
        assertThat(t.description()).isEqualTo("3 号会议室");
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.category()).isEqualTo("hw");
        assertThat(t.channel()).isEqualTo("wecom");
        assertThat(t.requester()).isEqualTo(Requester.contact("李四", "li@customer.test", null));

        // the sender retries the same event with a fresh signature: taken once
        HttpResponse<String> again = host.post(message("e-1", "会议室投影仪坏了", "3 号会议室", ""));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).startsWith("DUPLICATE " + number);

        // replies: by the ticket number, and by the external id of the first message
        assertThat(host.post(message("e-2", "", "还是不亮", ",\"ticket\":\"" + number + "\"")).statusCode()).isEqualTo(200);
        HttpResponse<String> second = host.post(message("e-3", "", "好了，谢谢", ",\"ticket\":\"e-1\""));
        assertThat(second.body()).startsWith("REPLIED " + number);
        List<TicketEvent> replies = host.f.queries.detail(host.f.admin, t.id()).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.REQUESTER_REPLY).toList();
        assertThat(replies).extracting(TicketEvent::body).containsExactly("还是不亮", "好了，谢谢");
        assertThat(host.f.queries.list(host.f.admin, dev.oakit.ticket.TicketQuery.all()).items()).hasSize(1);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void badlySignedStaleOrMalformedRequestsAreRefusedWithTheRightStatus(TestDatabase db) throws Exception {
        Host host = new Host(db);
        String ok = message("e-9", "打印机", "卡纸", "");
        long now = Instant.now().getEpochSecond();

        assertThat(host.post("wecom", ok, "wrong-secret-0123456789", now).statusCode()).isEqualTo(401);
        assertThat(host.post("wecom", ok, null, now).statusCode()).isEqualTo(401);
        assertThat(host.post("wecom", ok, SECRET, now - 600).statusCode()).isEqualTo(401); // replayed 10 minutes later
        assertThat(host.post("nobody", ok, SECRET, now).statusCode()).isEqualTo(404);
        assertThat(host.post("wecom", "not json", SECRET, now).statusCode()).isEqualTo(400);
        assertThat(host.post("wecom", "{\"msg\":{\"title\":\"no id\"}}", SECRET, now).body()).contains("/msg/id");
        assertThat(host.post(message("e-10", "x", "y", ",\"priority\":\"asap\"")).statusCode()).isEqualTo(400);
        HttpResponse<String> unknownCategory = host.post(message("e-11", "x", "y", ",\"category\":\"nope\""));
        assertThat(unknownCategory.statusCode()).isEqualTo(422);
        assertThat(unknownCategory.body()).contains("category 'nope' does not exist");
        assertThat(host.post(message("e-12", "x", "y", ",\"ticket\":\"TK-1999-000001\"")).statusCode()).isEqualTo(422);
        assertThat(host.f.queries.list(host.f.admin, dev.oakit.ticket.TicketQuery.all()).items()).isEmpty();

        // a body changed after signing fails the signature
        byte[] signedBody = ok.getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(SECRET, now, signedBody);
        HttpResponse<String> tampered = host.client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + host.server.getAddress().getPort() + "/hooks/wecom"))
                .POST(HttpRequest.BodyPublishers.ofString(ok.replace("卡纸", "转账"))).header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(WebhookSignature.SIGNATURE_HEADER, signature).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(401);
    }

    @DbTest
    void theSameEventPostedConcurrentlyOpensOneTicket(TestDatabase db) throws Exception {
        Host host = new Host(db);
        String body = message("race-1", "网络中断", "整层断网", "");
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return host.post(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> p : posts) {
            HttpResponse<String> r = p.get();
            assertThat(r.statusCode()).as(r.body()).isNotEqualTo(500);
            statuses.add(r.statusCode());
        }
        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
        assertThat(host.f.queries.list(host.f.admin, dev.oakit.ticket.TicketQuery.all()).items()).hasSize(1);
    }

    /** JSON may carry U+0000, which PostgreSQL refuses in text: the message is taken with it replaced, and sent again it is a duplicate. */
    @DbTest
    void aMessageCarryingNulIsTakenWithTheCharacterReplaced(TestDatabase db) throws Exception {
        Host host = new Host(db);
        String body = message("nul\\u0000-1", "打印机\\u0000卡纸", "第一行\\u0000第二行", "");
        HttpResponse<String> created = host.post(body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Ticket t = host.f.queries.list(host.f.admin, dev.oakit.ticket.TicketQuery.all()).items().get(0);
        assertThat(t.title()).isEqualTo("打印机\uFFFD卡纸");
        assertThat(t.description()).isEqualTo("第一行\uFFFD第二行");
        HttpResponse<String> again = host.post(body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).startsWith("DUPLICATE " + t.number());
    }
}
