package dev.oakit.integration.write;

import dev.oakit.core.testing.ConnectionsHeld;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The order service's connector, on the JDK client; it notes how many connections its thread held during each call. */
final class OrdersConnector implements Connector, RemoteCreate<Map<String, Object>> {
    final URI base;
    final HttpClient client = HttpClient.newHttpClient();
    final List<Integer> connectionsHeldDuringCalls = new CopyOnWriteArrayList<>();

    OrdersConnector(URI base) {
        this.base = base;
    }

    @Override
    public String id() {
        return "shop";
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return List.of(this);
    }

    @Override
    public String operation() {
        return "order";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> payloadType() {
        return (Class) Map.class;
    }

    @Override
    public Optional<String> find(CallContext call, String key) throws RemoteCallException {
        HttpResponse<String> r = send(call, HttpRequest.newBuilder(base.resolve("/orders?key=" + key)).GET());
        return r.body().isEmpty() ? Optional.empty() : Optional.of(r.body());
    }

    @Override
    public String create(CallContext call, String key, Map<String, Object> payload) throws RemoteCallException {
        return send(call, HttpRequest.newBuilder(base.resolve("/orders")).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString()))).body();
    }

    private HttpResponse<String> send(CallContext call, HttpRequest.Builder b) throws RemoteCallException {
        connectionsHeldDuringCalls.add(ConnectionsHeld.byThisThread());
        HttpResponse<String> r;
        try {
            r = client.send(b.timeout(call.timeout()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, "timed out", null, null, null, e);
        } catch (ConnectException e) {
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, "refused", null, null, null, e);
        } catch (IOException e) {
            throw new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, "connection lost: " + e, null, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, "interrupted", null, null, null, e);
        }
        int s = r.statusCode();
        if (s == 429) {
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, "rate limited", s, r.body(),
                    Duration.ofSeconds(Long.parseLong(r.headers().firstValue("Retry-After").orElse("1"))), null);
        }
        if (s >= 500) {
            throw new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, "server error " + s, s, r.body(), null, null);
        }
        if (s >= 400) {
            throw new RemoteCallException(RemoteCallException.Kind.PERMANENT, "refused with " + s, s, r.body(), null, null);
        }
        return r;
    }
}
