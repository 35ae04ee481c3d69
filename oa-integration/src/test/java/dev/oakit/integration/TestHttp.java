package dev.oakit.integration;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Answers of the JDK HTTP servers the tests run in the JVM. */
public final class TestHttp {
    private TestHttp() {
    }

    /** Sends a status, headers and a body (none when empty). */
    public static void answer(HttpExchange x, int status, Map<String, String> headers, String body) throws IOException {
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        }
    }

    /** Sleeps, keeping the interrupt. */
    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
