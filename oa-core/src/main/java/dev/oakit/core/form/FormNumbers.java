package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.DecimalLimits;
import dev.oakit.core.ValidationException.Problem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The number rules of form data: {@link DecimalLimits} for every number (screened before any other
 * check compares or scales it), scale, the range of whole numbers, money amounts as text.
 */
final class FormNumbers {
    private static final Pattern DECIMAL = Pattern.compile(JsonSchemaCompiler.DECIMAL);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private FormNumbers() {
    }

    /**
     * Replaces every number outside {@link DecimalLimits} in the data by null, so that no later
     * check computes with it (the JSON Schema's {@code minimum} alone takes minutes on a number of a
     * million digits).
     *
     * @param data form data, changed in place
     * @return a problem at the path of each number replaced
     */
    static List<Problem> screen(JsonNode data) {
        List<Problem> out = new ArrayList<>();
        screen(data, "", true, out);
        return out;
    }

    /** @return whether every number in the value, and a money amount written as text, is within {@link DecimalLimits} */
    static boolean withinLimits(JsonNode v) {
        List<Problem> out = new ArrayList<>();
        if (!outOfLimits(v, "", out)) {
            screen(v, "", false, out);
        }
        return out.isEmpty() && amountText(v.get("amount")).flatMap(DecimalLimits::problem).isEmpty();
    }

    private static void screen(JsonNode node, String path, boolean blank, List<Problem> out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String p = path.isEmpty() ? key : path + "." + key;
                if (!outOfLimits(node.get(key), p, out)) {
                    screen(node.get(key), p, blank, out);
                } else if (blank) {
                    ((ObjectNode) node).set(key, NullNode.getInstance());
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                if (!outOfLimits(node.get(i), p, out)) {
                    screen(node.get(i), p, blank, out);
                } else if (blank) {
                    ((ArrayNode) node).set(i, NullNode.getInstance());
                }
            }
        }
    }

    private static boolean outOfLimits(JsonNode v, String path, List<Problem> out) {
        Optional<String> problem = v.isNumber() ? DecimalLimits.problem(v.numberValue()) : Optional.empty();
        problem.ifPresent(m -> out.add(new Problem(path, m)));
        return problem.isPresent();
    }

    /** Checks a number field's value (screened): its scale, and the range of the {@code Long} a whole number becomes. */
    static void checkNumber(FormField f, JsonNode v, String path, List<Problem> out) {
        if (!v.isNumber()) {
            return; // the JSON Schema says what it should be
        }
        BigDecimal number = v.decimalValue();
        if (!checkScale(number, f.scale(), path, out) && Integer.valueOf(0).equals(f.scale())
                && (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0)) {
            out.add(new Problem(path, "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE));
        }
    }

    /**
     * Checks a money amount: a text amount against {@link DecimalLimits} (numbers were screened), and its scale.
     *
     * @return the amount, or null when it is missing, not a decimal or outside the limits
     */
    static BigDecimal checkAmount(FormField f, JsonNode v, String path, List<Problem> out) {
        Optional<String> limit = amountText(v).flatMap(DecimalLimits::problem);
        if (limit.isPresent()) {
            out.add(new Problem(path, limit.get()));
            return null;
        }
        BigDecimal amount = amount(v);
        if (amount != null) {
            checkScale(amount, f.scale() == null ? 2 : f.scale(), path, out);
        }
        return amount;
    }

    /** @return whether the value has more decimal places than the scale allows (and a problem was added) */
    private static boolean checkScale(BigDecimal value, Integer scale, String path, List<Problem> out) {
        if (scale != null && value.stripTrailingZeros().scale() > scale) {
            out.add(new Problem(path, scale == 0 ? "must be a whole number" : "must have at most " + scale + " decimal places"));
            return true;
        }
        return false;
    }

    /** @param v a money amount that passed validation: a number, or decimal text; null otherwise */
    static BigDecimal amount(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        return amountText(v).map(BigDecimal::new).orElse(null);
    }

    /** @return the amount written as decimal text ({@code "1200.50"}), not yet checked against {@link DecimalLimits} */
    private static Optional<String> amountText(JsonNode v) {
        return v != null && v.isTextual() && DECIMAL.matcher(v.textValue()).matches() ? Optional.of(v.textValue()) : Optional.empty();
    }
}
