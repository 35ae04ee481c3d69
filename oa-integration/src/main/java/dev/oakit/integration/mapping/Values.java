package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reading and checking JSON values as the mapping's types; decimals never pass through a double. */
final class Values {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Values() {
    }

    /** @return the value as an exact decimal: a JSON number or a numeric string */
    static BigDecimal decimal(JsonNode v) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v.textValue() + "' is not a decimal number; send digits with a '.' as decimal point");
            }
        }
        throw new IllegalArgumentException(shown(v) + " is not a decimal number");
    }

    /** @return a JSON number holding exactly {@code d}, written without exponent */
    static JsonNode number(BigDecimal d) {
        BigDecimal plain = d.scale() < 0 ? d.setScale(0) : d;
        return DecimalNode.valueOf(plain);
    }

    /** Checks that a local value fits its declared type. */
    static void check(FieldType type, JsonNode v) {
        boolean ok = switch (type) {
            case STRING -> v.isTextual();
            case INTEGER -> v.isIntegralNumber() || v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0;
            case DECIMAL -> {
                decimal(v);
                yield true;
            }
            case BOOLEAN -> v.isBoolean();
            case DATE -> v.isTextual() && parses(() -> LocalDate.parse(v.textValue()));
            case DATETIME -> v.isTextual() && parses(() -> Instant.parse(v.textValue()));
            case OBJECT -> v.isObject();
            case LIST -> v.isArray();
        };
        if (!ok) {
            String example = switch (type) {
                case DATE -> " (ISO, e.g. 2026-03-01)";
                case DATETIME -> " (an ISO instant, e.g. 2026-03-01T08:00:00Z)";
                default -> "";
            };
            throw new IllegalArgumentException(shown(v) + " is not a " + type.label() + example);
        }
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** @return the value as a message shows it, cut to 60 characters */
    static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
