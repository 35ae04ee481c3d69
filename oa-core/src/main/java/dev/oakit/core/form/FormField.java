package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.DecimalLimits;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field of a {@link FormSchema}, or one column of a table field. A plain value: whether the
 * constraints fit together is checked when the schema is built ({@link FormSchema} constructor).
 * Immutable and thread-safe.
 *
 * <p>{@code min}/{@code max} are kept as text and read according to the type: decimal for number
 * and money (in the field's currency), ISO date for date and dateRange, ISO local date-time for
 * datetime, a row count for table and a choice count for multiSelect.
 *
 * @param key unique within its level, letters/digits/underscore starting with a letter; never null
 * @param label text shown to users; never null (null becomes the key)
 * @param type the field type; never null
 * @param required whether data must contain a non-empty value
 * @param description help text; may be null
 * @param min lower bound (see above); may be null
 * @param max upper bound (see above); may be null
 * @param minLength minimum number of characters (text, textarea); may be null
 * @param maxLength maximum number of characters (text, textarea); may be null
 * @param pattern Java regular expression the whole value must match (text, textarea); may be null
 * @param scale allowed decimal places (number, money); 0 means integer; may be null
 * @param currency ISO 4217 code the money value must use (money); may be null for any currency
 * @param options the allowed values (select, multiSelect); never null, immutable, may be empty
 * @param defaultValue value used when data leaves the field out; may be null
 * @param fields the columns of a table field; never null, immutable, empty for other types
 * @param optionSource where a select or multi-select field takes its options from instead of {@code options}
 *                     (since 0.2); may be null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FormField(String key, String label, FieldType type, boolean required, String description,
                        String min, String max, Integer minLength, Integer maxLength, String pattern,
                        Integer scale, String currency, List<FieldOption> options, JsonNode defaultValue,
                        List<FormField> fields, OptionSourceRef optionSource) {

    /** Rejects a null key or type, defaults the label to the key and copies the lists. */
    public FormField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        label = label == null ? key : label;
        min = canonicalBound(type, scale, min);
        max = canonicalBound(type, scale, max);
        options = options == null ? List.of() : List.copyOf(options);
        fields = fields == null ? List.of() : List.copyOf(fields);
        defaultValue = defaultValue == null || defaultValue.isNull() || defaultValue.isMissingNode() ? null : defaultValue.deepCopy();
    }

    /** A field whose options, if any, are listed in the form (no {@link #optionSource()}). */
    public FormField(String key, String label, FieldType type, boolean required, String description,
                     String min, String max, Integer minLength, Integer maxLength, String pattern,
                     Integer scale, String currency, List<FieldOption> options, JsonNode defaultValue,
                     List<FormField> fields) {
        this(key, label, type, required, description, min, max, minLength, maxLength, pattern, scale, currency, options,
                defaultValue, fields, null);
    }

    /** @param required whether the copy is required @return this field with another required flag */
    FormField withRequired(boolean required) {
        return new FormField(key, label, type, required, description, min, max, minLength, maxLength, pattern, scale,
                currency, options, defaultValue, fields, optionSource);
    }

    /**
     * Decimal limits are kept in one spelling so that {@code 5000}, {@code 5000.0} and {@code "5000.00"}
     * define the same field whatever the source format: written with the field's scale (money: 2 by
     * default) when they fit it, else without trailing zeros. Text that is not a number, or a number
     * outside {@link DecimalLimits}, is kept for the schema check to report.
     */
    private static String canonicalBound(FieldType type, Integer scale, String bound) {
        if (bound == null || type != FieldType.NUMBER && type != FieldType.MONEY || DecimalLimits.problem(bound).isPresent()) {
            return bound;
        }
        BigDecimal value = new BigDecimal(bound.strip()).stripTrailingZeros();
        Integer places = type == FieldType.MONEY && scale == null ? Integer.valueOf(2) : scale;
        if (places != null && places >= 0 && places <= DecimalLimits.MAX_DECIMAL_PLACES && value.scale() <= places) {
            value = value.setScale(places);
        } else if (value.scale() < 0) {
            value = value.setScale(0);
        }
        return value.toPlainString();
    }

    /** @return the default value, a deep copy since JSON nodes are mutable; may be null */
    @Override
    public JsonNode defaultValue() {
        return defaultValue == null ? null : defaultValue.deepCopy();
    }

    /**
     * Starts a field builder, for use with {@link FieldsBuilder#field(FormField)}.
     *
     * @param key the field key; never null
     * @param type the field type; never null
     * @return a new builder; not thread-safe
     */
    public static Builder builder(String key, FieldType type) {
        return new Builder(key, type);
    }

    /**
     * Builds one field. For a table field, the inherited {@link FieldsBuilder} methods add columns.
     * Nothing is checked until the schema is built. Not thread-safe.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder extends FieldsBuilder<Builder> {
        private final String key;
        private final FieldType type;
        private String label;
        private boolean required;
        private String description;
        private String min;
        private String max;
        private Integer minLength;
        private Integer maxLength;
        private String pattern;
        private Integer scale;
        private String currency;
        private final List<FieldOption> options = new ArrayList<>();
        private JsonNode defaultValue;
        private OptionSourceRef optionSource;

        Builder(String key, FieldType type) {
            this.key = Objects.requireNonNull(key, "key");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** @param label text shown to users; never null @return this builder */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** Marks the field required. @return this builder */
        public Builder required() {
            return required(true);
        }

        /** @param required whether the field is required @return this builder */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /** @param description help text; null clears it @return this builder */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @param min lower bound as text (decimal, ISO date, date-time or count by type); null clears it @return this builder */
        public Builder min(String min) {
            this.min = min;
            return this;
        }

        /** @param max upper bound as text; null clears it @return this builder */
        public Builder max(String max) {
            this.max = max;
            return this;
        }

        /** @param min lower bound for number, money, table rows or choices @return this builder */
        public Builder min(long min) {
            return min(Long.toString(min));
        }

        /** @param max upper bound for number, money, table rows or choices @return this builder */
        public Builder max(long max) {
            return max(Long.toString(max));
        }

        /** @param min lower bound for number or money; never null @return this builder */
        public Builder min(BigDecimal min) {
            return min(text(min));
        }

        /** @param max upper bound for number or money; never null @return this builder */
        public Builder max(BigDecimal max) {
            return max(text(max));
        }

        /** Written out in full within the limits; beyond them as {@code 1E+100000000}, for the schema check to report. */
        private static String text(BigDecimal bound) {
            return DecimalLimits.problem(bound).isPresent() ? bound.toString() : bound.toPlainString();
        }

        /** @param min earliest date for date or dateRange; never null @return this builder */
        public Builder min(LocalDate min) {
            return min(min.toString());
        }

        /** @param max latest date for date or dateRange; never null @return this builder */
        public Builder max(LocalDate max) {
            return max(max.toString());
        }

        /** @param min earliest date-time for datetime; never null @return this builder */
        public Builder min(LocalDateTime min) {
            return min(min.toString());
        }

        /** @param max latest date-time for datetime; never null @return this builder */
        public Builder max(LocalDateTime max) {
            return max(max.toString());
        }

        /** @param minLength minimum characters (text, textarea) @return this builder */
        public Builder minLength(int minLength) {
            this.minLength = minLength;
            return this;
        }

        /** @param maxLength maximum characters (text, textarea) @return this builder */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** @param regex Java regular expression the whole value must match; null clears it @return this builder */
        public Builder pattern(String regex) {
            this.pattern = regex;
            return this;
        }

        /** @param scale allowed decimal places (number, money); 0 means integer @return this builder */
        public Builder scale(int scale) {
            this.scale = scale;
            return this;
        }

        /** Same as {@code scale(0)}. @return this builder */
        public Builder integer() {
            return scale(0);
        }

        /** @param currency ISO 4217 code the money value must use; null allows any @return this builder */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /**
         * Adds an option (select, multiSelect).
         *
         * @param value stored value; never null
         * @param label text shown; null means the value
         * @return this builder
         */
        public Builder option(String value, String label) {
            options.add(new FieldOption(value, label));
            return this;
        }

        /** @param values option values, each its own label; never null @return this builder */
        public Builder options(String... values) {
            for (String v : values) {
                options.add(FieldOption.of(v));
            }
            return this;
        }

        /**
         * Takes the options from an {@link dev.oakit.core.form.spi.OptionSource} instead of listing them
         * (select, multiSelect).
         *
         * @param source the source's id; never null
         * @param target what the source reads; may be null
         * @return this builder
         */
        public Builder optionsFrom(String source, String target) {
            this.optionSource = new OptionSourceRef(source, target);
            return this;
        }

        /**
         * @param value default value as plain Java ({@code String}, {@code Number}, {@link Money},
         *              {@link LocalDate}, {@code List}, {@code Map}...) or a {@link JsonNode}; null clears it
         * @return this builder
         */
        public Builder defaultValue(Object value) {
            this.defaultValue = value == null ? null : Json.toTree(value);
            return this;
        }

        /** @return the field; never null; its constraints are checked when the schema is built */
        public FormField build() {
            return new FormField(key, label, type, required, description, min, max, minLength, maxLength,
                    pattern, scale, currency, options, defaultValue, fields(), optionSource);
        }
    }
}
