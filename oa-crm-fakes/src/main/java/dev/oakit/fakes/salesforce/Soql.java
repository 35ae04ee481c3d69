package dev.oakit.fakes.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of SOQL an integration's queries use: {@code SELECT fields FROM type [WHERE …] [ORDER BY f [ASC|DESC], …]
 * [LIMIT n] [OFFSET n]}, conditions with {@code = != <> < <= > >= IN NOT IN LIKE}, {@code AND}, {@code OR} and
 * parentheses; literals as SOQL writes them: {@code 'text'} with backslash escapes, numbers, {@code true},
 * {@code false}, {@code null}, dates {@code 2026-01-31} and datetimes {@code 2026-01-31T08:00:00Z} (unquoted, to
 * the second, as the SOQL reference gives them). Errors as Salesforce's: {@code MALFORMED_QUERY},
 * {@code INVALID_FIELD}, {@code INVALID_TYPE}.
 */
final class Soql {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<dt>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:Z|[+-]\\d{2}:\\d{2}))|(?<date>\\d{4}-\\d{2}-\\d{2})"
                    + "|(?<num>-?\\d+(?:\\.\\d+)?)|(?<str>'(?:\\\\.|[^'\\\\])*')|(?<op><=|>=|!=|<>|=|<|>|\\(|\\)|,)|(?<word>[A-Za-z_][A-Za-z0-9_.]*))");

    record Query(String type, List<String> fields, Predicate<Map<String, Object>> where, Comparator<Map<String, Object>> order,
                 Integer limit, Integer offset) {
        List<Map<String, Object>> run(List<Map<String, Object>> rows) {
            List<Map<String, Object>> out = new ArrayList<>(rows.stream().filter(where).toList());
            if (order != null) {
                out.sort(order);
            }
            int from = offset == null ? 0 : Math.min(offset, out.size());
            int to = limit == null ? out.size() : Math.min(out.size(), from + limit);
            return out.subList(from, to);
        }
    }

    private final List<Object> tokens = new ArrayList<>();
    private final SObjectStore store;
    private int pos;
    private SObjectType type;

    private Soql(String q, SObjectStore store) {
        this.store = store;
        Matcher m = TOKEN.matcher(q);
        int at = 0;
        while (at < q.length()) {
            if (!m.find(at) || m.start() != at) {
                if (q.substring(at).isBlank()) {
                    break;
                }
                throw malformed("unexpected token at '" + q.substring(at).trim() + "'");
            }
            if (m.group("dt") != null) {
                tokens.add(OffsetDateTime.parse(m.group("dt")).toInstant());
            } else if (m.group("date") != null) {
                tokens.add(LocalDate.parse(m.group("date")));
            } else if (m.group("num") != null) {
                tokens.add(new BigDecimal(m.group("num")));
            } else if (m.group("str") != null) {
                String s = m.group("str");
                tokens.add(new Text(s.substring(1, s.length() - 1).replaceAll("\\\\(.)", "$1")));
            } else if (m.group("op") != null) {
                tokens.add(new Op(m.group("op")));
            } else {
                tokens.add(new Word(m.group("word")));
            }
            at = m.end();
        }
    }

    private record Text(String value) {
    }

    private record Op(String value) {
    }

    private record Word(String value) {
        boolean is(String keyword) {
            return value.equalsIgnoreCase(keyword);
        }
    }

    static Query parse(String q, SObjectStore store) {
        try {
            return new Soql(q, store).query();
        } catch (DateTimeParseException e) {
            throw malformed(e.getMessage());
        }
    }

    private Query query() {
        keyword("SELECT");
        List<String> fields = new ArrayList<>();
        do {
            fields.add(word());
        } while (op(","));
        keyword("FROM");
        String typeName = word();
        if (!store.types.containsKey(typeName)) {
            throw new SalesforceError(400, "INVALID_TYPE", "sObject type '" + typeName + "' is not supported. If you are attempting to use a "
                    + "custom object, be sure to append the '__c' after the entity name.");
        }
        type = store.type(typeName);
        fields.forEach(this::field);
        Predicate<Map<String, Object>> where = r -> true;
        if (isKeyword("WHERE")) {
            pos++;
            where = or();
        }
        Comparator<Map<String, Object>> order = null;
        if (isKeyword("ORDER")) {
            pos++;
            keyword("BY");
            do {
                String f = field(word());
                Comparator<Map<String, Object>> c = (x, y) -> x.get(f) == null || y.get(f) == null
                        ? Boolean.compare(x.get(f) != null, y.get(f) != null) : compare(x.get(f), y.get(f));
                if (isKeyword("DESC")) {
                    pos++;
                    c = c.reversed();
                } else if (isKeyword("ASC")) {
                    pos++;
                }
                order = order == null ? c : order.thenComparing(c);
            } while (op(","));
        }
        Integer limit = null;
        Integer offset = null;
        if (isKeyword("LIMIT")) {
            pos++;
            limit = number();
        }
        if (isKeyword("OFFSET")) {
            pos++;
            offset = number();
            if (offset > 2000) {
                throw new SalesforceError(400, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000");
            }
        }
        if (pos < tokens.size()) {
            throw malformed("unexpected token: '" + show(tokens.get(pos)) + "'");
        }
        return new Query(typeName, fields, where, order, limit, offset);
    }

    private Predicate<Map<String, Object>> or() {
        Predicate<Map<String, Object>> p = and();
        while (isKeyword("OR")) {
            pos++;
            p = p.or(and());
        }
        return p;
    }

    private Predicate<Map<String, Object>> and() {
        Predicate<Map<String, Object>> p = condition();
        while (isKeyword("AND")) {
            pos++;
            p = p.and(condition());
        }
        return p;
    }

    private Predicate<Map<String, Object>> condition() {
        if (op("(")) {
            Predicate<Map<String, Object>> p = or();
            expectOp(")");
            return p;
        }
        String f = field(word());
        boolean not = false;
        if (isKeyword("NOT")) {
            pos++;
            not = true;
        }
        if (isKeyword("IN")) {
            pos++;
            expectOp("(");
            List<Object> values = new ArrayList<>();
            do {
                values.add(literal(f));
            } while (op(","));
            expectOp(")");
            boolean negate = not;
            return r -> values.stream().anyMatch(v -> same(r.get(f), v)) != negate;
        }
        if (not) {
            throw malformed("NOT goes before IN here");
        }
        if (isKeyword("LIKE")) {
            pos++;
            Object v = literal(f);
            Pattern like = Pattern.compile(Pattern.quote(String.valueOf(v)).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q"),
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
            return r -> r.get(f) != null && like.matcher(String.valueOf(r.get(f))).matches();
        }
        String o = opToken();
        Object v = literal(f);
        return switch (o) {
            case "=" -> r -> same(r.get(f), v);
            case "!=", "<>" -> r -> !same(r.get(f), v);
            default -> r -> {
                Object a = r.get(f);
                if (a == null || v == null) {
                    return false;
                }
                int c = compare(a, v);
                return switch (o) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            };
        };
    }

    private Object literal(String field) {
        Object t = next();
        String fieldType = type.fields.get(field).type();
        if (t instanceof Word w) {
            if (w.is("null")) {
                return null;
            }
            if (w.is("true") || w.is("false")) {
                return Boolean.parseBoolean(w.value().toLowerCase(Locale.ROOT));
            }
            throw malformed("unexpected token: '" + w.value() + "'");
        }
        if (fieldType.equals("datetime") && !(t instanceof Instant)) {
            throw new SalesforceError(400, "INVALID_FIELD", "value of filter criterion for field '" + field
                    + "' must be of type dateTime and should not be enclosed in quotes", List.of(field));
        }
        if (t instanceof Text s) {
            return s.value();
        }
        if (t instanceof Op) {
            throw malformed("unexpected token: '" + show(t) + "'");
        }
        return t;
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof String s && b instanceof String t) {
            return s.equalsIgnoreCase(t);
        }
        return compare(a, b) == 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        Object x = comparable(a);
        Object y = comparable(b);
        if (x.getClass() != y.getClass()) {
            return String.valueOf(x).compareTo(String.valueOf(y));
        }
        return ((Comparable) x).compareTo(y);
    }

    private static Object comparable(Object v) {
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        return v;
    }

    private String field(String name) {
        if (!type.fields.containsKey(name)) {
            throw new SalesforceError(400, "INVALID_FIELD", "No such column '" + name + "' on entity '" + type.name + "'. If you are attempting "
                    + "to use a custom field, be sure to append the '__c' after the custom field name.", List.of(name));
        }
        return name;
    }

    private Object next() {
        if (pos >= tokens.size()) {
            throw malformed("unexpected end of query");
        }
        return tokens.get(pos++);
    }

    private String word() {
        Object t = next();
        if (t instanceof Word w) {
            return w.value();
        }
        throw malformed("unexpected token: '" + show(t) + "'");
    }

    private int number() {
        Object t = next();
        if (t instanceof BigDecimal n) {
            return n.intValueExact();
        }
        throw malformed("expected a number, got '" + show(t) + "'");
    }

    private void keyword(String k) {
        if (!isKeyword(k)) {
            throw malformed("expected " + k + (pos < tokens.size() ? ", got '" + show(tokens.get(pos)) + "'" : ""));
        }
        pos++;
    }

    private boolean isKeyword(String k) {
        return pos < tokens.size() && tokens.get(pos) instanceof Word w && w.is(k);
    }

    private boolean op(String o) {
        if (pos < tokens.size() && tokens.get(pos) instanceof Op op && op.value().equals(o)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectOp(String o) {
        if (!op(o)) {
            throw malformed("expected '" + o + "'");
        }
    }

    private String opToken() {
        Object t = next();
        if (t instanceof Op o && !o.value().equals("(") && !o.value().equals(")") && !o.value().equals(",")) {
            return o.value();
        }
        throw malformed("expected an operator, got '" + show(t) + "'");
    }

    private static String show(Object t) {
        return t instanceof Word w ? w.value() : t instanceof Op o ? o.value() : t instanceof Text s ? "'" + s.value() + "'" : Objects.toString(t);
    }

    private static SalesforceError malformed(String why) {
        return new SalesforceError(400, "MALFORMED_QUERY", why);
    }
}
