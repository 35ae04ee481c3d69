package dev.oakit.core.internal.http;

import dev.oakit.core.IntegrationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way OAKit's kernel calls out over HTTP (webhooks, chat robots). The whole exchange —
 * connect, send, response headers and body — ends by a deadline, not per read, and at most
 * {@link #MAX_ANSWER_BYTES} of the answer are read: a receiver that drips its answer or sends
 * one without end fails the call (retryable) and the connection is closed, instead of holding a
 * job thread. Thread-safe; one HTTP client serves every call.
 */
public final class OutboundHttp {
    /** Answers longer than this (64 KiB) fail the call; receivers need to say little more than "ok". */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private OutboundHttp() {
    }

    /** A complete answer of at most {@link #MAX_ANSWER_BYTES}. */
    public record Answer(int status, byte[] body) {
        /** @return true for 2xx */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** @return the body as UTF-8 text */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** @return whether a later attempt may get a better answer than this HTTP status: 408, 425, 429 and 5xx */
    public static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /**
     * POSTs a body and reads the whole answer within {@code timeout}.
     *
     * @param code error code of the failures, e.g. {@code OA-CORE/WEBHOOK}
     * @param who the endpoint as messages name it, e.g. {@code webhook 'erp' at https://host/***}; never the full URL
     * @param timeout deadline of the whole exchange
     * @return the answer, whatever its status
     * @throws IntegrationException (retryable) when the receiver cannot be reached, does not answer
     *     completely in time, or answers more than {@link #MAX_ANSWER_BYTES}
     */
    public static Answer post(String code, String who, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        LimitedBody answer = new LimitedBody();
        CompletableFuture<HttpResponse<byte[]>> exchange = CLIENT.sendAsync(request.build(), info -> answer);
        try {
            HttpResponse<byte[]> response = exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            abort(exchange, answer);
            throw late(code, who, timeout, null);
        } catch (InterruptedException e) {
            abort(exchange, answer);
            Thread.currentThread().interrupt();
            throw new IntegrationException(code, who + ": the call was interrupted; will retry", true, e);
        } catch (ExecutionException e) {
            abort(exchange, answer);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof TooLarge) {
                    throw new IntegrationException(code, who + " answered more than " + MAX_ANSWER_BYTES / 1024
                            + " KiB; the rest was not read; will retry", true, null);
                }
                if (c instanceof HttpTimeoutException) {
                    throw late(code, who, timeout, c);
                }
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IntegrationException(code, who + " could not be reached (" + cause.getClass().getSimpleName()
                    + "); will retry", true, cause);
        }
    }

    private static IntegrationException late(String code, String who, Duration timeout, Throwable cause) {
        return new IntegrationException(code, who + " did not answer completely within " + timeout + "; will retry", true, cause);
    }

    /** Stops reading and closes the exchange, so the receiver sees the connection go. */
    private static void abort(CompletableFuture<?> exchange, LimitedBody answer) {
        answer.cancel();
        exchange.cancel(true);
    }

    /** Thrown into the exchange when an answer outgrows the limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("answer larger than " + MAX_ANSWER_BYTES + " bytes");
        }
    }

    /** Collects the body up to the limit; cancels the subscription (closing the connection) beyond it. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return; // aborted or too large: read no further
            }
            for (ByteBuffer b : items) {
                if (bytes.size() + b.remaining() > MAX_ANSWER_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new CancellationException("the call was aborted"));
        }
    }
}
