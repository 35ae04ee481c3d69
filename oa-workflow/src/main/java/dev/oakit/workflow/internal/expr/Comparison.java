package dev.oakit.workflow.internal.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;

import java.util.List;
import java.util.Map;

/**
 * The commonest branch condition, one form field compared with a literal ({@code form.days > 3}, {@code form.type == 'annual'},
 * {@code 1000.5 <= form.amount}), answered in Java where the answer is plain, and left to CEL everywhere else. Plain means:
 * every variable holds only text, booleans, whole numbers, doubles, nulls, lists and maps (what form data read from JSON
 * holds), so that CEL's conversion of the variables could not fail either; the field is there and holds a number for an
 * ordering ({@code < <= > >=}, compared as CEL compares numbers of either kind, exactly: up to 2^53) or a whole number, text or
 * boolean of the literal's own kind for {@code ==} and {@code !=}. A missing field, a null, a type CEL would refuse, a double
 * compared for equality: CEL decides, and words the error, as before. Each branch of each command evaluates a condition, and
 * CEL's interpreter and the conversion of every variable cost a command that runs uncompiled more than the rest of the branch.
 * Immutable and thread-safe.
 */
final class Comparison {
    private static final long EXACT = 1L << 53;
    /** Deep enough for form data; deeper data is left to CEL and its own limit. */
    private static final int MAX_DEPTH = 8;

    private enum Op { LT, LE, GT, GE, EQ, NE }

    private final String field;
    private final Op op;
    private final Object literal;

    private Comparison(String field, Op op, Object literal) {
        this.field = field;
        this.op = op;
        this.literal = literal;
    }

    /** @return the comparison the checked condition is, or null when it is anything else */
    static Comparison of(CelAbstractSyntaxTree ast) {
        CelExpr e = ast.getExpr();
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL || e.call().target().isPresent() || e.call().args().size() != 2) {
            return null;
        }
        Op op = switch (e.call().function()) {
            case "_<_" -> Op.LT;
            case "_<=_" -> Op.LE;
            case "_>_" -> Op.GT;
            case "_>=_" -> Op.GE;
            case "_==_" -> Op.EQ;
            case "_!=_" -> Op.NE;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        CelExpr left = e.call().args().get(0);
        CelExpr right = e.call().args().get(1);
        String field = formField(left);
        Object literal = literal(right);
        if (field == null || literal == null) {
            // the literal first: 3 < form.days is form.days > 3
            field = formField(right);
            literal = literal(left);
            op = switch (op) {
                case LT -> Op.GT;
                case LE -> Op.GE;
                case GT -> Op.LT;
                case GE -> Op.LE;
                default -> op;
            };
        }
        if (field == null || literal == null) {
            return null;
        }
        boolean ordering = op != Op.EQ && op != Op.NE;
        if (ordering && !(literal instanceof Long || literal instanceof Double)
                || literal instanceof Double d && (!ordering || d.isNaN() || d.isInfinite() || Math.abs(d) >= EXACT)
                || literal instanceof Long l && ordering && (l >= EXACT || l <= -EXACT)) {
            return null;
        }
        return new Comparison(field, op, literal);
    }

    private static String formField(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.SELECT || e.select().testOnly()) {
            return null;
        }
        CelExpr operand = e.select().operand();
        return operand.getKind() == CelExpr.ExprKind.Kind.IDENT && "form".equals(operand.ident().name()) ? e.select().field() : null;
    }

    private static Object literal(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return null;
        }
        CelConstant c = e.constant();
        return switch (c.getKind()) {
            case INT64_VALUE -> c.int64Value();
            case DOUBLE_VALUE -> c.doubleValue();
            case STRING_VALUE -> c.stringValue();
            case BOOLEAN_VALUE -> c.booleanValue();
            default -> null;
        };
    }

    /**
     * @param variables the condition's variables (names checked by the caller)
     * @return the condition's value, or null when CEL is to decide
     */
    Boolean evaluate(Map<String, ?> variables) {
        for (Object v : variables.values()) {
            if (v != null && !(v instanceof Map) || !plain(v, 0)) {
                return null;
            }
        }
        if (!(variables.get("form") instanceof Map<?, ?> form)) {
            return null;
        }
        Object value = form.get(field);
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
        return "form." + field + " " + op + " " + literal;
    }
}
