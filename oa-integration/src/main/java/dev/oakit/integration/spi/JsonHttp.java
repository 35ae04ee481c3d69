package dev.oakit.integration.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.apiguardian.api.API;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * JSON over HTTP for connectors, on the JDK {@link HttpClient} and Jackson. Each call is bounded by
 * its {@link CallContext#timeout()}, authenticated by an {@link HttpAuth} that is refreshed once when
 * the remote answers 401 or says the session expired (then the call is sent once more), and its
 * failures are classified by {@link HttpFailures} (retryable, ambiguous, permanent, with the wait the
 * remote asked for). Retries, backoff with jitter, the circuit breaker and the request budget are
 * OAKit's, around the call. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JsonHttp {
    private final URI base;
    private final HttpClient client;
    private final ObjectMapper json;
    private final HttpAuth auth;
    private final BiPredicate<Integer, String> expired;
    private final Clock clock;
    private final BiConsumer<Integer, HttpHeaders> onAnswer;

    private JsonHttp(Builder b) {
        this.base = b.base;
        this.client = b.client == null
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build() : b.client;
        this.json = b.json == null ? new ObjectMapper() : b.json;
        this.auth = b.auth;
        this.expired = b.expired;
        this.clock = b.clock;
        this.onAnswer = b.onAnswer;
    }

    /** @return a builder for calls to {@code base} (e.g. {@code https://erp.example.com}) */
    public static Builder builder(URI base) {
        return new Builder(base);
    }

    /** @return the answer of a GET of {@code path} (relative to the base, with its query), as JSON; null JSON for an empty body */
    public JsonNode get(CallContext call, String path) throws RemoteCallException {
        return send(call, "GET", path, null, Map.of());
    }

    /** @return the answer of a POST of {@code body} (serialised with Jackson) to {@code path}, as JSON */
    public JsonNode post(CallContext call, String path, Object body) throws RemoteCallException {
        return send(call, "POST", path, body, Map.of());
    }

    /**
     * Sends one call: authenticated, bounded by the call's timeout, refreshed and sent once more when
     * the credentials expired.
     *
     * @param method the HTTP method
     * @param path relative to the base, with its query
     * @param body serialised with Jackson, or null for none
     * @param headers further headers (an idempotency key, say)
     * @return the answer as JSON; a {@link NullNode} for an empty body
     * @throws RemoteCallException classified
     */
    public JsonNode send(CallContext call, String method, String path, Object body, Map<String, String> headers) throws RemoteCallException {
        Objects.requireNonNull(call, "call");
        String what = call.target() + " " + method + " " + path.replaceFirst("\\?.*", "");
        String payload;
        try {
            payload = body == null ? null : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new RemoteCallException(RemoteCallException.Kind.PERMANENT, what + ": the body is not JSON: " + e.getMessage(), null, null, null, e);
        }
        HttpResponse<String> r = exchange(call, what, method, path, payload, headers);
        if (r.statusCode() == 401 || expired.test(r.statusCode(), r.body())) {
            auth.refresh(call);
            r = exchange(call, what, method, path, payload, headers);
            if (r.statusCode() == 401 || expired.test(r.statusCode(), r.body())) {
                throw new RemoteCallException(RemoteCallException.Kind.PERMANENT, what + " refused fresh credentials too; check them",
                        r.statusCode(), r.body(), null, null);
            }
        }
        var failure = HttpFailures.classify(what, r.statusCode(), r.headers(), r.body(), clock.instant());
        if (failure.isPresent()) {
            throw failure.get();
        }
        try {
            return r.body() == null || r.body().isBlank() ? NullNode.getInstance() : json.readTree(r.body());
        } catch (IOException e) {
            // the remote did answer with success: the call was applied, only its answer is unreadable
            throw new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, what + " answered " + r.statusCode() + " with a body that is not JSON",
                    r.statusCode(), r.body(), null, e);
        }
    }

    private HttpResponse<String> exchange(CallContext call, String what, String method, String path, String payload, Map<String, String> headers)
            throws RemoteCallException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(call.timeout()).header("Accept", "application/json")
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        if (payload != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        auth.apply(b);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            onAnswer.accept(r.statusCode(), r.headers());
            return r;
        } catch (IOException e) {
            throw HttpFailures.classify(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, what + " was interrupted", null, null, null, e);
        }
    }

    /** Builds a {@link JsonHttp}; not thread-safe. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final URI base;
        private HttpClient client;
        private ObjectMapper json;
        private HttpAuth auth = HttpAuth.NONE;
        private BiPredicate<Integer, String> expired = (status, body) -> false;
        private Clock clock = Clock.systemUTC();
        private BiConsumer<Integer, HttpHeaders> onAnswer = (status, headers) -> { };

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base, "base");
        }

        /** @return this; the client to send with (default: a new JDK client speaking HTTP/1.1, 10 s to connect) */
        public Builder client(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @return this; the mapper for bodies and answers */
        public Builder json(ObjectMapper json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        /** @return this; how requests are authenticated (default none) */
        public Builder auth(HttpAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * @param expired tells, from status and body, an answer that means "session expired" although it
         *     is not a 401 (Odoo answers 200 with a session error, Frappe 403 with one)
         * @return this
         */
        public Builder expiredSession(BiPredicate<Integer, String> expired) {
            this.expired = Objects.requireNonNull(expired, "expired");
            return this;
        }

        /** @return this; the clock for date headers (default UTC system clock) */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param listener told the status and headers of every answer as it arrives, before it is classified: a
         *     connector reads its remote's usage headers with it (Salesforce's {@code Sforce-Limit-Info}); it must be
         *     quick and thread-safe
         * @return this
         */
        public Builder onAnswer(BiConsumer<Integer, HttpHeaders> listener) {
            this.onAnswer = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the client */
        public JsonHttp build() {
            return new JsonHttp(this);
        }
    }
}
