package dev.oakit.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document, generated from the route table and the records the routes take and return
 * (their components become JSON Schema 2020-12 properties), so it cannot drift from the code.
 */
final class OpenApi {
    private OpenApi() {
    }

    static byte[] document(List<Route> routes) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "OAKit HTTP API").put("version", "0.4")
                .put("description", "Approvals and tickets over HTTP. Errors are RFC 9457 problem documents with OAKit's stable error code.");
        doc.putArray("security").addObject().putArray("bearer");
        ObjectNode schemas = Json.MAPPER.createObjectNode();
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode item = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            ObjectNode op = item.putObject(r.method().toLowerCase(java.util.Locale.ROOT));
            op.put("operationId", r.operationId()).put("summary", r.summary());
            op.putArray("tags").add(r.tag());
            ArrayNode params = op.putArray("parameters");
            for (String p : r.pathParameters()) {
                params.addObject().put("name", p).put("in", "path").put("required", true).putObject("schema").put("type",
                        p.endsWith("Id") ? "integer" : "string");
            }
            r.query().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(q -> params.addObject().put("name", q.getKey())
                    .put("in", "query").put("description", q.getValue()).putObject("schema").put("type",
                            q.getKey().equals("page") || q.getKey().equals("size") ? "integer" : "string"));
            if (r.method().equals("POST")) {
                params.addObject().put("name", "Idempotency-Key").put("in", "header")
                        .put("description", "becomes the command's request id: a retry with the same key does not act twice")
                        .putObject("schema").put("type", "string");
            }
            if (r.body() != null) {
                op.putObject("requestBody").put("required", false).putObject("content").putObject("application/json")
                        .set("schema", schema(r.body(), schemas));
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject(Integer.toString(r.status())).put("description", r.status() == 204 ? "done" : "OK");
            if (r.response() != null) {
                ok.putObject("content").putObject("application/json").set("schema", schema(r.response(), schemas));
            }
            for (String s : List.of("400", "401", "403", "404", "409")) {
                responses.putObject(s).put("description", "problem").putObject("content").putObject(Problem.MEDIA_TYPE)
                        .set("schema", schema(Problem.class, schemas));
            }
        }
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas);
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the schema of a Java type; records become named components referenced by {@code $ref} */
    static ObjectNode schema(Type type, ObjectNode schemas) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                s.put("type", "array").set("items", schema(p.getActualTypeArguments()[0], schemas));
            } else if (Map.class.isAssignableFrom(raw)) {
                s.put("type", "object");
                Type v = p.getActualTypeArguments()[1];
                if (!v.equals(Object.class)) {
                    s.set("additionalProperties", schema(v, schemas));
                }
            } else {
                s.put("type", "object");
            }
            return s;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            s.put("type", "string");
        } else if (c == long.class || c == int.class || c == Long.class || c == Integer.class) {
            s.put("type", "integer");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c == double.class || c == Double.class || c == java.math.BigDecimal.class) {
            s.put("type", "number");
        } else if (c == Instant.class) {
            s.put("type", "string").put("format", "date-time");
        } else if (c == LocalDate.class) {
            s.put("type", "string").put("format", "date");
        } else if (c.isEnum()) {
            ArrayNode values = s.put("type", "string").putArray("enum");
            for (Object e : c.getEnumConstants()) {
                values.add(((Enum<?>) e).name());
            }
        } else if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!schemas.has(name)) {
                ObjectNode def = schemas.putObject(name).put("type", "object");
                ObjectNode props = def.putObject("properties");
                for (RecordComponent rc : c.getRecordComponents()) {
                    props.set(rc.getName(), schema(rc.getGenericType(), schemas));
                }
            }
            s.put("$ref", "#/components/schemas/" + name);
        } else {
            s.put("type", "object");
        }
        return s;
    }
}
