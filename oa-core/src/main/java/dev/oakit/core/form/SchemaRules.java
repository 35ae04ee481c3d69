package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.DecimalLimits;
import dev.oakit.core.ValidationException.Problem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Definition-time checks of a schema: every problem, with its path. */
final class SchemaRules {
    static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private SchemaRules() {
    }

    /** @param fields may contain nulls for entries the reader could not build; they are skipped */
    static List<Problem> check(String formKey, List<FormField> fields) {
        List<Problem> out = new ArrayList<>();
        if (formKey == null || formKey.isBlank()) {
            out.add(new Problem("key", "is required; name the form, e.g. leave"));
        }
        checkFields(fields, "fields", out);
        return out;
    }

    static void checkFields(List<FormField> fields, String prefix, List<Problem> out) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            FormField f = fields.get(i);
            if (f == null) {
                continue;
            }
            String p = prefix + "[" + i + "]";
            Integer first = seen.putIfAbsent(f.key(), i);
            if (first != null) {
                out.add(new Problem(p + ".key", "duplicates " + prefix + "[" + first + "].key '" + f.key() + "'; keys must be unique"));
            }
            checkField(f, p, out);
        }
    }

    private static void checkField(FormField f, String p, List<Problem> out) {
        int before = out.size();
        FieldType t = f.type();
        if (!KEY.matcher(f.key()).matches()) {
            out.add(new Problem(p + ".key", "'" + f.key() + "' must start with a letter and contain only letters, digits and _"));
        }
        if (f.label().isBlank()) {
            out.add(new Problem(p + ".label", "must not be blank; leave it out to use the key"));
        }
        checkBounds(f, p, out);
        if (!t.isText()) {
            notFor(f.minLength() != null, p, "minLength", t, out);
            notFor(f.maxLength() != null, p, "maxLength", t, out);
            notFor(f.pattern() != null, p, "pattern", t, out);
        } else {
            if (f.minLength() != null && f.minLength() < 0) {
                out.add(new Problem(p + ".minLength", "must be 0 or more"));
            }
            if (f.maxLength() != null && f.maxLength() < 1) {
                out.add(new Problem(p + ".maxLength", "must be 1 or more"));
            }
            if (f.minLength() != null && f.maxLength() != null && f.minLength() > f.maxLength()) {
                out.add(new Problem(p + ".maxLength", "must not be less than minLength " + f.minLength()));
            }
            if (f.pattern() != null) {
                checkPattern(f.pattern(), p, out);
            }
        }
        if (t != FieldType.NUMBER && t != FieldType.MONEY) {
            notFor(f.scale() != null, p, "scale", t, out);
        } else if (f.scale() != null && (f.scale() < 0 || f.scale() > DecimalLimits.MAX_DECIMAL_PLACES)) {
            out.add(new Problem(p + ".scale", "must be between 0 and " + DecimalLimits.MAX_DECIMAL_PLACES + " decimal places"));
        }
        if (t != FieldType.MONEY) {
            notFor(f.currency() != null, p, "currency", t, out);
        } else if (f.currency() != null && !CURRENCY.matcher(f.currency()).matches()) {
            out.add(new Problem(p + ".currency", "'" + f.currency() + "' must be an ISO 4217 code like CNY"));
        } else if (f.currency() == null && (f.min() != null || f.max() != null)) {
            out.add(new Problem(p + ".currency", "is required when min or max is set; name the currency of the limits, e.g. CNY"));
        }
        if (f.optionSource() != null) {
            sourced(f, p, out);
        } else if (t == FieldType.SELECT || t == FieldType.MULTI_SELECT) {
            if (f.options().isEmpty()) {
                out.add(new Problem(p + ".options", "must list at least one option (value and label)"));
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int j = 0; j < f.options().size(); j++) {
                String v = f.options().get(j).value();
                if (v.isBlank()) {
                    out.add(new Problem(p + ".options[" + j + "].value", "must not be blank"));
                } else if (seen.putIfAbsent(v, j) != null) {
                    out.add(new Problem(p + ".options[" + j + "].value", "duplicates option '" + v + "'; values must be unique"));
                }
            }
        } else {
            notFor(!f.options().isEmpty(), p, "options", t, out);
        }
        if (t == FieldType.TABLE) {
            if (f.fields().isEmpty()) {
                out.add(new Problem(p + ".fields", "must list at least one column"));
            }
            checkFields(f.fields(), p + ".fields", out);
        } else if (!f.fields().isEmpty()) {
            out.add(new Problem(p + ".fields", "only table fields have columns; remove them or use type table"));
        }
        if (out.size() == before && f.defaultValue() != null) {
            checkDefault(f, p, out);
        }
    }

    /**
     * The pattern alone, and as the form's JSON Schema uses it (anchored to the whole value): some expressions valid
     * alone swallow the anchoring's closing parenthesis, and the schema, compiled only when data first needs it, would
     * then fail on a user's data instead of here.
     */
    private static void checkPattern(String pattern, String p, List<Problem> out) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            out.add(new Problem(p + ".pattern", "is not a valid regular expression (" + e.getDescription()
                    + " near index " + e.getIndex() + "); fix or remove it"));
            return;
        }
        try {
            Pattern.compile(JsonSchemaCompiler.anchored(pattern));
        } catch (PatternSyntaxException e) {
            out.add(new Problem(p + ".pattern", "cannot be matched against the whole value: as " + JsonSchemaCompiler.anchored(pattern)
                    + " it is not a valid regular expression (" + e.getDescription() + "); an unclosed \\Q quote or a (?x) comment"
                    + " runs to the end of the expression: close the quote with \\E, or drop the comment"));
        }
    }

    private static void checkDefault(FormField f, String p, List<Problem> out) {
        FormField optional = f.withRequired(false);
        FormEngine engine = new FormEngine("default of " + f.key(), List.of(optional), UnknownFields.REJECT);
        JsonNode data = Json.JSON.createObjectNode().set(f.key(), f.defaultValue());
        for (Problem problem : engine.problems(data)) {
            String rest = problem.path().substring(f.key().length());
            out.add(new Problem(p + ".default" + rest, "default value " + problem.message()));
        }
    }

    private static void sourced(FormField f, String p, List<Problem> out) {
        if (f.type() != FieldType.SELECT && f.type() != FieldType.MULTI_SELECT) {
            out.add(new Problem(p + ".options.source", "only select and multiSelect fields take options; remove it or change the type"));
        } else if (!f.options().isEmpty()) {
            out.add(new Problem(p + ".options", "lists options and names source '" + f.optionSource().source()
                    + "'; keep one of them"));
        }
        if (f.optionSource().source().isBlank()) {
            out.add(new Problem(p + ".options.source", "must not be blank; name an option source such as erp.vendor"));
        }
    }

    private static void notFor(boolean present, String p, String property, FieldType t, List<Problem> out) {
        if (present) {
            out.add(new Problem(p + "." + property, "does not apply to a " + t.jsonName() + " field; remove it"));
        }
    }

    private static void checkBounds(FormField f, String p, List<Problem> out) {
        if (f.min() == null && f.max() == null) {
            return;
        }
        if (!f.type().takesMinMax()) {
            notFor(f.min() != null, p, "min", f.type(), out);
            notFor(f.max() != null, p, "max", f.type(), out);
            return;
        }
        Comparable<Object> min = parseBound(f.type(), f.min(), p + ".min", out);
        Comparable<Object> max = parseBound(f.type(), f.max(), p + ".max", out);
        if (min != null && max != null && min.compareTo(max) > 0) {
            out.add(new Problem(p + ".max", "must not be less than min " + f.min()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> parseBound(FieldType t, String text, String path, List<Problem> out) {
        if (text == null) {
            return null;
        }
        if (t == FieldType.NUMBER || t == FieldType.MONEY) {
            Optional<String> problem = DecimalLimits.problem(text);
            if (problem.isPresent()) {
                out.add(new Problem(path, shown(text) + " " + problem.get()));
                return null;
            }
        }
        try {
            Object value = switch (t) {
                case NUMBER, MONEY -> new BigDecimal(text.strip());
                case DATE, DATE_RANGE -> LocalDate.parse(text);
                case DATETIME -> LocalDateTime.parse(text);
                default -> {
                    int n = Integer.parseInt(text);
                    if (n < 0) {
                        throw new NumberFormatException();
                    }
                    yield n;
                }
            };
            return (Comparable<Object>) value;
        } catch (NumberFormatException | DateTimeParseException e) {
            String like = switch (t) {
                case DATE, DATE_RANGE -> "a date like 2024-05-01";
                case DATETIME -> "a date and time like 2024-05-01T09:30";
                default -> "a whole number, 0 or more";
            };
            out.add(new Problem(path, "'" + text + "' must be " + like));
            return null;
        }
    }

    /** @return the text quoted, shortened when long: {@code '77777777777777777777…' (100000 characters)} */
    private static String shown(String text) {
        return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 20) + "…' (" + text.length() + " characters)";
    }

    /** Orders problems by the indexes in their paths, keeping the discovery order otherwise (stable). */
    static List<Problem> sortByIndexes(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(pr -> indexes(pr.path()), SchemaRules::compareInts));
        return sorted;
    }

    private static int[] indexes(String path) {
        Matcher m = INDEX.matcher(path);
        List<Integer> list = new ArrayList<>();
        while (m.find()) {
            list.add(Integer.parseInt(m.group(1)));
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    static int compareInts(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }
}
