package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates form data against one {@link FormSchema}; compiled once, reuse it. Obtain one from
 * {@link FormSchema#validator()}. Absent or null fields with a default take the default first.
 * Every problem is reported at once, one per path, in field order, with a message that says what
 * to do ({@code items[2].amount: must be at most 5000.00 CNY}). Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FormValidator {
    private final FormSchema schema;
    private final UnknownFields unknownFields;
    private final FormEngine engine;

    FormValidator(FormSchema schema, List<FormField> fields, UnknownFields unknownFields) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.unknownFields = Objects.requireNonNull(unknownFields, "unknownFields");
        this.engine = FormEngines.of("data of form '" + schema.key() + "'", fields, unknownFields);
    }

    /** @return the schema this validator checks against; never null */
    public FormSchema schema() {
        return schema;
    }

    /** @return what this validator does with unknown keys; never null */
    public UnknownFields unknownFields() {
        return unknownFields;
    }

    /**
     * @param data the form data; a non-object gives one problem at the empty path; never null
     * @return every problem in field order; empty when valid; immutable
     */
    public List<Problem> problems(JsonNode data) {
        return engine.problems(Objects.requireNonNull(data, "data"));
    }

    /**
     * @param data the form data as plain Java values; never null
     * @return every problem in field order; empty when valid; immutable
     */
    public List<Problem> problems(Map<String, ?> data) {
        return problems(Json.toTree(Objects.requireNonNull(data, "data")));
    }

    /**
     * @param data the form data; never null
     * @throws ValidationException code {@value FormSchema#DATA_INVALID} listing every problem
     */
    public void validate(JsonNode data) {
        engine.validate(Objects.requireNonNull(data, "data"));
    }

    /**
     * @param data the form data as plain Java values; never null
     * @throws ValidationException code {@value FormSchema#DATA_INVALID} listing every problem
     */
    public void validate(Map<String, ?> data) {
        validate(Json.toTree(Objects.requireNonNull(data, "data")));
    }

    /**
     * Validates, applies defaults and returns typed values: {@code String} (text, textarea, select,
     * user, department), {@code Long} (number with scale 0) or {@code BigDecimal} (other numbers),
     * {@link Money}, {@link java.time.LocalDate}, {@link java.time.LocalDateTime}, {@link DateRange},
     * {@code List<String>} (multiSelect), {@link AttachmentRef}, {@code List<Map<String, Object>>}
     * (table rows). Absent fields without a default are absent from the map; unknown keys are dropped.
     *
     * @param data the form data; never null
     * @return typed values in field order; immutable
     * @throws ValidationException code {@value FormSchema#DATA_INVALID} listing every problem
     */
    public Map<String, Object> normalize(JsonNode data) {
        return engine.normalize(Objects.requireNonNull(data, "data"));
    }

    /**
     * Same as {@link #normalize(JsonNode)} for plain Java values.
     *
     * @param data the form data; never null
     * @return typed values in field order; immutable
     * @throws ValidationException code {@value FormSchema#DATA_INVALID} listing every problem
     */
    public Map<String, Object> normalize(Map<String, ?> data) {
        return normalize(Json.toTree(Objects.requireNonNull(data, "data")));
    }
}
