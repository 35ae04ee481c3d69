package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oakit.core.ValidationException.Problem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The transforms a mapping document may name, each read from its declaration with every problem collected. */
final class Transforms {
    static final List<String> NAMES = List.of("copy", "date", "datetime", "enum", "unit", "money");
    private static final List<String> ROUNDINGS = Arrays.stream(RoundingMode.values()).map(Enum::name).toList();

    private Transforms() {
    }

    /** Copies the value, checked against the local type; the remote gets the same type. */
    record Copy() implements Transform {
        @Override
        public Kind kind() {
            return new Kind("copy", null);
        }

        @Override
        public JsonNode toRemote(JsonNode local) {
            return local;
        }

        @Override
        public JsonNode toLocal(JsonNode remote) {
            return remote;
        }
    }

    /** A local ISO date to a remote date text in {@code format}, and back. */
    record DateText(String pattern, DateTimeFormatter format) implements Transform {
        @Override
        public Kind kind() {
            return new Kind("date", FieldType.DATE);
        }

        @Override
        public JsonNode toRemote(JsonNode local) {
            return TextNode.valueOf(format.format(LocalDate.parse(local.asText())));
        }

        @Override
        public JsonNode toLocal(JsonNode remote) {
            try {
                return TextNode.valueOf(LocalDate.parse(remote.asText(), format).toString());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(Values.shown(remote) + " is not a date in the format '" + pattern + "'");
            }
        }
    }

    /**
     * A local instant to a remote date-time text in {@code format} at the wall clock of {@code zone},
     * and back. A remote text without an offset that falls in a daylight-saving overlap (the hour that
     * happens twice) is read with the earlier offset, or the later one when {@code later}; one that
     * falls in a gap (the hour that never happens) is moved forward by the gap's length.
     */
    record DateTimeText(String pattern, DateTimeFormatter format, ZoneId zone, boolean later) implements Transform {
        @Override
        public Kind kind() {
            return new Kind("datetime", FieldType.DATETIME);
        }

        @Override
        public JsonNode toRemote(JsonNode local) {
            return TextNode.valueOf(format.withZone(zone).format(Instant.parse(local.asText())));
        }

        @Override
        public JsonNode toLocal(JsonNode remote) {
            return TextNode.valueOf(instant(remote).toString());
        }

        Instant instant(JsonNode remote) {
            try {
                TemporalAccessor t = format.parse(remote.asText());
                LocalDateTime wall = LocalDateTime.from(t);
                if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                    return wall.toInstant(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
                }
                ZonedDateTime z = ZonedDateTime.ofLocal(wall, zone, null);
                return (later ? z.withLaterOffsetAtOverlap() : z).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(Values.shown(remote) + " is not a date-time in the format '" + pattern + "'");
            }
        }
    }

    /** A local value to a remote value by a table, one-to-one; a value not in the table is refused both ways. */
    record EnumTable(Map<String, String> toRemote, Map<String, String> toLocal) implements Transform {
        @Override
        public Kind kind() {
            return new Kind("enum", FieldType.STRING);
        }

        @Override
        public JsonNode toRemote(JsonNode local) {
            return TextNode.valueOf(lookUp(toRemote, local, "local"));
        }

        @Override
        public JsonNode toLocal(JsonNode remote) {
            return TextNode.valueOf(lookUp(toLocal, remote, "remote"));
        }

        private static String lookUp(Map<String, String> table, JsonNode v, String side) {
            String found = table.get(v.asText());
            if (found == null) {
                throw new IllegalArgumentException("'" + v.asText() + "' is not a " + side + " value of the enum table " + table.keySet()
                        + "; add it to the transform's values in a new version of the mapping");
            }
            return found;
        }
    }

    /** A local quantity in one unit to a remote quantity in another, by exact factors; {@code scale} null for an exact result. */
    record UnitConversion(String from, String to, BigDecimal ratio, Integer scale, RoundingMode rounding) implements Transform {
        @Override
        public Kind kind() {
            return new Kind("unit", FieldType.DECIMAL);
        }

        @Override
        public JsonNode toRemote(JsonNode local) {
            return Values.number(round(Values.decimal(local).multiply(ratio)));
        }

        @Override
        public JsonNode toLocal(JsonNode remote) {
            BigDecimal v = Values.decimal(remote);
            return Values.number(scale == null ? v.divide(ratio).stripTrailingZeros() : v.divide(ratio, scale + 10, rounding).stripTrailingZeros());
        }

        private BigDecimal round(BigDecimal v) {
            if (scale == null) {
                return v.stripTrailingZeros();
            }
            try {
                return v.setScale(scale, rounding);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(v.toPlainString() + " " + to + " has more than " + scale + " decimals and rounding is UNNECESSARY");
            }
        }
    }

    /** An amount to the remote with a declared scale and rounding rule; exact decimals throughout. */
    record Money(int scale, RoundingMode rounding, boolean asText) implements Transform {
        @Override
        public Kind kind() {
            return new Kind("money", FieldType.DECIMAL);
        }

        @Override
        public JsonNode toRemote(JsonNode local) {
            BigDecimal v = Values.decimal(local);
            BigDecimal r;
            try {
                r = v.setScale(scale, rounding);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(v.toPlainString() + " has more than " + scale
                        + " decimals and the rounding is UNNECESSARY; round it before, or declare another rounding");
            }
            return asText ? TextNode.valueOf(r.toPlainString()) : Values.number(r);
        }

        @Override
        public JsonNode toLocal(JsonNode remote) {
            return Values.number(Values.decimal(remote));
        }
    }

    /**
     * Reads a transform declaration: a name ({@code date}) or an object with {@code type} and its
     * parameters. Problems are added with paths under {@code path}.
     *
     * @return the transform, or null when the declaration has problems
     */
    static Transform of(JsonNode spec, String path, List<Problem> problems) {
        if (spec == null || spec.isNull() || spec.isMissingNode()) {
            return new Copy();
        }
        String type = spec.isTextual() ? spec.textValue() : spec.path("type").asText("");
        JsonNode p = spec.isObject() ? spec : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        Params params = new Params(p, path, problems);
        Transform t = switch (type) {
            case "copy" -> {
                params.allow();
                yield new Copy();
            }
            case "date" -> {
                params.allow("format");
                String pattern = p.path("format").asText("yyyy-MM-dd");
                DateTimeFormatter f = params.pattern(pattern);
                yield f == null ? null : new DateText(pattern, f);
            }
            case "datetime" -> {
                params.allow("format", "zone", "overlap");
                String pattern = p.path("format").asText("yyyy-MM-dd HH:mm:ss");
                DateTimeFormatter f = params.pattern(pattern);
                ZoneId zone = params.zone(p.path("zone").asText("UTC"));
                String overlap = p.path("overlap").asText("earlier");
                if (!overlap.equals("earlier") && !overlap.equals("later")) {
                    problems.add(new Problem(path + ".overlap", "'" + overlap + "' is not 'earlier' or 'later' (which offset a remote"
                            + " time in the daylight-saving overlap is read with)"));
                    yield null;
                }
                yield f == null || zone == null ? null : new DateTimeText(pattern, f, zone, overlap.equals("later"));
            }
            case "enum" -> {
                params.allow("values");
                yield params.enumTable();
            }
            case "unit" -> {
                params.allow("from", "to", "scale", "rounding");
                yield params.unit();
            }
            case "money" -> {
                params.allow("scale", "currency", "rounding", "as");
                yield params.money();
            }
            default -> {
                problems.add(new Problem(path, "unknown transform '" + type + "'; use one of " + NAMES));
                yield null;
            }
        };
        return params.failed() ? null : t;
    }

    /** The parameters of one declaration, each checked once; remembers whether any was wrong. */
    private static final class Params {
        private final JsonNode p;
        private final String path;
        private final List<Problem> problems;
        private final int before;

        Params(JsonNode p, String path, List<Problem> problems) {
            this.p = p;
            this.path = path;
            this.problems = problems;
            this.before = problems.size();
        }

        boolean failed() {
            return problems.size() > before;
        }

        void allow(String... names) {
            Set<String> known = new java.util.LinkedHashSet<>(List.of(names));
            known.add("type");
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!known.contains(n)) {
                    problems.add(new Problem(path + "." + n, "unknown parameter '" + n + "' of transform '" + p.path("type").asText()
                            + "'; it takes " + known));
                }
            }
        }

        DateTimeFormatter pattern(String pattern) {
            try {
                return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(path + ".format", "'" + pattern + "' is not a date-time pattern (" + e.getMessage()
                        + "); use java.time letters, e.g. yyyy-MM-dd HH:mm:ss"));
                return null;
            }
        }

        ZoneId zone(String id) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                problems.add(new Problem(path + ".zone", "'" + id + "' is not a time zone; use a region id such as Europe/Berlin or UTC"));
                return null;
            }
        }

        RoundingMode rounding(boolean required) {
            JsonNode r = p.path("rounding");
            if (r.isMissingNode()) {
                if (required) {
                    problems.add(new Problem(path + ".rounding", "declare the rounding rule, one of " + ROUNDINGS
                            + " (UNNECESSARY refuses a value with more decimals)"));
                }
                return null;
            }
            if (!ROUNDINGS.contains(r.asText())) {
                problems.add(new Problem(path + ".rounding", "'" + r.asText() + "' is not a rounding rule; use one of " + ROUNDINGS));
                return null;
            }
            return RoundingMode.valueOf(r.asText());
        }

        Integer scale() {
            JsonNode s = p.path("scale");
            if (s.isMissingNode()) {
                return null;
            }
            if (!s.canConvertToInt() || !s.isIntegralNumber() || s.intValue() < 0 || s.intValue() > 18) {
                problems.add(new Problem(path + ".scale", Values.shown(s) + " is not a scale; give the number of decimals, 0 to 18"));
                return null;
            }
            return s.intValue();
        }

        Transform enumTable() {
            JsonNode values = p.path("values");
            if (!values.isObject() || values.isEmpty()) {
                problems.add(new Problem(path + ".values", "give the table of local to remote values, e.g. values: {HIGH: '1', LOW: '0'}"));
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, String> in = new LinkedHashMap<>();
            values.properties().forEach(e -> {
                String remote = e.getValue().asText();
                out.put(e.getKey(), remote);
                String other = in.putIfAbsent(remote, e.getKey());
                if (other != null) {
                    problems.add(new Problem(path + ".values." + e.getKey(), "local values '" + other + "' and '" + e.getKey()
                            + "' both map to remote '" + remote + "'; the table must be one-to-one so remote values map back"));
                }
            });
            return new EnumTable(java.util.Collections.unmodifiableMap(out), java.util.Collections.unmodifiableMap(in));
        }

        Transform unit() {
            String from = p.path("from").asText("");
            String to = p.path("to").asText("");
            Units.Unit a = unitNamed(from, "from");
            Units.Unit b = unitNamed(to, "to");
            Integer scale = scale();
            RoundingMode rounding = rounding(scale != null);
            if (a == null || b == null) {
                return null;
            }
            if (!a.dimension().equals(b.dimension())) {
                problems.add(new Problem(path, "cannot convert " + a.dimension() + " (" + from + ") to " + b.dimension() + " (" + to + ")"));
                return null;
            }
            BigDecimal ratio = a.factor().divide(b.factor(), java.math.MathContext.DECIMAL128).stripTrailingZeros();
            if (scale == null && !(Units.exact(a.factor(), b.factor()) && Units.exact(b.factor(), a.factor()))) {
                problems.add(new Problem(path + ".scale", "converting " + from + " to " + to + " and back is not exact in decimals;"
                        + " declare scale and rounding"));
                return null;
            }
            return new UnitConversion(from, to, ratio, scale, rounding);
        }

        private Units.Unit unitNamed(String name, String key) {
            Units.Unit u = Units.named(name);
            if (u == null) {
                problems.add(new Problem(path + "." + key, "'" + name + "' is not a unit; use one of " + Units.names()));
            }
            return u;
        }

        Transform money() {
            Integer scale = scale();
            String currency = p.path("currency").asText(null);
            if (currency != null && scale == null) {
                try {
                    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
                    scale = Math.max(digits, 0);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(path + ".currency", "'" + currency + "' is not an ISO 4217 currency code (EUR, USD, CNY, JPY ...)"));
                }
            } else if (scale == null && !failed()) {
                problems.add(new Problem(path + ".scale", "declare scale (decimals) or currency (its usual decimals)"));
            }
            RoundingMode rounding = rounding(true);
            String as = p.path("as").asText("number");
            if (!as.equals("number") && !as.equals("string")) {
                problems.add(new Problem(path + ".as", "'" + as + "' is not 'number' or 'string' (how the remote wants amounts)"));
            }
            return scale == null || rounding == null ? null : new Money(scale, rounding, as.equals("string"));
        }
    }

    /** @return the names, for messages */
    static List<String> names() {
        return new ArrayList<>(NAMES);
    }
}
