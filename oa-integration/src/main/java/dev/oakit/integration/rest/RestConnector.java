package dev.oakit.integration.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oakit.core.Checks;
import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.mapping.MappedPayload;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import org.apiguardian.api.API;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A connector for a plain JSON REST API, driven by mappings: each {@link Create} sends the payloads
 * one mapping produced ({@link MappedPayload}, from {@code Mappings.toRemote}), with OAKit's key set
 * in a field of the payload, and finds a document again by that key with a GET. Calls go through
 * {@link JsonHttp}: authentication refreshed once, failures classified, the call's timeout. Decimals
 * are sent exactly, without exponent. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RestConnector implements Connector {
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final String id;
    private final List<RemoteCreate<?>> creates;

    private RestConnector(String id, JsonHttp http, List<Create> creates) {
        this.id = id;
        this.creates = creates.stream().<RemoteCreate<?>>map(c -> new Operation(http, c)).toList();
    }

    /** @return a builder for the target {@code id} at {@code base} (e.g. {@code https://crm.example.com}) */
    public static Builder builder(String id, URI base) {
        return new Builder(id, base);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return creates;
    }

    /**
     * How one kind of document is created and found; its operation is the mapping's id.
     *
     * @param mapping the mapping whose payloads it sends (any version of that id)
     * @param method the create's HTTP method, {@code POST} or, for an upsert by key, {@code PUT}
     * @param path the create's path relative to the base; {@code {key}} is replaced by the URL-encoded key
     * @param keyField the payload field the key is written to (dotted for a nested one); null when the path carries it
     * @param findPath the lookup's path with its query, e.g. {@code /api/contacts?external_ref={key}}
     * @param idPointer the JSON pointer of the new document's id in the create's answer, e.g. {@code /id} or {@code /data/name}
     * @param foundPointer the JSON pointer of the lookup's results (a list, or one object) in its answer; empty for the whole answer
     * @param foundIdPointer the JSON pointer of the id within a found document
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Create(FieldMapping mapping, String method, String path, String keyField, String findPath, String idPointer,
                         String foundPointer, String foundIdPointer) {
        /** Checks the components. */
        public Create {
            Objects.requireNonNull(mapping, "mapping");
            if (!List.of("POST", "PUT").contains(method)) {
                throw new IllegalArgumentException("method must be POST or PUT, was " + method);
            }
            Checks.text("path", path, 500);
            Checks.text("findPath", findPath, 500);
            if (keyField == null && !path.contains("{key}")) {
                throw new IllegalArgumentException(mapping.label() + ": give keyField, or put {key} in the path, so the remote keeps OAKit's key");
            }
            if (!findPath.contains("{key}")) {
                throw new IllegalArgumentException(mapping.label() + ": findPath must contain {key}, e.g. /api/items?ref={key}");
            }
            for (String p : new String[]{idPointer, foundPointer, foundIdPointer}) {
                if (p == null || !p.isEmpty() && !p.startsWith("/")) {
                    throw new IllegalArgumentException(mapping.label() + ": '" + p + "' is not a JSON pointer; write /id or /data/name");
                }
            }
        }

        /** @return a POST to {@code path} with the key in {@code keyField}, found by {@code findPath}; ids at {@code /id}, results the whole answer */
        public static Create of(FieldMapping mapping, String path, String keyField, String findPath) {
            return new Create(mapping, "POST", path, keyField, findPath, "/id", "", "/id");
        }

        /** @return a copy with the id pointers: in the create's answer, of the results in the lookup's answer, and within a result */
        public Create ids(String idPointer, String foundPointer, String foundIdPointer) {
            return new Create(mapping, method, path, keyField, findPath, idPointer, foundPointer, foundIdPointer);
        }

        /** @return a copy that creates with {@code method} */
        public Create method(String method) {
            return new Create(mapping, method, path, keyField, findPath, idPointer, foundPointer, foundIdPointer);
        }
    }

    private record Operation(JsonHttp http, Create c) implements RemoteCreate<MappedPayload> {
        @Override
        public String operation() {
            return c.mapping().id();
        }

        @Override
        public Class<MappedPayload> payloadType() {
            return MappedPayload.class;
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            JsonNode answer;
            try {
                answer = http.get(call, withKey(c.findPath(), key));
            } catch (RemoteCallException e) {
                if (e.status() != null && e.status() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
            JsonNode found = answer.at(c.foundPointer());
            JsonNode first = found.isArray() ? found.path(0) : found;
            JsonNode id = first.at(c.foundIdPointer());
            return id.isValueNode() && !id.isNull() ? Optional.of(id.asText()) : Optional.empty();
        }

        @Override
        public String create(CallContext call, String key, MappedPayload payload) throws RemoteCallException {
            if (!payload.mapping().equals(c.mapping().id())) {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "operation '" + operation() + "' of " + call.target()
                        + " sends payloads of mapping '" + c.mapping().id() + "', not of '" + payload.mapping() + "'");
            }
            ObjectNode body = payload.payload().deepCopy();
            if (c.keyField() != null) {
                put(body, c.keyField().split("\\."), key);
            }
            JsonNode answer = http.send(call, c.method(), withKey(c.path(), key), body, Map.of());
            JsonNode id = answer.at(c.idPointer());
            if (!id.isValueNode() || id.isNull()) {
                // the remote accepted the document; only its id is not where we look: find it by the key
                throw new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, call.target() + " answered the create of " + operation()
                        + " without an id at " + c.idPointer() + "; check idPointer", null, answer.toString(), null, null);
            }
            return id.asText();
        }

        private static String withKey(String path, String key) {
            return path.replace("{key}", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
        }

        private static void put(ObjectNode body, String[] path, String key) {
            ObjectNode n = body;
            for (int i = 0; i < path.length - 1; i++) {
                n = n.get(path[i]) instanceof ObjectNode o ? o : n.putObject(path[i]);
            }
            n.set(path[path.length - 1], TextNode.valueOf(key));
        }
    }

    /** Builds a {@link RestConnector}; not thread-safe. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final String id;
        private final JsonHttp.Builder http;
        private final List<Create> creates = new ArrayList<>();

        private Builder(String id, URI base) {
            this.id = Checks.id("id", id);
            this.http = JsonHttp.builder(base).json(EXACT);
        }

        /** @return this; how requests are authenticated (default none) */
        public Builder auth(HttpAuth auth) {
            http.auth(auth);
            return this;
        }

        /** @return this; one more kind of document */
        public Builder create(Create create) {
            if (creates.stream().anyMatch(c -> c.mapping().id().equals(create.mapping().id()))) {
                throw new IllegalArgumentException("connector '" + id + "' already creates with mapping '" + create.mapping().id() + "'");
            }
            creates.add(Objects.requireNonNull(create, "create"));
            return this;
        }

        /** @return the connector */
        public RestConnector build() {
            return new RestConnector(id, http.build(), creates);
        }
    }
}
