package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates and normalizes data for a list of fields: structure and simple constraints through the
 * compiled JSON Schema (networknt), the rest in Java; messages rewritten to ours, one problem per
 * path, sorted in field order. Immutable and thread-safe.
 *
 * <p>Why about 500 lines: the schema's messages, the rules JSON Schema cannot say and the defaults
 * and typed values all walk the same field list and share one way of locating a path in it; the
 * last part (defaults and typed values) is the one to move out should the class grow.
 */
final class FormEngine {
    private static final Pattern SEGMENT = Pattern.compile("\\.?([^.\\[]+)|\\[(\\d+)]");
    private static final Map<String, Integer> RANK = Map.of("required", 0, "additionalProperties", 0, "type", 1,
            "const", 2, "enum", 2, "minLength", 3);
    /** Rank of a number outside the decimal limits: it stands before what the schema says at its path. */
    private static final int LIMIT_RANK = -1;

    private final String what;
    private final List<FormField> fields;
    private final UnknownFields unknown;
    private final ObjectNode schemaTree;
    private final PlainCheck plain;
    /** Compiled on first use: data the plain check passes never needs it (see {@link #schema()}). */
    private volatile JsonSchema compiled;

    /** The JSON Schema library, loaded by the first engine that needs a compiled schema. */
    private static final class Schemas {
        static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
    }

    FormEngine(String what, List<FormField> fields, UnknownFields unknown) {
        this.what = what;
        this.fields = List.copyOf(fields);
        this.unknown = unknown;
        this.schemaTree = JsonSchemaCompiler.compile(what, fields, unknown);
        this.plain = PlainCheck.of(this.fields, unknown);
    }

    /**
     * The compiled JSON Schema, compiled once, when data first needs it: a fresh JVM whose first forms are
     * valid plain data then loads no JSON Schema library at all. Two first users at once get the same one.
     */
    JsonSchema schema() {
        JsonSchema c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    c = Schemas.FACTORY.getSchema(schemaTree, Schemas.CONFIG);
                    compiled = c;
                }
            }
        }
        return c;
    }

    /** @return whether {@link #schema()} was compiled (tests) */
    boolean schemaCompiled() {
        return compiled != null;
    }

    List<FormField> fields() {
        return fields;
    }

    String what() {
        return what;
    }

    // ---------------------------------------------------------------- validation

    List<Problem> problems(JsonNode data) {
        return problems(data, false);
    }

    /** @param alwaysSchema true to ask the compiled schema even where the plain check passes the data (tests compare the two) */
    List<Problem> problems(JsonNode data, boolean alwaysSchema) {
        if (data == null || !data.isObject()) {
            return List.of(new Problem("", "form data must be a JSON object of field values"));
        }
        JsonNode filled = withDefaults(fields, data);
        Map<String, Ranked> byPath = new LinkedHashMap<>();
        // numbers outside the decimal limits, before anything compares or scales them
        FormNumbers.screen(filled).forEach(p -> byPath.put(p.path(), new Ranked(p, LIMIT_RANK)));
        // the schema is asked (and its messages worded) only for data the plain check cannot pass
        if (alwaysSchema || !byPath.isEmpty() || !plain.passes(filled)) {
            for (ValidationMessage m : schema().validate(filled)) {
                Ranked r = translate(m);
                byPath.merge(r.problem.path(), r, (a, b) -> b.rank < a.rank ? b : a);
            }
        }
        List<Problem> javaProblems = new ArrayList<>();
        checkJava(fields, filled, "", javaProblems);
        for (Problem p : javaProblems) {
            if (byPath.keySet().stream().noneMatch(existing -> isSameOrAncestor(existing, p.path()))) {
                byPath.putIfAbsent(p.path(), new Ranked(p, 9));
            }
        }
        return sort(byPath.values().stream().map(r -> r.problem).toList());
    }

    /** @return the problems in field order (then by path), immutable */
    List<Problem> sort(List<Problem> problems) {
        if (problems.isEmpty()) {
            return List.of();
        }
        List<Problem> all = new ArrayList<>(problems);
        all.sort(Comparator.comparing((Problem p) -> locate(p.path()).order, SchemaRules::compareInts)
                .thenComparing(Problem::path));
        return List.copyOf(all);
    }

    void validate(JsonNode data) {
        List<Problem> problems = problems(data);
        if (!problems.isEmpty()) {
            throw new ValidationException(FormSchema.DATA_INVALID, what, problems);
        }
    }

    private static boolean isSameOrAncestor(String ancestor, String path) {
        return ancestor.equals(path) || ancestor.isEmpty()
                || path.startsWith(ancestor) && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }

    private record Ranked(Problem problem, int rank) {
    }

    private Ranked translate(ValidationMessage m) {
        String type = m.getType();
        String base = pathOf(m.getInstanceLocation());
        int rank = RANK.getOrDefault(type, 5);
        if ("required".equals(type) || "additionalProperties".equals(type)) {
            String prop = m.getProperty();
            String path = prop == null || base.endsWith("." + prop) || base.equals(prop) ? base : join(base, prop);
            if ("required".equals(type)) {
                return new Ranked(new Problem(path, requiredMessage(locate(path))), rank);
            }
            Located parent = locate(path.substring(0, Math.max(0, path.length() - prop.length() - 1)));
            return new Ranked(new Problem(path, unknownMessage(parent)), rank);
        }
        Located loc = locate(base);
        JsonNode instance = m.getInstanceNode();
        return new Ranked(new Problem(base, message(type, loc, instance, m)), rank);
    }

    private static String pathOf(JsonNodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object e = location.getElement(i);
            if (e instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(e);
            }
        }
        return sb.toString();
    }

    private static String join(String base, String name) {
        return base.isEmpty() ? name : base + "." + name;
    }

    private String requiredMessage(Located loc) {
        if (loc.sub != null) {
            return switch (loc.sub) {
                case "amount" -> "is required, e.g. \"1200.50\"";
                case "currency" -> "is required, e.g. " + (loc.field.currency() == null ? "CNY" : loc.field.currency());
                case "start", "end" -> "is required, a date like 2024-05-01";
                default -> "is required";
            };
        }
        return "is required";
    }

    private String unknownMessage(Located parent) {
        FormField f = parent.field;
        if (f == null) {
            return "is not a field of this form; remove it (fields: " + keys(fields) + ")";
        }
        if (f.type() == FieldType.TABLE) {
            return "is not a column of table '" + f.key() + "'; remove it (columns: " + keys(f.fields()) + ")";
        }
        return switch (f.type()) {
            case MONEY -> "is not part of a money value; use only amount and currency";
            case DATE_RANGE -> "is not part of a date range; use only start and end";
            case ATTACHMENT -> "is not part of an attachment reference; use only id, name and size";
            default -> "is unknown here; remove it";
        };
    }

    private static String keys(List<FormField> fields) {
        return fields.stream().map(FormField::key).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String optionValues(FormField f) {
        if (f.optionSource() != null) {
            return "the options of source '" + f.optionSource().source() + "'";
        }
        return f.options().stream().map(FieldOption::value).collect(Collectors.joining(", ", "[", "]"));
    }

    private String message(String type, Located loc, JsonNode instance, ValidationMessage m) {
        FormField f = loc.field;
        if (f == null) {
            return stripPath(m.getMessage());
        }
        boolean whole = loc.sub == null && !loc.row && !loc.item;
        boolean empty = instance == null || instance.isNull() || instance.isMissingNode()
                || instance.isTextual() && instance.textValue().isEmpty()
                || instance.isArray() && instance.isEmpty();
        if (whole && f.required() && empty && !"enum".equals(type) && !"uniqueItems".equals(type)) {
            return f.type() == FieldType.TABLE ? "is required; add at least one row"
                    : f.type() == FieldType.MULTI_SELECT ? "is required; choose at least one of " + optionValues(f)
                    : "is required";
        }
        return switch (type) {
            case "type" -> expectation(loc);
            case "minLength" -> f.type().isText() && whole
                    ? "must be at least " + f.minLength() + " characters"
                    : "must not be empty" + (whole ? "; leave the field out instead" : "");
            case "maxLength" -> "must be at most " + f.maxLength() + " characters";
            case "pattern" -> loc.sub != null || !f.type().isText() ? expectation(loc) : "must match the pattern " + f.pattern();
            case "enum" -> "must be one of " + optionValues(f);
            case "const" -> "must be " + f.currency() + "; this field takes amounts in " + f.currency() + " only";
            case "minimum" -> loc.sub != null ? "must be 0 or more" : "must be at least " + f.min();
            case "maximum" -> "must be at most " + f.max();
            case "minItems" -> f.type() == FieldType.TABLE
                    ? "must have at least " + countMin(f) + " row" + (countMin(f) == 1 ? "" : "s")
                    : "choose at least " + countMin(f) + " of " + optionValues(f);
            case "maxItems" -> f.type() == FieldType.TABLE
                    ? "must have at most " + f.max() + " row" + ("1".equals(f.max()) ? "" : "s")
                    : "choose at most " + f.max() + " of " + optionValues(f);
            case "uniqueItems" -> "must not contain the same option twice";
            default -> stripPath(m.getMessage());
        };
    }

    private static int countMin(FormField f) {
        int min = f.min() == null ? 0 : Integer.parseInt(f.min());
        return f.required() ? Math.max(1, min) : min;
    }

    private static String stripPath(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private String expectation(Located loc) {
        FormField f = loc.field;
        if (loc.row) {
            return "each row must be an object of column values " + keys(f.fields());
        }
        if (loc.item) {
            return "must be one of " + optionValues(f);
        }
        if (loc.sub != null) {
            return switch (loc.sub) {
                case "amount" -> "must be a decimal number like \"1200.50\"";
                case "currency" -> "must be an ISO 4217 currency code like CNY";
                case "start", "end" -> "must be a date like 2024-05-01";
                case "size" -> "must be a whole number of bytes, 0 or more";
                default -> "must be text";
            };
        }
        return switch (f.type()) {
            case TEXT, TEXTAREA -> "must be text";
            case NUMBER -> Integer.valueOf(0).equals(f.scale()) ? "must be a whole number" : "must be a number";
            case MONEY -> "must be a money value like {\"amount\":\"1200.50\",\"currency\":\""
                    + (f.currency() == null ? "CNY" : f.currency()) + "\"}";
            case DATE -> "must be a date like 2024-05-01";
            case DATETIME -> "must be a date and time like 2024-05-01T09:30";
            case DATE_RANGE -> "must be a date range like {\"start\":\"2024-05-01\",\"end\":\"2024-05-03\"}";
            case SELECT -> "must be one of " + optionValues(f);
            case MULTI_SELECT -> "must be a list of values from " + optionValues(f);
            case USER -> "must be a user id (text)";
            case DEPARTMENT -> "must be a department id (text)";
            case ATTACHMENT -> "must be a file reference: its id as text, or {\"id\":..,\"name\":..,\"size\":..}";
            case TABLE -> "must be a list of rows, each an object of column values";
        };
    }

    // ---------------------------------------------------------------- paths

    /** Where a path points in the schema, and its sort key in field order. */
    private record Located(FormField field, String sub, boolean row, boolean item, int[] order) {
    }

    private Located locate(String path) {
        List<Integer> order = new ArrayList<>();
        List<FormField> level = fields;
        FormField field = null;
        String sub = null;
        boolean row = false;
        boolean item = false;
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            if (m.group(2) != null) {
                order.add(Integer.parseInt(m.group(2)));
                if (field != null && field.type() == FieldType.TABLE && !row) {
                    row = true;
                    level = field.fields();
                } else if (field != null && field.type() == FieldType.MULTI_SELECT) {
                    item = true;
                }
                continue;
            }
            String name = m.group(1);
            if (field != null && sub == null && !row && hasParts(field.type())) {
                sub = name;
                order.add(List.of("amount", "currency", "start", "end", "id", "name", "size").indexOf(name) + 1000);
                continue;
            }
            if (level == null) {
                order.add(Integer.MAX_VALUE);
                return new Located(null, null, false, false, toArray(order));
            }
            int index = indexOf(level, name);
            order.add(index < 0 ? Integer.MAX_VALUE - 1 : index);
            if (index < 0) {
                return new Located(null, null, false, false, toArray(order));
            }
            field = level.get(index);
            level = null;
            sub = null;
            row = false;
            item = false;
        }
        return new Located(field, sub, row, item, toArray(order));
    }

    private static boolean hasParts(FieldType t) {
        return t == FieldType.MONEY || t == FieldType.DATE_RANGE || t == FieldType.ATTACHMENT;
    }

    private static int indexOf(List<FormField> level, String key) {
        for (int i = 0; i < level.size(); i++) {
            if (level.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---------------------------------------------------------------- rules JSON Schema cannot say

    private static void checkJava(List<FormField> fields, JsonNode object, String prefix, List<Problem> out) {
        for (FormField f : fields) {
            JsonNode v = object.get(f.key());
            if (v == null || v.isNull()) {
                continue;
            }
            String path = join(prefix, f.key());
            switch (f.type()) {
                case NUMBER -> FormNumbers.checkNumber(f, v, path, out);
                case MONEY -> {
                    BigDecimal amount = FormNumbers.checkAmount(f, v.get("amount"), path + ".amount", out);
                    JsonNode currency = v.get("currency");
                    if (amount != null && f.currency() != null && currency != null && f.currency().equals(currency.asText())) {
                        if (f.min() != null && amount.compareTo(new BigDecimal(f.min())) < 0) {
                            out.add(new Problem(path, "must be at least " + f.min() + " " + f.currency()));
                        } else if (f.max() != null && amount.compareTo(new BigDecimal(f.max())) > 0) {
                            out.add(new Problem(path, "must be at most " + f.max() + " " + f.currency()));
                        }
                    }
                }
                case DATE -> {
                    LocalDate d = date(v, path, out);
                    if (d != null) {
                        bounds(d, f.min() == null ? null : LocalDate.parse(f.min()), f.max() == null ? null : LocalDate.parse(f.max()),
                                f, path, "on", out);
                    }
                }
                case DATETIME -> {
                    if (v.isTextual() && JsonSchemaCompiler.DATETIME_PATTERN.matcher(v.textValue()).matches()) {
                        try {
                            LocalDateTime t = LocalDateTime.parse(v.textValue());
                            bounds(t, f.min() == null ? null : LocalDateTime.parse(f.min()),
                                    f.max() == null ? null : LocalDateTime.parse(f.max()), f, path, "at", out);
                        } catch (DateTimeParseException e) {
                            out.add(new Problem(path, "must be a valid date and time like 2024-05-01T09:30"));
                        }
                    }
                }
                case DATE_RANGE -> {
                    if (v.isObject()) {
                        LocalDate start = v.has("start") ? date(v.get("start"), path + ".start", out) : null;
                        LocalDate end = v.has("end") ? date(v.get("end"), path + ".end", out) : null;
                        if (start != null && end != null && end.isBefore(start)) {
                            out.add(new Problem(path + ".end", "must not be before start " + start));
                        } else {
                            if (start != null && f.min() != null && start.isBefore(LocalDate.parse(f.min()))) {
                                out.add(new Problem(path + ".start", "must be on or after " + f.min()));
                            }
                            if (end != null && f.max() != null && end.isAfter(LocalDate.parse(f.max()))) {
                                out.add(new Problem(path + ".end", "must be on or before " + f.max()));
                            }
                        }
                    }
                }
                case TABLE -> {
                    if (v.isArray()) {
                        for (int i = 0; i < v.size(); i++) {
                            if (v.get(i).isObject()) {
                                checkJava(f.fields(), v.get(i), path + "[" + i + "]", out);
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private static <T extends Temporal & Comparable<? super T>> void bounds(T value, T min, T max, FormField f, String path,
                                                                           String preposition, List<Problem> out) {
        if (min != null && value.compareTo(min) < 0) {
            out.add(new Problem(path, "must be " + preposition + " or after " + f.min()));
        } else if (max != null && value.compareTo(max) > 0) {
            out.add(new Problem(path, "must be " + preposition + " or before " + f.max()));
        }
    }

    private static LocalDate date(JsonNode v, String path, List<Problem> out) {
        if (v == null || !v.isTextual() || !JsonSchemaCompiler.DATE_PATTERN.matcher(v.textValue()).matches()) {
            return null; // shape problems come from the JSON Schema
        }
        try {
            return LocalDate.parse(v.textValue());
        } catch (DateTimeParseException e) {
            out.add(new Problem(path, "must be a valid date like 2024-05-01 ('" + v.textValue() + "' does not exist)"));
            return null;
        }
    }

    // ---------------------------------------------------------------- defaults and normalized data

    /** One spelling per value ({@code 10} and {@code 10.00} normalize alike): the field's scale, when given. */
    private static BigDecimal withScale(BigDecimal value, Integer scale) {
        return scale == null ? value : value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    }

    static JsonNode withDefaults(List<FormField> fields, JsonNode data) {
        ObjectNode copy = ((ObjectNode) data).deepCopy();
        fill(fields, copy);
        return copy;
    }

    private static void fill(List<FormField> fields, ObjectNode object) {
        for (FormField f : fields) {
            JsonNode v = object.get(f.key());
            if ((v == null || v.isNull()) && f.defaultValue() != null) {
                object.set(f.key(), f.defaultValue());
            } else if (v instanceof ArrayNode rows && f.type() == FieldType.TABLE) {
                rows.forEach(r -> {
                    if (r instanceof ObjectNode row) {
                        fill(f.fields(), row);
                    }
                });
            }
        }
    }

    Map<String, Object> normalize(JsonNode data) {
        validate(data);
        return typed(fields, withDefaults(fields, data));
    }

    private static Map<String, Object> typed(List<FormField> fields, JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FormField f : fields) {
            JsonNode v = object.get(f.key());
            if (v != null && !v.isNull()) {
                out.put(f.key(), typed(f, v));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** @return the typed value, or null when the value does not fit the field */
    static Object typedOrNull(FormField f, JsonNode v) {
        if (!FormNumbers.withinLimits(v)) {
            return null;
        }
        try {
            return typed(f, v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object typed(FormField f, JsonNode v) {
        return switch (f.type()) {
            case TEXT, TEXTAREA, SELECT, USER, DEPARTMENT -> v.textValue();
            case NUMBER -> Integer.valueOf(0).equals(f.scale()) ? (Object) v.decimalValue().longValueExact()
                    : withScale(v.decimalValue(), f.scale());
            case MONEY -> new Money(withScale(FormNumbers.amount(v.get("amount")), f.scale() == null ? 2 : f.scale()), v.get("currency").textValue());
            case DATE -> LocalDate.parse(v.textValue());
            case DATETIME -> LocalDateTime.parse(v.textValue());
            case DATE_RANGE -> new DateRange(LocalDate.parse(v.get("start").textValue()), LocalDate.parse(v.get("end").textValue()));
            case MULTI_SELECT -> {
                List<String> values = new ArrayList<>();
                v.forEach(e -> values.add(e.textValue()));
                yield List.copyOf(values);
            }
            case ATTACHMENT -> v.isTextual() ? new AttachmentRef(v.textValue(), null, null)
                    : new AttachmentRef(v.get("id").textValue(), v.hasNonNull("name") ? v.get("name").textValue() : null,
                    v.hasNonNull("size") ? v.get("size").longValue() : null);
            case TABLE -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                v.forEach(r -> rows.add(typed(f.fields(), r)));
                yield List.copyOf(rows);
            }
        };
    }
}
