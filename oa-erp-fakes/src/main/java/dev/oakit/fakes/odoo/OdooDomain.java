package dev.oakit.fakes.odoo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Odoo domains and orders over the fake's stored records. A domain is a list in prefix (Polish) notation of leaves
 * {@code [field, operator, value]} and the operators {@code '&'}, {@code '|'}, {@code '!'}; consecutive leaves are
 * implicitly and-ed (odoo/osv/expression.py normalize_domain). Values compare the way PostgreSQL compares the columns:
 * numbers as numbers, datetimes as their {@code "YYYY-MM-DD HH:MM:SS"} text, many2one as the id.
 */
final class OdooDomain {
    private static final List<String> OPERATORS = List.of("=", "!=", "<>", ">", ">=", "<", "<=", "in", "not in",
            "like", "not like", "ilike", "not ilike", "=like", "=ilike");

    private OdooDomain() {
    }

    static Predicate<Map<String, Object>> compile(OdooSchema.Model model, List<?> domain) {
        if (domain == null || domain.isEmpty()) {
            return r -> true;
        }
        Deque<Predicate<Map<String, Object>>> stack = new ArrayDeque<>();
        // evaluate right to left: operators pop their operands
        for (int i = domain.size() - 1; i >= 0; i--) {
            Object item = domain.get(i);
            if ("&".equals(item) || "|".equals(item)) {
                if (stack.size() < 2) {
                    throw OdooError.valueError("Invalid domain: " + domain);
                }
                Predicate<Map<String, Object>> a = stack.pop();
                Predicate<Map<String, Object>> b = stack.pop();
                stack.push("&".equals(item) ? a.and(b) : a.or(b));
            } else if ("!".equals(item)) {
                if (stack.isEmpty()) {
                    throw OdooError.valueError("Invalid domain: " + domain);
                }
                stack.push(stack.pop().negate());
            } else if (item instanceof List<?> leaf && leaf.size() == 3) {
                stack.push(leaf(model, leaf));
            } else {
                throw OdooError.valueError("Invalid leaf " + item);
            }
        }
        Predicate<Map<String, Object>> all = stack.pop();
        while (!stack.isEmpty()) {
            all = all.and(stack.pop());
        }
        return all;
    }

    private static Predicate<Map<String, Object>> leaf(OdooSchema.Model model, List<?> leaf) {
        String field = String.valueOf(leaf.get(0));
        String op = String.valueOf(leaf.get(1)).toLowerCase(Locale.ROOT);
        Object value = leaf.get(2);
        OdooSchema.Field f = model.field(field);
        if (f == null) {
            throw OdooError.valueError("Invalid field " + model.name() + "." + field + " in leaf " + tuple(leaf));
        }
        if (!OPERATORS.contains(op)) {
            throw OdooError.valueError("Invalid leaf " + tuple(leaf));
        }
        if (f.type().equals("datetime")) {
            Object v = timestamp(value);
            return r -> test(timestamp(r.get(field)), op, v);
        }
        return r -> test(r.get(field), op, value);
    }

    /** A datetime compared as PostgreSQL compares timestamps: {@code "… 09:00:00"} is {@code "… 09:00:00.000000"}. */
    static Object timestamp(Object v) {
        if (v instanceof String s && s.length() == 19) {
            return s + ".000000";
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(OdooDomain::timestamp).toList();
        }
        return v;
    }

    private static String tuple(List<?> leaf) {
        return "('" + leaf.get(0) + "', '" + leaf.get(1) + "', " + leaf.get(2) + ")";
    }

    private static boolean test(Object actual, String op, Object value) {
        boolean unset = actual == null || Boolean.FALSE.equals(actual) && !(value instanceof Boolean);
        return switch (op) {
            case "=" -> isFalse(value) ? unset || Boolean.FALSE.equals(actual) : equal(actual, value);
            case "!=", "<>" -> isFalse(value) ? !(unset || Boolean.FALSE.equals(actual)) : !equal(actual, value);
            case ">" -> !unset && compare(actual, value) > 0;
            case ">=" -> !unset && compare(actual, value) >= 0;
            case "<" -> !unset && compare(actual, value) < 0;
            case "<=" -> !unset && compare(actual, value) <= 0;
            case "in" -> value instanceof Collection<?> c && c.stream().anyMatch(v -> equal(actual, v));
            case "not in" -> !(value instanceof Collection<?> c && c.stream().anyMatch(v -> equal(actual, v)));
            case "like", "ilike" -> !unset && like(actual, value, op.equals("ilike"), true);
            case "not like", "not ilike" -> unset || !like(actual, value, op.equals("not ilike"), true);
            case "=like", "=ilike" -> !unset && like(actual, value, op.equals("=ilike"), false);
            default -> false;
        };
    }

    private static boolean isFalse(Object v) {
        return v == null || Boolean.FALSE.equals(v);
    }

    private static boolean equal(Object actual, Object value) {
        if (actual instanceof Collection<?> many) {
            return many.stream().anyMatch(a -> equal(a, value)); // an x2many matches when one of its ids does
        }
        if (actual instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(actual, value) || actual != null && value != null && actual.toString().equals(value.toString());
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static boolean like(Object actual, Object pattern, boolean ignoreCase, boolean contains) {
        String text = String.valueOf(actual);
        String p = String.valueOf(pattern);
        String regex = (contains ? ".*" : "") + java.util.regex.Pattern.quote(p).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q")
                + (contains ? ".*" : "");
        int flags = java.util.regex.Pattern.DOTALL | (ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0);
        return java.util.regex.Pattern.compile(regex, flags).matcher(text).matches();
    }

    /** An {@code order} spec such as {@code "write_date asc, id desc"}; unset values sort last ascending, as in PostgreSQL. */
    static Comparator<Map<String, Object>> order(OdooSchema.Model model, String spec) {
        List<Comparator<Map<String, Object>>> parts = new ArrayList<>();
        for (String term : spec.split(",")) {
            String[] words = term.trim().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            String field = words[0];
            if (model.field(field) == null) {
                throw OdooError.valueError("Invalid field " + field + " on model " + model.name());
            }
            boolean desc = words.length > 1 && words[1].equalsIgnoreCase("desc");
            Comparator<Map<String, Object>> c = (x, y) -> {
                Object a = x.get(field);
                Object b = y.get(field);
                if (a == null || b == null) {
                    return a == null ? (b == null ? 0 : 1) : -1;
                }
                return compare(a, b);
            };
            parts.add(desc ? c.reversed() : c);
        }
        Comparator<Map<String, Object>> all = (x, y) -> 0;
        for (Comparator<Map<String, Object>> p : parts) {
            all = all.thenComparing(p);
        }
        return all.thenComparing(r -> ((Number) r.get("id")).longValue());
    }
}
