package dev.oakit.workflow.internal.expr;

import java.util.List;
import java.util.Map;

/**
 * The commonest branch condition, a field of one variable compared with a literal ({@code form.days > 3},
 * {@code form.type == 'annual'}, {@code 1000.5 <= form.amount}, {@code instance.priority == 'HIGH'}), answered in Java where
 * the answer is plain, and left to CEL everywhere else. Plain means: every variable holds only text, booleans, whole numbers,
 * doubles, nulls, lists and maps (what form data read from JSON holds), so that CEL's conversion of the variables could not
 * fail either ({@link #plainVariables}); the field is there and holds a number for an ordering ({@code < <= > >=}, compared as
 * CEL compares numbers of either kind, exactly: up to 2^53) or a whole number, text or boolean of the literal's own kind for
 * {@code ==} and {@code !=}. A missing field, a null, a type CEL would refuse, a double compared for equality: CEL decides,
 * and words the error, as before. A leaf of {@link PlainCondition}. Immutable and thread-safe.
 */
final class Comparison {
    private static final long EXACT = 1L << 53;
    /** Deep enough for form data; deeper data is left to CEL and its own limit. */
    private static final int MAX_DEPTH = 8;

    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        final String text;

        Op(String text) {
            this.text = text;
        }

        /** @return the operator with its operands swapped: 3 &lt; form.days is form.days &gt; 3 */
        Op swapped() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }
    }

    private final String variable;
    private final String field;
    private final Op op;
    private final Object literal;

    private Comparison(String variable, String field, Op op, Object literal) {
        this.variable = variable;
        this.field = field;
        this.op = op;
        this.literal = literal;
    }

    /**
     * @param literal a {@code Long}, {@code Double}, {@code String} or {@code Boolean} as written in the condition
     * @return the comparison of {@code variable.field} with the literal (the field on the left), or null where Java cannot
     *         answer it exactly for any value: an ordering with anything but a number, a double compared for equality,
     *         a number beyond 2^53 ordered, a NaN or infinite double
     */
    static Comparison of(String variable, String field, Op op, Object literal) {
        boolean ordering = op != Op.EQ && op != Op.NE;
        if (ordering && !(literal instanceof Long || literal instanceof Double)
                || literal instanceof Double d && (!ordering || d.isNaN() || d.isInfinite() || Math.abs(d) >= EXACT)
                || literal instanceof Long l && ordering && (l >= EXACT || l <= -EXACT)) {
            return null;
        }
        return new Comparison(variable, field, op, literal);
    }

    /** @return whether every variable is a map (or absent) of plain values, so that CEL's conversion cannot fail */
    static boolean plainVariables(Map<String, ?> variables) {
        for (Object v : variables.values()) {
            if (v != null && !(v instanceof Map) || !plain(v, 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param variables the condition's variables, names checked by the caller and {@link #plainVariables} true
     * @return the comparison's value, or null when CEL is to decide
     */
    Boolean evaluate(Map<String, ?> variables) {
        if (!(variables.get(variable) instanceof Map<?, ?> map)) {
            return null;
        }
        Object value = map.get(field);
        if (value instanceof Integer i) {
            value = i.longValue();
        }
        if (op == Op.EQ || op == Op.NE) {
            if (value == null || value.getClass() != literal.getClass()) {
                return null;
            }
            return value.equals(literal) == (op == Op.EQ);
        }
        int sign;
        if (value instanceof Long v && literal instanceof Long c) {
            sign = Long.compare(v, c);
        } else if (value instanceof Long || value instanceof Double) {
            double v = ((Number) value).doubleValue();
            double c = ((Number) literal).doubleValue();
            // signed zeros: whether CEL orders -0.0 before 0.0 is not this class's to guess
            if (Double.isNaN(v) || Math.abs(v) >= EXACT || v == 0 && value instanceof Double || c == 0 && literal instanceof Double) {
                return null;
            }
            sign = v < c ? -1 : v > c ? 1 : 0;
        } else {
            return null;
        }
        return switch (op) {
            case LT -> sign < 0;
            case LE -> sign <= 0;
            case GT -> sign > 0;
            case GE -> sign >= 0;
            default -> throw new IllegalStateException(op.name());
        };
    }

    /** @return whether CEL's conversion takes the value as it is, or as a map or list of such values (no allocation) */
    private static boolean plain(Object v, int depth) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof Integer) {
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (!plain(x, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return variable + "." + field + " " + op.text + " " + literal;
    }
}
