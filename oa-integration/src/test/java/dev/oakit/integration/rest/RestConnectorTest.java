package dev.oakit.integration.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.TestHttp;
import dev.oakit.integration.TestPlugin;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.mapping.MappedPayload;
import dev.oakit.integration.mapping.MappingDocument;
import dev.oakit.integration.mapping.Mappings;
import dev.oakit.integration.spi.Connector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generic REST connector against a plain JSON REST server in the JVM. */
class RestConnectorTest {
    static final Actor BRIDGE = Actor.system("t1");
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    static final String CONTACT = """
            mapping: contact
            version: 1
            target: crm
            entity: contact
            local:
              name: {type: string, required: true}
              creditLimit: decimal
              tier: string
            required: [display_name]
            fields:
              - {from: name, to: display_name}
              - {from: creditLimit, to: credit.limit, transform: {type: money, currency: EUR, rounding: HALF_EVEN}}
              - {from: tier, to: segment, default: STANDARD, transform: {type: enum, values: {STANDARD: std, GOLD: gold}}}
            """;

    /** Contacts over REST: POST /api/contacts creates, GET /api/contacts?external_ref= finds; can commit and then answer 502. */
    static final class Contacts implements AutoCloseable {
        final HttpServer server;
        final List<ObjectNode> stored = new CopyOnWriteArrayList<>();
        final AtomicBoolean commitThen502 = new AtomicBoolean();

        Contacts() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/contacts", this::handle);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange x) throws IOException {
            if (!"Bearer s3cret".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                TestHttp.answer(x, 401, Map.of(), "{\"error\": \"unauthorized\"}");
                return;
            }
            if (x.getRequestMethod().equals("POST")) {
                ObjectNode c = (ObjectNode) JSON.readTree(x.getRequestBody());
                synchronized (stored) {
                    c.put("id", "C-" + (stored.size() + 1));
                    stored.add(c);
                }
                if (commitThen502.getAndSet(false)) {
                    TestHttp.answer(x, 502, Map.of("Content-Type", "text/html"), "<html>Bad Gateway</html>");
                } else {
                    TestHttp.answer(x, 201, Map.of("Content-Type", "application/json"), c.toString());
                }
                return;
            }
            String ref = URLDecoder.decode(x.getRequestURI().getRawQuery().replaceFirst("^external_ref=", ""), StandardCharsets.UTF_8);
            var found = JSON.createArrayNode();
            stored.stream().filter(c -> c.path("external_ref").asText().equals(ref)).forEach(found::add);
            TestHttp.answer(x, 200, Map.of("Content-Type", "application/json"), JSON.createObjectNode().set("data", found).toString());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static OaKit start(TestDatabase db, URI crm) {
        FieldMapping contact = FieldMapping.parse("contact.yaml", CONTACT);
        Connector connector = RestConnector.builder("crm", crm)
                .auth(new dev.oakit.integration.spi.HttpAuth() {
                    @Override
                    public void apply(java.net.http.HttpRequest.Builder request) {
                        request.header("Authorization", "Bearer s3cret");
                    }

                    @Override
                    public void refresh(dev.oakit.integration.spi.CallContext call) throws dev.oakit.integration.spi.RemoteCallException {
                        throw dev.oakit.integration.spi.RemoteCallException.of(dev.oakit.integration.spi.RemoteCallException.Kind.PERMANENT,
                                "the CRM refused the token");
                    }
                })
                .create(RestConnector.Create.of(contact, "/api/contacts", "external_ref", "/api/contacts?external_ref={key}")
                        .ids("/id", "/data", "/id"))
                .build();
        return db.start(b -> b.plugin(new IntegrationPlugin())
                .plugin(TestPlugin.of("crm", context -> {
                    context.extension(Connector.class, connector);
                    context.extension(MappingDocument.class, new MappingDocument("contact.yaml", CONTACT));
                }))
                .config("integration", Map.of("callTimeout", "PT5S", "lease", "PT10S", "retryInitial", "PT0.1S", "retryMax", "PT0.5S")));
    }

    static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    @DbTest
    void createsOnceWithTheKeyInThePayloadAndExactAmounts(TestDatabase db) throws Exception {
        try (Contacts crm = new Contacts()) {
            OaKit oa = start(db, crm.uri());
            RemoteWrites writes = oa.service(RemoteWrites.class);
            MappedPayload payload = oa.service(Mappings.class).toRemote(BRIDGE, "contact",
                    json("{\"name\": \"Acme\", \"creditLimit\": 12345678901234567.885}"));
            RemoteWrite w = writes.request(BRIDGE, new NewRemoteWrite("crm", "contact", "OA-P-1", "party-1", payload));
            await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(BRIDGE, w.id()).orElseThrow().status() == WriteStatus.CONFIRMED);

            assertThat(writes.get(BRIDGE, w.id()).orElseThrow().remoteId()).isEqualTo("C-1");
            assertThat(crm.stored).singleElement().satisfies(c -> {
                assertThat(c.path("external_ref").asText()).isEqualTo("OA-P-1");
                assertThat(c.path("display_name").asText()).isEqualTo("Acme");
                assertThat(c.path("segment").asText()).isEqualTo("std");
                assertThat(c.at("/credit/limit").decimalValue()).as("19 digits: no double on the way").isEqualByComparingTo("12345678901234567.88");
            });
        }
    }

    @DbTest
    void aCreateThatCommittedBeforeA502IsFoundByItsKeyAndNotSentAgain(TestDatabase db) throws Exception {
        try (Contacts crm = new Contacts()) {
            OaKit oa = start(db, crm.uri());
            RemoteWrites writes = oa.service(RemoteWrites.class);
            crm.commitThen502.set(true);
            MappedPayload payload = oa.service(Mappings.class).toRemote(BRIDGE, "contact", json("{\"name\": \"Beta & Co\", \"tier\": \"GOLD\"}"));
            RemoteWrite w = writes.request(BRIDGE, new NewRemoteWrite("crm", "contact", "OA P/2", "party-2", payload));
            await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(BRIDGE, w.id()).orElseThrow().status() == WriteStatus.CONFIRMED);
            assertThat(crm.stored).as("one contact, found by its key after the 502").singleElement()
                    .satisfies(c -> assertThat(c.path("external_ref").asText()).isEqualTo("OA P/2"));
            assertThat(writes.get(BRIDGE, w.id()).orElseThrow().remoteId()).isEqualTo("C-1");
        }
    }
}
