package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import dev.oakit.http.spi.ActorResolver;
import jakarta.servlet.http.Cookie;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** CORS for pages of other origins, and the CSRF rule for cookie sessions. */
class BrowserRulesTest {
    @DbTest(only = TestDatabase.Kind.H2)
    void aPreflightFromAnAllowedOriginIsAnsweredAndOthersGetNoCorsHeaders(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db, Cors.allow("https://oa.example.com"))) {
            Res pre = f.send(f.request("approvals", null).header("Origin", "https://oa.example.com")
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization, idempotency-key")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(pre.status()).isEqualTo(204);
            assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo("https://oa.example.com");
            assertThat(pre.header("Access-Control-Allow-Headers")).contains("Authorization", "Idempotency-Key");
            assertThat(pre.header("Access-Control-Allow-Credentials")).isNull();

            Res get = f.send(f.request("approvals/todo", "bob").header("Origin", "https://oa.example.com").GET().build());
            assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("https://oa.example.com");
            assertThat(get.header("Access-Control-Expose-Headers")).contains("ETag");

            Res evil = f.send(f.request("approvals/todo", "bob").header("Origin", "https://evil.example").GET().build());
            assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aCookieSessionMustSendXRequestedWithToChangeAnything(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            // a host whose login puts the user in a cookie (a real host would look up its session store)
            ActorResolver session = req -> Arrays.stream(Optional.ofNullable(req.getCookies()).orElse(new Cookie[0]))
                    .filter(c -> c.getName().equals("sid")).findFirst().map(c -> Actor.of("acme", c.getValue()));
            try (OaHttpServer cookies = OaHttpServer.start(OaHttpServlet.builder(f.oa).actorResolver(session).build(),
                    new InetSocketAddress("127.0.0.1", 0), "")) {
                String body = HttpFixture.json(Map.of("processKey", "leave", "form", Map.of("type", "annual", "days", 1)));
                Res forged = f.send(HttpRequest.newBuilder(cookies.uri().resolve("approvals")).header("Cookie", "sid=alice")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
                assertThat(forged.status()).isEqualTo(403);
                assertThat(forged.body().get("code").asText()).isEqualTo(HttpErrors.CSRF);
                assertThat(f.send(HttpRequest.newBuilder(cookies.uri().resolve("approvals/started")).header("Cookie", "sid=alice").build())
                        .body().get("items")).isEmpty();

                Res ok = f.send(HttpRequest.newBuilder(cookies.uri().resolve("approvals")).header("Cookie", "sid=alice")
                        .header("X-Requested-With", "fetch").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                assertThat(ok.status()).isEqualTo(201);
            }
        }
    }
}
