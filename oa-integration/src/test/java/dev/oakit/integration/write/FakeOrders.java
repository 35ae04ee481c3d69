package dev.oakit.integration.write;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oakit.integration.TestHttp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A remote order service in the JVM: {@code POST /orders} with header {@code Idempotency-Key} creates
 * an order (answer {@code {"id": ...}}), {@code GET /orders?key=K} finds one. Each POST takes the next
 * scripted behaviour, then behaves normally.
 */
final class FakeOrders implements AutoCloseable {
    /** How a POST behaves. */
    enum Mode {
        OK,
        /** Commits, then answers only after the client gave up. */
        COMMIT_THEN_HANG,
        /** Commits, then answers 502. */
        COMMIT_THEN_502,
        /** Commits, then drops the connection without an answer. */
        COMMIT_THEN_RESET,
        /** 429 with Retry-After: 1, nothing stored. */
        TOO_MANY,
        /** 422 with an error body, nothing stored. */
        INVALID
    }

    final Map<String, String> orders = new ConcurrentHashMap<>();
    /** Orders created per key: a duplicate shows here as 2. */
    final Map<String, AtomicInteger> createdPerKey = new ConcurrentHashMap<>();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();
    final ConcurrentLinkedQueue<Mode> script = new ConcurrentLinkedQueue<>();
    volatile Consumer<String> onPost = k -> { };
    volatile Consumer<String> onGet = k -> { };
    private final HttpServer server;
    private final AtomicInteger ids = new AtomicInteger(1000);

    FakeOrders() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/orders", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (x.getRequestMethod().equals("GET")) {
                gets.incrementAndGet();
                String key = x.getRequestURI().getQuery().replaceFirst("^key=", "");
                onGet.accept(key);
                String id = orders.get(key);
                answer(x, 200, id == null ? "{}" : "{\"id\":\"" + id + "\"}");
                return;
            }
            posts.incrementAndGet();
            String key = x.getRequestHeaders().getFirst("Idempotency-Key");
            x.getRequestBody().readAllBytes();
            onPost.accept(key);
            Mode mode = script.poll();
            switch (mode == null ? Mode.OK : mode) {
                case TOO_MANY -> {
                    TestHttp.answer(x, 429, Map.of("Retry-After", "1"), "slow down");
                }
                case INVALID -> answer(x, 422, "{\"error\":\"line 2: unknown material M-9\"}");
                default -> {
                    String id = "PO-" + ids.incrementAndGet();
                    orders.put(key, id);
                    createdPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    switch (mode == null ? Mode.OK : mode) {
                        case COMMIT_THEN_HANG -> {
                            TestHttp.sleep(5000);
                            answer(x, 201, "{\"id\":\"" + id + "\"}");
                        }
                        case COMMIT_THEN_502 -> answer(x, 502, "bad gateway");
                        case COMMIT_THEN_RESET -> x.getHttpContext(); // closes without an answer
                        default -> answer(x, 201, "{\"id\":\"" + id + "\"}");
                    }
                }
            }
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        TestHttp.answer(x, status, Map.of(), body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
