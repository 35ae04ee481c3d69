package dev.oakit.fakes;

import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The webhook sender of a fake. A document change on a subscribed model / DocType is queued after it commits (as the
 * real systems enqueue their webhook requests after the transaction); tests decide when the queue is sent with
 * {@link #deliver()}, and may have every delivery sent twice ({@link #duplicateEach(boolean)}) or the queue sent
 * newest first ({@link #outOfOrder(boolean)}). Thread safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Webhooks {
    /** How a system signs a webhook body: the headers to add for a secret. */
    @FunctionalInterface
    @API(status = API.Status.INTERNAL, since = "0.1")
    public interface Signer {
        /** Headers to add; {@code secret} may be {@code null} (then usually none). */
        Map<String, String> headers(String secret, byte[] body);
    }

    /**
     * One webhook request.
     *
     * @param target  the model or DocType that changed
     * @param url     where it is sent
     * @param body    the raw JSON body
     * @param headers the headers sent with it (Content-Type and the signature, if any)
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Delivery(String target, URI url, byte[] body, Map<String, String> headers) {
        /** The body as text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Subscription(String target, URI url, String secret) {
    }

    private final Signer signer;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Delivery> pending = new ArrayList<>();
    private final List<Delivery> sent = new ArrayList<>();
    private boolean duplicateEach;
    private boolean outOfOrder;
    private int drop;
    private final List<Delivery> dropped = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Webhooks(Signer signer) {
        this.signer = signer;
    }

    /**
     * Subscribes {@code url} to every insert, update, submit and cancel of {@code target}.
     *
     * @param secret the webhook secret to sign with, or {@code null} for none
     */
    public synchronized Webhooks subscribe(String target, URI url, String secret) {
        subscriptions.add(new Subscription(Objects.requireNonNull(target, "target"), Objects.requireNonNull(url, "url"), secret));
        return this;
    }

    /** When on, every delivery is sent twice in a row (an at-least-once sender retrying). */
    public synchronized Webhooks duplicateEach(boolean on) {
        this.duplicateEach = on;
        return this;
    }

    /** When on, {@link #deliver()} sends the queue newest first. */
    public synchronized Webhooks outOfOrder(boolean on) {
        this.outOfOrder = on;
        return this;
    }

    /**
     * The next {@code n} deliveries {@link #deliver()} sends are lost on the way (a sender that gives up after its
     * timeout, a worker restarted between the commit and the request): they never reach the receiver and are not
     * sent again.
     */
    public synchronized Webhooks dropNext(int n) {
        this.drop = n;
        return this;
    }

    /** Deliveries lost by {@link #dropNext(int)}, in the order they were due. */
    public synchronized List<Delivery> dropped() {
        return List.copyOf(dropped);
    }

    /** Deliveries queued and not sent yet, oldest first. */
    public synchronized List<Delivery> pending() {
        return List.copyOf(pending);
    }

    /** Deliveries sent so far, in the order they were sent. */
    public synchronized List<Delivery> sent() {
        return List.copyOf(sent);
    }

    /**
     * Sends the queue (see the knobs) and empties it.
     *
     * @return the HTTP status of each request, in the order sent; {@code -1} where the request failed or was dropped;
     *     no request is sent again, whatever its answer (a 5xx included), as Odoo's and Frappe's senders do not retry
     */
    public List<Integer> deliver() {
        List<Delivery> batch;
        boolean twice;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
            if (outOfOrder) {
                Collections.reverse(batch);
            }
            twice = duplicateEach;
        }
        List<Integer> statuses = new ArrayList<>();
        for (Delivery d : batch) {
            for (int i = 0; i < (twice ? 2 : 1); i++) {
                synchronized (this) {
                    if (drop > 0) {
                        drop--;
                        dropped.add(d);
                        statuses.add(-1);
                        continue;
                    }
                }
                statuses.add(post(d));
                synchronized (this) {
                    sent.add(d);
                }
            }
        }
        return statuses;
    }

    /** Queues one delivery per subscription of {@code target}; called by the fakes after a change commits. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public synchronized void enqueue(String target, Object document) {
        for (Subscription s : subscriptions) {
            if (!s.target().equals(target)) {
                continue;
            }
            byte[] body;
            try {
                body = FakeServer.JSON.writeValueAsBytes(document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.putAll(signer.headers(s.secret(), body));
            pending.add(new Delivery(target, s.url(), body, Map.copyOf(headers)));
        }
    }

    /** Queues one request of a body already made (an Odoo automation rule's), unsigned; called by the fakes after a change commits. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public synchronized void enqueue(String target, URI url, byte[] body) {
        pending.add(new Delivery(target, url, body.clone(), Map.of("Content-Type", "application/json")));
    }

    private int post(Delivery d) {
        HttpRequest.Builder b = HttpRequest.newBuilder(d.url()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        d.headers().forEach(b::header);
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
