package dev.oakit.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The in-JVM HTTP server under every fake (the JDK's {@code com.sun.net.httpserver}, bound to the loopback address),
 * with the call log and the failure knobs applied around each call. Subclasses route a request to a handler and
 * say how their system answers the injected failures.
 *
 * <p>Thread safe. Close it to stop the server; a closed fake cannot be restarted.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class FakeServer implements AutoCloseable {
    /** The JSON mapper the fakes read and write with. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final Failures failures = new Failures();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final Clock clock;
    private final Webhooks webhooks;
    private HttpServer http;
    private ExecutorService pool;

    protected FakeServer(Clock clock, Webhooks.Signer signer) {
        this.clock = clock;
        this.webhooks = new Webhooks(signer);
    }

    /** Binds the server; called once by the subclass's builder. */
    protected final void bind(int port) {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake on port " + port, e);
        }
        // a cached pool: a call held by COMMIT_THEN_TIMEOUT must not block the others
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::serve);
        http.start();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:43121}; no trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** The failure knobs. */
    public Failures failures() {
        return failures;
    }

    /** The webhook sender (subscriptions, pending deliveries, duplicate and out-of-order knobs). */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** Every call received so far, in order of arrival. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many calls had this action ({@link Call#action()}). */
    public synchronized long callCount(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).count();
    }

    /** Forgets the call log. */
    public synchronized void clearCalls() {
        calls.clear();
    }

    /** The clock the fake stamps documents with. */
    protected final Clock clock() {
        return clock;
    }

    /** A line rule armed by {@link Failures#rejectLine(String, String)} for this product, if any. */
    protected final java.util.Optional<String> lineError(String product) {
        return failures.lineError(product);
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
            pool.shutdownNow();
        }
    }

    /** Routes a request: what it addresses (for the call log and the knobs) and the handler that answers it. */
    protected abstract Route route(Request request);

    /** The system's answer to an injected failure that stops the call before it runs. */
    protected abstract Response failureResponse(Failure failure, Request request, long retryAfterSeconds);

    private void serve(HttpExchange exchange) {
        try (exchange) {
            try {
                serveOpen(exchange);
            } catch (RuntimeException e) {
                // a bug in the fake, not a behaviour of the system it imitates: answer plainly so the test sees it
                write(exchange, Response.html(500, "fake failed: " + e));
            }
        } catch (IOException e) {
            // the client went away (it timed out); nothing to answer
        }
    }

    private void serveOpen(HttpExchange exchange) throws IOException {
        Request request = read(exchange);
        Route route = route(request);
        Failure failure = failures.take(route.target(), route.action());
        Response response;
        if (failure == null) {
            response = route.handler().get();
        } else {
            switch (failure) {
                case RUN_TWICE -> {
                    route.handler().get();
                    response = route.handler().get();
                }
                case COMMIT_THEN_TIMEOUT -> {
                    response = route.handler().get();
                    record(request, route, response.status(), failure);
                    sleep(failures.responseDelay().toMillis());
                    write(exchange, response);
                    return;
                }
                case COMMIT_THEN_DROP -> {
                    route.handler().get();
                    record(request, route, -1, failure);
                    return; // closing an exchange that sent no headers closes the connection
                }
                case BAD_GATEWAY -> response = Response.html(502,
                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                                + "<hr><center>nginx</center></body></html>");
                default -> response = failureResponse(failure, request, Math.max(1, failures.retryAfter().toSeconds()));
            }
        }
        record(request, route, response.status(), failure);
        write(exchange, response);
    }

    private synchronized void record(Request request, Route route, int status, Failure failure) {
        calls.add(new Call(seq.incrementAndGet(), request.method(), request.path(), route.target(), route.action(), status, failure));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        URI uri = exchange.getRequestURI();
        return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getPath(),
                parseQuery(uri.getRawQuery()), headers, body);
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((k, v) -> v.forEach(value -> exchange.getResponseHeaders().add(k, value)));
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Decodes {@code a=1&b=2} (form bodies and query strings alike). */
    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * What a call addresses and the handler that answers it. The handler may run twice ({@link Failure#RUN_TWICE}).
     *
     * @param target  model or DocType, empty when none
     * @param action  the operation, see {@link Call#action()}
     * @param handler runs the call and builds the answer
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public record Route(String target, String action, Supplier<Response> handler) {
    }

    /**
     * A request as the fakes see it. Header names are lower case.
     *
     * @param method upper-case HTTP method
     * @param path   decoded path
     * @param query  decoded query parameters
     * @param headers lower-case names to values
     * @param body   raw body
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header, or {@code null}. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        /** A cookie's value, or {@code null}. */
        public String cookie(String name) {
            List<String> all = headers.get("cookie");
            if (all == null) {
                return null;
            }
            for (String line : all) {
                for (String part : line.split(";")) {
                    String p = part.trim();
                    if (p.startsWith(name + "=")) {
                        return p.substring(name.length() + 1);
                    }
                }
            }
            return null;
        }

        /** The body as text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * An answer.
     *
     * @param status      HTTP status
     * @param contentType the Content-Type header
     * @param body        raw body
     * @param headers     further headers
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public record Response(int status, String contentType, byte[] body, Map<String, List<String>> headers) {
        /** A JSON answer. */
        public static Response json(int status, Object value) {
            try {
                return new Response(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), new LinkedHashMap<>());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** An HTML answer. */
        public static Response html(int status, String html) {
            return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        /** This answer with one more header. */
        public Response withHeader(String name, String value) {
            Map<String, List<String>> h = new LinkedHashMap<>(headers);
            List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
            values.add(value);
            h.put(name, values);
            return new Response(status, contentType, body, h);
        }
    }
}
