package dev.oakit.core.form;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Adds fields, in order, to a form ({@link FormSchema.Builder}) or columns to a table field
 * ({@link FormField.Builder}). Each method takes the key and, optionally, a spec that sets the
 * field's label and constraints: {@code .money("amount", f -> f.required().currency("CNY").max("5000.00"))}.
 * Not thread-safe.
 *
 * @param <B> the concrete builder, returned for chaining
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class FieldsBuilder<B extends FieldsBuilder<B>> {
    private final List<FormField> fields = new ArrayList<>();

    FieldsBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** @return the fields added so far, immutable */
    final List<FormField> fields() {
        return List.copyOf(fields);
    }

    /**
     * Adds a ready field.
     *
     * @param field the field; never null
     * @return this builder
     */
    public B field(FormField field) {
        fields.add(Objects.requireNonNull(field, "field"));
        return self();
    }

    /**
     * Adds a field of any type.
     *
     * @param key the key; never null
     * @param type the type; never null
     * @param spec sets label and constraints; never null
     * @return this builder
     */
    public B field(String key, FieldType type, Consumer<? super FormField.Builder> spec) {
        FormField.Builder b = new FormField.Builder(key, type);
        spec.accept(b);
        return field(b.build());
    }

    /** Adds a text field. @param key never null @param spec never null @return this builder */
    public B text(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.TEXT, spec);
    }

    /** Adds a textarea field. @param key never null @param spec never null @return this builder */
    public B textarea(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.TEXTAREA, spec);
    }

    /** Adds a number field. @param key never null @param spec never null @return this builder */
    public B number(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.NUMBER, spec);
    }

    /** Adds a money field. @param key never null @param spec never null @return this builder */
    public B money(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.MONEY, spec);
    }

    /** Adds a date field. @param key never null @param spec never null @return this builder */
    public B date(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.DATE, spec);
    }

    /** Adds a datetime field. @param key never null @param spec never null @return this builder */
    public B datetime(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.DATETIME, spec);
    }

    /** Adds a date range field. @param key never null @param spec never null @return this builder */
    public B dateRange(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.DATE_RANGE, spec);
    }

    /** Adds a single-select field. @param key never null @param spec never null (add options) @return this builder */
    public B select(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.SELECT, spec);
    }

    /** Adds a multi-select field. @param key never null @param spec never null (add options) @return this builder */
    public B multiSelect(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.MULTI_SELECT, spec);
    }

    /** Adds a user field. @param key never null @param spec never null @return this builder */
    public B user(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.USER, spec);
    }

    /** Adds a department field. @param key never null @param spec never null @return this builder */
    public B department(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.DEPARTMENT, spec);
    }

    /** Adds an attachment field. @param key never null @param spec never null @return this builder */
    public B attachment(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.ATTACHMENT, spec);
    }

    /**
     * Adds a table field; add its columns inside the spec with the same methods.
     *
     * @param key never null
     * @param spec sets the table's constraints and columns; never null
     * @return this builder
     */
    public B table(String key, Consumer<? super FormField.Builder> spec) {
        return field(key, FieldType.TABLE, spec);
    }
}
