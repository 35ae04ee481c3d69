package dev.oakit.integration.connector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oakit.integration.TestHttp;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JsonHttp} against a real HTTP server in the JVM: authentication refreshed once, every failure classified, waits honoured. */
class JsonHttpTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final CallContext CALL = new CallContext("t1", "erp", "order", Duration.ofSeconds(10));
    static final CallContext SHORT = new CallContext("t1", "erp", "order", Duration.ofMillis(500));

    private HttpServer server;
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile String token = "old";

    /** A bearer token that the server accepts only once refreshed. */
    private final HttpAuth auth = new HttpAuth() {
        @Override
        public void apply(HttpRequest.Builder request) {
            request.header("Authorization", "Bearer " + token);
        }

        @Override
        public void refresh(CallContext call) {
            refreshes.incrementAndGet();
            token = "fresh";
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/secure", x -> answer(x, "Bearer fresh".equals(x.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                Map.of(), "{\"ok\":true}"));
        server.createContext("/never", x -> answer(x, 401, Map.of(), "{}"));
        server.createContext("/odoo", x -> answer(x, 200, Map.of(), "Bearer fresh".equals(x.getRequestHeaders().getFirst("Authorization"))
                ? "{\"result\":7}" : "{\"error\":{\"message\":\"Session Expired\"}}"));
        server.createContext("/limited", x -> answer(x, 429, Map.of("Retry-After", "7"), "slow down"));
        server.createContext("/limited-until", x -> answer(x, 503, Map.of("Retry-After", "Tue, 01 Dec 2026 10:01:00 GMT"), "maintenance"));
        server.createContext("/quota", x -> answer(x, 429, Map.of("X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(NOW.plusSeconds(30).getEpochSecond())), "quota"));
        server.createContext("/invalid", x -> answer(x, 422, Map.of(), "{\"error\":\"amount must be positive\"}"));
        server.createContext("/missing", x -> answer(x, 404, Map.of(), "not found"));
        server.createContext("/locked", x -> answer(x, 423, Map.of(), "document locked"));
        server.createContext("/broken", x -> answer(x, 500, Map.of(), "boom"));
        server.createContext("/slow", x -> {
            sleep(2000);
            answer(x, 200, Map.of(), "{}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private JsonHttp http() {
        return JsonHttp.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).auth(auth)
                .expiredSession((status, body) -> body != null && body.contains("Session Expired"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void expiredCredentialsAreRefreshedOnceAndTheCallSentOnceMore() throws Exception {
        assertThat(http().get(CALL, "/secure").path("ok").asBoolean()).isTrue();
        assertThat(refreshes).hasValue(1);
        assertThat(http().get(CALL, "/secure").path("ok").asBoolean()).isTrue();
        assertThat(refreshes).as("fresh credentials are kept").hasValue(1);
    }

    @Test
    void everyAnswerIsShownToTheListenerWithItsHeadersBeforeItIsClassified() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        JsonHttp http = JsonHttp.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).auth(auth)
                .onAnswer((status, headers) -> seen.add(status + " " + headers.firstValue("Retry-After").orElse("-"))).build();
        assertThatThrownBy(() -> http.get(CALL, "/limited")).isInstanceOf(RemoteCallException.class);
        assertThat(seen).containsExactly("429 7");
        seen.clear();
        assertThat(http.get(CALL, "/secure").path("ok").asBoolean()).isTrue();
        assertThat(seen).as("the 401, then the answer after the refresh").containsExactly("401 -", "200 -");
    }

    @Test
    void anExpiredSessionInABodyIsRefreshedToo() throws Exception {
        assertThat(http().get(CALL, "/odoo").path("result").asInt()).isEqualTo(7);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void credentialsRefusedAfterARefreshArePermanent() {
        assertThatThrownBy(() -> http().get(CALL, "/never")).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.PERMANENT);
            assertThat(e.getMessage()).contains("refused fresh credentials");
        });
        assertThat(refreshes).as("once, not in a loop").hasValue(1);
    }

    @Test
    void retryableFailuresCarryTheWaitTheRemoteAskedFor() {
        assertThat(failure("/limited")).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.RETRYABLE);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
        assertThat(failure("/limited-until")).satisfies(e -> {
            assertThat(e.kind()).as("a 5xx may have been applied").isEqualTo(RemoteCallException.Kind.AMBIGUOUS);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(failure("/quota").retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failure("/locked").kind()).isEqualTo(RemoteCallException.Kind.RETRYABLE);
    }

    @Test
    void validationAndNotFoundArePermanentWithTheRemotesError() {
        assertThat(failure("/invalid")).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.PERMANENT);
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.remoteError()).contains("amount must be positive");
        });
        assertThat(failure("/missing").kind()).isEqualTo(RemoteCallException.Kind.PERMANENT);
    }

    @Test
    void serverErrorsAndTimeoutsMayHaveBeenAppliedARefusedConnectionNot() throws Exception {
        assertThat(failure("/broken").kind()).isEqualTo(RemoteCallException.Kind.AMBIGUOUS);
        assertThatThrownBy(() -> http().get(SHORT, "/slow")).isInstanceOfSatisfying(RemoteCallException.class,
                e -> assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.AMBIGUOUS));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        JsonHttp nowhere = JsonHttp.builder(URI.create("http://127.0.0.1:" + closed)).build();
        assertThatThrownBy(() -> nowhere.post(CALL, "/orders", Map.of("a", 1))).isInstanceOfSatisfying(RemoteCallException.class,
                e -> assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.RETRYABLE));
    }

    private RemoteCallException failure(String path) {
        try {
            http().post(CALL, path, Map.of("amount", 1));
        } catch (RemoteCallException e) {
            return e;
        }
        throw new AssertionError(path + " did not fail");
    }

    private static void answer(HttpExchange x, int status, Map<String, String> headers, String body) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            TestHttp.answer(x, status, headers, body);
        }
    }

    private static void sleep(long ms) {
        TestHttp.sleep(ms);
    }
}
