package dev.oakit.core.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A form definition: a key, an optional version, a title and ordered fields. Defined in JSON/YAML
 * ({@link #fromJson}, {@link #fromYaml}, {@link #fromTree}) or in Java ({@link #builder}); both
 * produce equal values. Every way of creating one checks the definition and throws
 * {@link ValidationException} with code {@value #SCHEMA_INVALID} listing every problem with its
 * path ({@code fields[2].pattern}).
 *
 * <p>Data is validated with {@link #validate(JsonNode)} (or a reusable {@link #validator()}), which
 * throws {@link ValidationException} with code {@value #DATA_INVALID} listing every problem in field
 * order. Immutable and thread-safe.
 *
 * @param key the form key, e.g. {@code leave}; never null
 * @param version the definition version; may be null
 * @param title the title shown to users; never null (null becomes the key)
 * @param fields the fields in display order; never null, immutable
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FormSchema(String key, Integer version, String title, List<FormField> fields) {

    /** Error code for form data that breaks the schema: {@link CoreErrors#FORM_INVALID}. */
    public static final String DATA_INVALID = CoreErrors.FORM_INVALID;
    /** Error code for a schema definition that does not hold together: {@link CoreErrors#FORM_SCHEMA_INVALID}. */
    public static final String SCHEMA_INVALID = CoreErrors.FORM_SCHEMA_INVALID;

    private static final int CACHE_LIMIT = 256;
    private static final Map<FormSchema, FormValidator> VALIDATORS = new ConcurrentHashMap<>();

    /**
     * Checks the definition.
     *
     * @throws ValidationException code {@value #SCHEMA_INVALID}, with every problem found
     */
    public FormSchema {
        Objects.requireNonNull(key, "key");
        title = title == null ? key : title;
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        List<ValidationException.Problem> problems = SchemaRules.check(key, fields);
        if (!problems.isEmpty()) {
            throw new ValidationException(SCHEMA_INVALID, "form schema '" + key + "'", problems);
        }
    }

    /**
     * Starts a fluent definition.
     *
     * @param key the form key; never null
     * @return a new builder; not thread-safe
     */
    public static Builder builder(String key) {
        return new Builder(key);
    }

    /**
     * Reads a definition from JSON text (format in {@code docs/forms.md}).
     *
     * @param json the definition; never null
     * @return the schema; never null
     * @throws ValidationException code {@value #SCHEMA_INVALID}: unreadable text, unknown properties,
     *                             wrong types or rule violations, all listed
     */
    public static FormSchema fromJson(String json) {
        return fromTree(parse(json, false));
    }

    /**
     * Reads a definition from YAML text, same format as {@link #fromJson}.
     *
     * @param yaml the definition; never null
     * @return the schema; never null
     * @throws ValidationException code {@value #SCHEMA_INVALID}, every problem listed
     */
    public static FormSchema fromYaml(String yaml) {
        return fromTree(parse(yaml, true));
    }

    /**
     * Reads a definition from a JSON tree (for instance a part of a larger process definition).
     *
     * @param tree the definition; never null
     * @return the schema; never null
     * @throws ValidationException code {@value #SCHEMA_INVALID}, every problem listed
     */
    public static FormSchema fromTree(JsonNode tree) {
        return SchemaReader.read(Objects.requireNonNull(tree, "tree"));
    }

    private static JsonNode parse(String text, boolean yaml) {
        Objects.requireNonNull(text, "text");
        try {
            JsonNode node = (yaml ? Json.yaml() : Json.JSON).readTree(text);
            return node == null ? Json.JSON.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw new ValidationException(SCHEMA_INVALID, "form schema text", List.of(new ValidationException.Problem("",
                    "is not readable " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()))));
        }
    }

    /** @return the definition as a JSON tree in the documented format (read back equal by {@link #fromTree}); a new node each call */
    public ObjectNode toTree() {
        return SchemaWriter.write(this);
    }

    /** @return the definition as pretty-printed JSON in the documented format; never null */
    public String toJson() {
        return toTree().toPrettyString();
    }

    /**
     * Compiles this form to a JSON Schema (draft 2020-12) that host UIs can reuse. It expresses
     * structure, types, required, lengths, patterns, options, number bounds and counts; rules it
     * cannot express (money limits, date limits and order, decimal places) are checked in Java by
     * {@link #validate(JsonNode)}.
     *
     * @return a new JSON Schema document; never null
     */
    public ObjectNode toJsonSchema() {
        return JsonSchemaCompiler.compile(this, UnknownFields.REJECT);
    }

    /**
     * @param name a field key; never null
     * @return the top-level field with that key, or null
     */
    public FormField field(String name) {
        Objects.requireNonNull(name, "name");
        for (FormField f : fields) { // a loop: every form write looks up each submitted key
            if (f.key().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * @return a validator that rejects unknown fields; compile once and reuse; thread-safe
     */
    public FormValidator validator() {
        return validator(UnknownFields.REJECT);
    }

    /**
     * @param unknownFields what to do with keys the schema does not define; never null
     * @return a new validator; thread-safe
     */
    public FormValidator validator(UnknownFields unknownFields) {
        return new FormValidator(this, fields, unknownFields);
    }

    private FormValidator cachedValidator() {
        if (VALIDATORS.size() > CACHE_LIMIT) {
            VALIDATORS.clear();
        }
        return VALIDATORS.computeIfAbsent(this, FormSchema::validator);
    }

    /**
     * Validates form data, unknown fields rejected.
     *
     * @param data the data, a JSON object; never null
     * @throws ValidationException code {@value #DATA_INVALID} with every problem, in field order
     */
    public void validate(JsonNode data) {
        cachedValidator().validate(data);
    }

    /**
     * Validates form data given as plain Java values ({@code String}, {@code Number}, {@link Money},
     * {@link java.time.LocalDate}, {@code List}, {@code Map}...).
     *
     * @param data the data; never null
     * @throws ValidationException code {@value #DATA_INVALID} with every problem, in field order
     */
    public void validate(Map<String, ?> data) {
        cachedValidator().validate(data);
    }

    /**
     * @param data the data; never null
     * @return every problem in field order; empty when the data is valid; immutable
     */
    public List<ValidationException.Problem> problems(JsonNode data) {
        return cachedValidator().problems(data);
    }

    /**
     * Validates and returns typed data; see {@link FormValidator#normalize(JsonNode)}.
     *
     * @param data the data; never null
     * @return typed values in field order, defaults applied; immutable
     * @throws ValidationException code {@value #DATA_INVALID} with every problem
     */
    public Map<String, Object> normalize(JsonNode data) {
        return cachedValidator().normalize(data);
    }

    /**
     * Validates and returns typed data; see {@link FormValidator#normalize(JsonNode)}.
     *
     * @param data the data as plain Java values; never null
     * @return typed values in field order, defaults applied; immutable
     * @throws ValidationException code {@value #DATA_INVALID} with every problem
     */
    public Map<String, Object> normalize(Map<String, ?> data) {
        return cachedValidator().normalize(data);
    }

    /**
     * Fluent definition of a {@link FormSchema}: {@code FormSchema.builder("leave").title("Leave")
     * .select("type", f -> f.required().option("annual", "Annual leave")).build()}. Not thread-safe.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder extends FieldsBuilder<Builder> {
        private final String key;
        private Integer version;
        private String title;

        Builder(String key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /** @param version the definition version; null clears it @return this builder */
        public Builder version(Integer version) {
            this.version = version;
            return this;
        }

        /** @param title the title; null means the key @return this builder */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * @return the checked schema; never null
         * @throws ValidationException code {@value FormSchema#SCHEMA_INVALID}, every problem listed
         */
        public FormSchema build() {
            return new FormSchema(key, version, title, fields());
        }
    }
}
