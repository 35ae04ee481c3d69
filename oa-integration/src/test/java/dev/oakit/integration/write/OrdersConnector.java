package dev.oakit.integration.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.testing.ConnectionsHeld;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The order service's connector on {@link JsonHttp}; it notes how many connections its thread held during each call. */
final class OrdersConnector implements Connector, RemoteCreate<Map<String, Object>> {
    final JsonHttp http;
    final List<Integer> connectionsHeldDuringCalls = new CopyOnWriteArrayList<>();

    OrdersConnector(URI base) {
        this.http = JsonHttp.builder(base).build();
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
        connectionsHeldDuringCalls.add(ConnectionsHeld.byThisThread());
        JsonNode found = http.get(call, "/orders?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        return Optional.ofNullable(found.path("id").textValue());
    }

    @Override
    public String create(CallContext call, String key, Map<String, Object> payload) throws RemoteCallException {
        connectionsHeldDuringCalls.add(ConnectionsHeld.byThisThread());
        return http.send(call, "POST", "/orders", payload, Map.of("Idempotency-Key", key)).path("id").asText();
    }
}
