package dev.oakit.integration.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connector of docs/integration.md, compiled and run here (IntegrationDocsTest). */
// tag::connector[]
public final class PurchaseOrderConnector implements Connector, RemoteCreate<PurchaseOrderConnector.Order> {
    /** The payload: what the bridge put into NewRemoteWrite.payload(). */
    public record Order(String vendor, String amount) {
    }

    private final JsonHttp http;

    public PurchaseOrderConnector(URI base, String token) {
        this.http = JsonHttp.builder(base).auth(new HttpAuth() {
            public void apply(HttpRequest.Builder request) {
                request.header("Authorization", "token " + token);
            }

            public void refresh(CallContext call) throws RemoteCallException {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "the ERP refused our API token");
            }
        }).build();
    }

    public String id() {
        return "erp";
    }

    public List<RemoteCreate<?>> creates() {
        return List.of(this);
    }

    public String operation() {
        return "purchase-order";
    }

    public Class<Order> payloadType() {
        return Order.class;
    }

    // before creating again after an unsure outcome, OAKit asks: is there a document with our key?
    public Optional<String> find(CallContext call, String key) throws RemoteCallException {
        JsonNode found = http.get(call, "/orders?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        return Optional.ofNullable(found.path("id").textValue());
    }

    // the key travels with the document, so that find() can see it
    public String create(CallContext call, String key, Order order) throws RemoteCallException {
        return http.send(call, "POST", "/orders", order, Map.of("Idempotency-Key", key)).path("id").asText();
    }
}
// end::connector[]
