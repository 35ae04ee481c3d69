package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Form data a host hands in as a map, as a tree: equal, node for node and class for class, to what the mapper's
 * {@code valueToTree} gives, without its round trip through a token buffer. Text, booleans, nulls, {@code Integer},
 * {@code Long} and {@code Double} values, lists and maps with text keys (what a host's form map mostly holds) are turned over
 * directly; a map holding any other kind of value (a date, a big or decimal number, a record) goes through the mapper as before.
 * The reverse of {@link FormMaps}.
 */
public final class FormTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Object NEEDS_MAPPER = new Object();

    private FormTrees() {
    }

    /** @return the form as a new tree */
    public static ObjectNode of(ObjectMapper json, Map<String, ?> form) {
        Object direct = object(form);
        return direct instanceof ObjectNode o ? o : json.valueToTree(form);
    }

    private static Object object(Map<?, ?> map) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = value(e.getValue());
            if (v == NEEDS_MAPPER || !(e.getKey() instanceof String key)) {
                return NEEDS_MAPPER;
            }
            out.set(key, (JsonNode) v);
        }
        return out;
    }

    private static Object value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Map<?, ?> m) {
            return object(m);
        }
        if (v instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode(list.size());
            for (Object x : list) {
                Object node = value(x);
                if (node == NEEDS_MAPPER) {
                    return NEEDS_MAPPER;
                }
                out.add((JsonNode) node);
            }
            return out;
        }
        return NEEDS_MAPPER;
    }
}
