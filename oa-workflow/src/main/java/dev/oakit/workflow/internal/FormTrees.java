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
 * directly; a map holding any other kind of value (a date, a big or decimal number, a record), or maps and lists nested
 * deeper than {@value #MAX_DEPTH}, goes through the mapper as before. A map or list that holds itself (which the mapper
 * would recurse into until the stack overflows) is refused with an {@code IllegalArgumentException}.
 * The reverse of {@link FormMaps}.
 */
public final class FormTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Object NEEDS_MAPPER = new Object();
    /** Maps and lists nested deeper than this (or holding themselves) go through the mapper, which reports them. */
    static final int MAX_DEPTH = 64;

    private FormTrees() {
    }

    /** @return the form as a new tree */
    public static ObjectNode of(ObjectMapper json, Map<String, ?> form) {
        Object direct = object(form, 0);
        if (direct instanceof ObjectNode o) {
            return o;
        }
        if (holdsItself(form)) {
            throw new IllegalArgumentException("the form data holds a map or list inside itself");
        }
        return json.valueToTree(form);
    }

    /** @return whether a map or list in the value holds itself, directly or deeper; walks without recursion */
    static boolean holdsItself(Object value) {
        java.util.Set<Object> path = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>(); // {container, iterator over its values}
        if (!(value instanceof Map<?, ?> || value instanceof List<?>)) {
            return false;
        }
        path.add(value);
        stack.push(new Object[] {value, children(value)});
        while (!stack.isEmpty()) {
            java.util.Iterator<?> it = (java.util.Iterator<?>) stack.peek()[1];
            if (!it.hasNext()) {
                path.remove(stack.pop()[0]);
                continue;
            }
            Object child = it.next();
            if (child instanceof Map<?, ?> || child instanceof List<?>) {
                if (!path.add(child)) {
                    return true;
                }
                stack.push(new Object[] {child, children(child)});
            }
        }
        return false;
    }

    private static java.util.Iterator<?> children(Object container) {
        return container instanceof Map<?, ?> m ? m.values().iterator() : ((List<?>) container).iterator();
    }

    private static Object object(Map<?, ?> map, int depth) {
        if (depth >= MAX_DEPTH) {
            return NEEDS_MAPPER;
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = value(e.getValue(), depth + 1);
            if (v == NEEDS_MAPPER || !(e.getKey() instanceof String key)) {
                return NEEDS_MAPPER;
            }
            out.set(key, (JsonNode) v);
        }
        return out;
    }

    private static Object value(Object v, int depth) {
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
            return object(m, depth);
        }
        if (v instanceof List<?> list) {
            if (depth >= MAX_DEPTH) {
                return NEEDS_MAPPER;
            }
            ArrayNode out = NODES.arrayNode(list.size());
            for (Object x : list) {
                Object node = value(x, depth + 1);
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
