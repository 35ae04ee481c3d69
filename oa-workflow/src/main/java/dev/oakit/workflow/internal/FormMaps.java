package dev.oakit.workflow.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Form data as a map, for conditions, approver rules and views: equal, value for value and class for class, to what the
 * mapper's {@code convertValue(form, LinkedHashMap)} gives, without its round trip through a token buffer. Strings, whole
 * numbers that fit an int or a long, doubles, booleans, nulls, arrays and objects (what form JSON read from a row holds)
 * are turned over directly; a form holding any other kind of value (big or decimal numbers, binary, a POJO) goes through
 * the mapper as before.
 */
public final class FormMaps {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private FormMaps() {
    }

    /** @return the form as a mutable map in field order */
    public static LinkedHashMap<String, Object> of(ObjectMapper json, JsonNode form) {
        LinkedHashMap<String, Object> direct = form instanceof ObjectNode o ? object(o) : null;
        return direct != null ? direct : json.convertValue(form, MAP);
    }

    /** @return the object as a map, or null when a value in it needs the mapper */
    private static LinkedHashMap<String, Object> object(ObjectNode node) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Object v = value(e.getValue());
            if (v == NEEDS_MAPPER) {
                return null;
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private static final Object NEEDS_MAPPER = new Object();

    private static Object value(JsonNode n) {
        JsonNodeType type = n.getNodeType();
        switch (type) {
            case STRING:
                return n.textValue();
            case BOOLEAN:
                return n.booleanValue();
            case NULL:
                return null;
            case NUMBER:
                if (n.isInt()) {
                    return n.intValue();
                }
                if (n.isLong()) {
                    return n.longValue();
                }
                if (n.isDouble()) {
                    return n.doubleValue();
                }
                return NEEDS_MAPPER;
            case ARRAY:
                List<Object> list = new ArrayList<>(n.size());
                for (JsonNode x : (ArrayNode) n) {
                    Object v = value(x);
                    if (v == NEEDS_MAPPER) {
                        return NEEDS_MAPPER;
                    }
                    list.add(v);
                }
                return list;
            case OBJECT:
                Object o = object((ObjectNode) n);
                return o == null ? NEEDS_MAPPER : o;
            default:
                return NEEDS_MAPPER;
        }
    }
}
