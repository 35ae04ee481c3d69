package dev.oakit.fakes.erpnext;

import dev.oakit.fakes.internal.IndexedPages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code frappe.get_list} filters and {@code order_by} over stored documents (frappe/model/db_query.py): filters
 * as a dict ({@code {"status": "Draft"}}, {@code {"modified": [">", "..."]}}) or a list of
 * {@code [field, operator, value]} / {@code [doctype, field, operator, value]}; all must hold, and at least one of
 * {@code or_filters} when given.
 */
final class FrappeQuery {
    private FrappeQuery() {
    }

    /** Parsed conditions: each is {field, operator, value, DocType or null}; the DocType of a
     *  {@code [doctype, field, operator, value]} filter may be a child table's. */
    static List<Object[]> conditions(Object filters) {
        List<Object[]> out = new ArrayList<>();
        if (filters instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String op) {
                    out.add(new Object[]{String.valueOf(e.getKey()), op, l.get(1), null});
                } else {
                    out.add(new Object[]{String.valueOf(e.getKey()), "=", e.getValue(), null});
                }
            }
        } else if (filters instanceof List<?> list) {
            for (Object f : list) {
                if (f instanceof List<?> l && l.size() == 3) {
                    out.add(new Object[]{String.valueOf(l.get(0)), String.valueOf(l.get(1)), l.get(2), null});
                } else if (f instanceof List<?> l && l.size() >= 4) {
                    out.add(new Object[]{String.valueOf(l.get(1)), String.valueOf(l.get(2)), l.get(3), String.valueOf(l.get(0))});
                } else {
                    throw FrappeError.validation("Invalid filter: " + f);
                }
            }
        } else if (filters != null) {
            throw FrappeError.validation("Invalid filter: " + filters);
        }
        return out;
    }

    /**
     * All conditions hold. {@code tableOf} names the table field holding a child DocType's rows (null for the
     * parent's own fields): a child condition holds when one of the rows meets it, as the SQL join does.
     */
    @SuppressWarnings("unchecked")
    static Predicate<Map<String, Object>> predicate(List<Object[]> conditions, Function<Object[], String> tableOf) {
        Predicate<Map<String, Object>> p = d -> true;
        for (Object[] c : conditions) {
            String field = (String) c[0];
            String op = ((String) c[1]).toLowerCase(Locale.ROOT).trim();
            Object value = c[2];
            String table = tableOf.apply(c);
            if (table == null) {
                p = p.and(d -> test(d.get(field), op, value));
            } else {
                p = p.and(d -> ((List<Map<String, Object>>) d.getOrDefault(table, List.of())).stream()
                        .anyMatch(row -> test(row.get(field), op, value)));
            }
        }
        return p;
    }

    static Predicate<Map<String, Object>> anyOf(List<Object[]> conditions, Function<Object[], String> tableOf) {
        if (conditions.isEmpty()) {
            return d -> true;
        }
        Predicate<Map<String, Object>> p = d -> false;
        for (Object[] c : conditions) {
            p = p.or(predicate(List.<Object[]>of(c), tableOf));
        }
        return p;
    }

    private static boolean test(Object actual, String op, Object value) {
        return switch (op) {
            case "=" -> equal(actual, value);
            case "!=" -> !equal(actual, value);
            case ">" -> actual != null && compare(actual, value) > 0;
            case ">=" -> actual != null && compare(actual, value) >= 0;
            case "<" -> actual != null && compare(actual, value) < 0;
            case "<=" -> actual != null && compare(actual, value) <= 0;
            case "in" -> values(value).stream().anyMatch(v -> equal(actual, v));
            case "not in" -> values(value).stream().noneMatch(v -> equal(actual, v));
            case "like" -> actual != null && like(actual, value);
            case "not like" -> actual == null || !like(actual, value);
            case "is" -> "set".equals(value) == (actual != null && !"".equals(actual));
            case "between" -> {
                List<?> range = values(value);
                yield actual != null && range.size() == 2 && compare(actual, range.get(0)) >= 0 && compare(actual, range.get(1)) <= 0;
            }
            default -> throw FrappeError.validation("Invalid operator: " + op);
        };
    }

    private static List<?> values(Object value) {
        if (value instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        return value == null ? List.of() : List.of(String.valueOf(value).split("\\s*,\\s*"));
    }

    private static boolean equal(Object actual, Object value) {
        if (actual instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (actual instanceof Number a && value instanceof String s) {
            try {
                return a.doubleValue() == Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return Objects.equals(actual == null ? null : String.valueOf(actual), value == null ? null : String.valueOf(value));
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return temporal(String.valueOf(a)).compareTo(temporal(String.valueOf(b)));
    }

    private static final Pattern DATE_OR_DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?)?");

    /** Dates and datetimes compare as MariaDB compares them: {@code "2026-03-01"} is midnight, missing
     *  microseconds are zero. Other text is left as it is. */
    static String temporal(String s) {
        if (!DATE_OR_DATETIME.matcher(s).matches()) {
            return s;
        }
        String full = s.length() == 10 ? s + " 00:00:00" : s;
        String fraction = full.length() > 19 ? full.substring(20) : "";
        return full.substring(0, 19) + "." + (fraction + "000000").substring(0, 6);
    }

    private static boolean like(Object actual, Object pattern) {
        String regex = Pattern.quote(String.valueOf(pattern)).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(String.valueOf(actual)).matches();
    }

    /** Fields named in an order_by such as {@code "modified desc, name asc"} or {@code "`tabPurchase Order`.`modified` desc"}. */
    static List<String[]> orderTerms(String orderBy) {
        List<String[]> out = new ArrayList<>();
        for (String term : orderBy.split(",")) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] words = t.split("\\s+");
            String field = words[0].replace("`", "");
            if (field.contains(".")) {
                field = field.substring(field.lastIndexOf('.') + 1);
            }
            out.add(new String[]{field, words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "asc"});
        }
        return out;
    }

    static Comparator<Map<String, Object>> comparator(List<String[]> terms) {
        Comparator<Map<String, Object>> all = (x, y) -> 0;
        for (String[] t : terms) {
            Comparator<Map<String, Object>> c = (x, y) -> {
                Object a = x.get(t[0]);
                Object b = y.get(t[0]);
                if (a == null || b == null) {
                    return a == null ? (b == null ? 0 : -1) : 1; // NULL sorts first ascending in MariaDB
                }
                return compare(a, b);
            };
            all = all.thenComparing(t[1].equals("desc") ? c.reversed() : c);
        }
        return all;
    }

    /**
     * A page of a list whose order starts with {@code modified}, read through the index on it ({@code temporal(modified)}
     * → insertion number → document): only the range the {@code modified} conditions leave is visited, from the end the
     * order starts at, until the page is full; equal {@code modified} values keep the table's order, as the full sort
     * does. @return the page's documents; every row when {@code pageLength <= 0}
     */
    static List<Map<String, Object>> page(NavigableMap<String, NavigableMap<Long, Map<String, Object>>> byModified, List<Object[]> and,
                                          Function<Object[], String> tableOf, Predicate<Map<String, Object>> match, List<String[]> terms,
                                          int start, int pageLength) {
        NavigableMap<String, NavigableMap<Long, Map<String, Object>>> range = range(and, tableOf).of(byModified);
        return IndexedPages.page(terms.get(0)[1].equals("desc") ? range.descendingMap() : range,
                terms.size() > 1 ? comparator(terms) : null, match, start, pageLength);
    }

    /** The bounds the parent's own {@code >, >=, <, <=, between} conditions on {@code modified} set; the conditions are
     *  still tested on each document, so the range only has to hold every match. */
    private static IndexedPages.Bounds range(List<Object[]> and, Function<Object[], String> tableOf) {
        IndexedPages.Bounds bounds = new IndexedPages.Bounds();
        for (Object[] c : and) {
            if (!"modified".equals(c[0]) || tableOf.apply(c) != null || c[2] == null) {
                continue;
            }
            String op = ((String) c[1]).toLowerCase(Locale.ROOT).trim();
            switch (op) {
                case ">", ">=" -> bounds.from(temporal(String.valueOf(c[2])), op.equals(">="));
                case "<", "<=" -> bounds.to(temporal(String.valueOf(c[2])), op.equals("<="));
                case "between" -> {
                    List<?> range = values(c[2]);
                    if (range.size() == 2) {
                        bounds.from(temporal(String.valueOf(range.get(0))), true);
                        bounds.to(temporal(String.valueOf(range.get(1))), true);
                    }
                }
                default -> {
                }
            }
        }
        return bounds;
    }
}
