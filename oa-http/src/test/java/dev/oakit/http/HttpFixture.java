package dev.oakit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketType;
import dev.oakit.http.spi.ActorResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * OAKit with the workflow and ticket plugins, served by {@link OaHttpServer} with a {@link JwtActorResolver}
 * that trusts a local identity provider: a JDK HttpServer serving a JWKS, whose key signs the tests' tokens.
 * The directory and the processes are {@link WorkflowFixture}'s: alice (eng), bob (head of eng), carol (director),
 * dave (eng), fay, gus, hal (finance), zhao (head of hq), root (admin); "leave" (manager, then the director above
 * 3 days) and "reimburse" (one task offered to the finance pool). Queue "it": dispatcher bob, agent carol.
 */
final class HttpFixture implements AutoCloseable {
    static final String T = "acme";
    static final String ISSUER = "https://sso.test";
    static final String AUDIENCE = "oakit";
    static final ObjectMapper JSON = new ObjectMapper();

    final OaKit oa;
    final WorkflowFixture workflow;
    final RSAKey key;
    final HttpServer idp;
    final URI jwks;
    final OaHttpServer server;
    final HttpClient client = HttpClient.newHttpClient();

    HttpFixture(TestDatabase db) {
        this(db, Cors.none());
    }

    HttpFixture(TestDatabase db, Cors cors) {
        oa = db.start(b -> b.plugin(new WorkflowPlugin()).plugin(new TicketPlugin()));
        workflow = seed(oa);
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        idp.createContext("/jwks", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, keys.length);
            ex.getResponseBody().write(keys);
            ex.close();
        });
        idp.start();
        jwks = URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks");
        // tag::wiring[]
        ActorResolver sso = JwtActorResolver.builder(jwks).issuer(ISSUER).audience(AUDIENCE).tenant("acme").build();
        OaHttpServlet api = OaHttpServlet.builder(oa).actorResolver(sso).cors(cors).build();
        OaHttpServer server = OaHttpServer.start(api, new InetSocketAddress("127.0.0.1", 0), "/api");
        // end::wiring[]
        this.server = server;
    }

    /** @return OAKit with the workflow and ticket plugins, the directory, the leave process and the help desk queue */
    static OaKit seeded(TestDatabase db) {
        return seeded(db, java.time.Clock.systemUTC());
    }

    /** @return {@link #seeded(TestDatabase)} on the given clock */
    static OaKit seeded(TestDatabase db, java.time.Clock clock) {
        OaKit oa = db.start(b -> b.clock(clock).plugin(new WorkflowPlugin()).plugin(new TicketPlugin()));
        seed(oa);
        return oa;
    }

    /** The directory and the leave process are oa-workflow's test fixture's; the help desk is ours. */
    private static WorkflowFixture seed(OaKit oa) {
        WorkflowFixture workflow = new WorkflowFixture(oa);
        Actor admin = workflow.admin;
        workflow.definitions.deploy(admin, WorkflowFixture.leave());
        workflow.definitions.deploy(admin,
                WorkflowFixture.single("reimburse", a -> a.name("财务审核").approver(ApproverRule.role("finance")).pool()));
        // the help desk: queue "it" with dispatcher bob and agent carol; type "it" lands there
        oa.service(Queues.class).saveQueue(admin, Queue.of("it", "IT 支持"));
        oa.service(Queues.class).setMembers(admin, "it", List.of(QueueMember.dispatcher("bob"), QueueMember.agent("carol")));
        oa.service(TicketCatalog.class).saveType(admin, TicketType.of("it", "IT 支持").withDefaultQueue("it"));
        return workflow;
    }

    /** @return a token for the user, signed by the identity provider's key */
    String token(String user, String... roles) {
        return sign(key, ISSUER, AUDIENCE, user, roles);
    }

    static String sign(RSAKey key, String issuer, String audience, String user, String... roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(user)
                    .claim("roles", List.of(roles)).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed (null when empty). */
    record Res(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (user != null) {
            b.header("Authorization", "Bearer " + token(user));
        }
        return b;
    }

    Res get(String path, String user) {
        return send(request(path, user).GET().build());
    }

    Res post(String path, String user, Object body) {
        return send(request(path, user).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    /** POSTs as root with the administrators' role. */
    Res postAsAdmin(String path, Object body) {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Authorization", "Bearer " + token("root", "oa-admin"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    Res send(HttpRequest req) {
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Res(r.statusCode(), r.body().isEmpty() || !json ? null : JSON.readTree(r.body()), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        idp.stop(0);
    }
}
