package dev.oakit.workflow.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import dev.oakit.core.DecimalLimits;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns host data (form values, initiator, instance) into the few value types CEL knows: {@code Long},
 * {@code Double}, {@code String}, {@code Boolean}, {@code List}, {@code Map} and CEL's null.
 *
 * <ul>
 *   <li>{@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger} (in range) become {@code Long};
 *       {@code Float} and {@code BigDecimal} become {@code Double}; a {@code BigDecimal} beyond
 *       {@link DecimalLimits} (such as {@code 1e100000000}) is refused, not turned into infinity or
 *       converted through its million digits. Integral doubles are not turned
 *       into longs: comparisons are numeric across int and double anyway, and arithmetic stays
 *       predictable.</li>
 *   <li>Records become maps of their components, so {@code Money} is {@code {amount: 1200.5 (double),
 *       currency: 'CNY'}}, {@code DateRange} is {@code {start: '2026-05-01', end: '2026-05-03'}}.</li>
 *   <li>Dates and times ({@code LocalDate}, {@code Instant}, ...) become their ISO-8601 text,
 *       which compares in time order for values of the same type.</li>
 *   <li>Enums become their name, {@code UUID} and other {@code CharSequence}s their text, Jackson
 *       trees their plain equivalent, Java {@code null} CEL's {@code null} (CEL would otherwise treat a
 *       null entry as an unknown value).</li>
 * </ul>
 *
 * Anything else is refused with an {@link IllegalArgumentException} naming its path, rather than
 * guessed at through {@code toString()}.
 */
final class ConditionValues {
    /** Deep enough for any form; stops a self-referencing map from overflowing the stack. */
    private static final int MAX_DEPTH = 32;

    private ConditionValues() {
    }

    /**
     * @param value host value, may be null
     * @param path where the value sits, e.g. {@code form.items[2].amount}, for error messages
     * @return the CEL value; never null (Java null becomes CEL's null)
     * @throws IllegalArgumentException for a value type CEL cannot hold, or data nested too deeply
     */
    static Object toCel(Object value, String path) {
        return toCel(value, path, 0);
    }

    private static Object toCel(Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            DecimalLimits.problem(d).ifPresent(problem -> {
                throw new IllegalArgumentException(path + " " + problem);
            });
            return d.doubleValue();
        }
        if (value instanceof BigInteger i) {
            if (i.bitLength() >= Long.SIZE) {
                // printing a number of a million digits alone takes seconds
                throw new IllegalArgumentException(path + " = " + (i.bitLength() <= 256 ? i : "a number of " + i.bitLength() + " bits")
                        + " does not fit a 64-bit integer");
            }
            return i.longValue();
        }
        if (value instanceof CharSequence || value instanceof UUID || value instanceof TemporalAccessor) {
            // java.time's toString() is ISO-8601 for every type the forms use
            return value.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof JsonNode node) {
            return fromJson(node, path, depth);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v, path + "." + k, depth + 1)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(toCel(item, path + "[" + out.size() + "]", depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Object[] items) {
            return toCel(List.of(items), path, depth);
        }
        if (value instanceof Record record) {
            return fromRecord(record, path, depth);
        }
        throw new IllegalArgumentException(path + " has type " + value.getClass().getName()
                + ", which conditions cannot read; give text, numbers, booleans, dates, lists, maps or records");
    }

    private static Object fromRecord(Record record, String path, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object v;
            try {
                v = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException(path + " is a record of type " + record.getClass().getName()
                        + " whose component '" + component.getName() + "' cannot be read: " + e, e);
            }
            out.put(component.getName(), toCel(v, path + "." + component.getName(), depth + 1));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object fromJson(JsonNode node, String path, int depth) {
        if (node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return toCel(node.bigIntegerValue(), path, depth);
        }
        if (node.isNumber()) {
            return toCel(node.numberValue(), path, depth);
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                out.add(toCel(item, path + "[" + out.size() + "]", depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.put(e.getKey(), toCel(e.getValue(), path + "." + e.getKey(), depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException(path + " is a JSON " + node.getNodeType() + " node, which conditions cannot read");
    }
}
