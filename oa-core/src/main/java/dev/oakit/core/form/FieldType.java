package dev.oakit.core.form;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The type of a form field. Each type has a stable {@link #jsonName()} used in JSON/YAML
 * definitions ({@code type: dateRange}). Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FieldType {
    /** Single-line text: a JSON string. */
    TEXT("text"),
    /** Multi-line text (textarea): a JSON string. */
    TEXTAREA("textarea"),
    /** A number; {@code scale} 0 means integer, n means at most n decimal places, absent means any. */
    NUMBER("number"),
    /** An amount with a currency: {@code {"amount":"1200.50","currency":"CNY"}}; scale 2 by default. */
    MONEY("money"),
    /** A calendar date: {@code "2024-05-01"}. */
    DATE("date"),
    /** A local date and time: {@code "2024-05-01T09:30"} or with seconds. */
    DATETIME("datetime"),
    /** A date range: {@code {"start":"2024-05-01","end":"2024-05-03"}}, start on or before end. */
    DATE_RANGE("dateRange"),
    /** One option value, a JSON string from the field's options. */
    SELECT("select"),
    /** Several distinct option values, a JSON array of strings. */
    MULTI_SELECT("multiSelect"),
    /** A user id, a non-empty JSON string. */
    USER("user"),
    /** A department id, a non-empty JSON string. */
    DEPARTMENT("department"),
    /** An attachment reference: a non-empty string, or {@code {"id":..,"name":..,"size":..}} with id required. */
    ATTACHMENT("attachment"),
    /** Rows of nested fields (columns): a JSON array of objects; each row is validated like a small form. */
    TABLE("table");

    private final String jsonName;

    FieldType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name used in JSON/YAML definitions, e.g. {@code dateRange}; never null */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Finds a type by its JSON name.
     *
     * @param jsonName the name used in definitions, e.g. {@code multiSelect}; never null
     * @return the type, or empty if no type has that name
     */
    public static Optional<FieldType> fromJsonName(String jsonName) {
        Objects.requireNonNull(jsonName, "jsonName");
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(jsonName)).findFirst();
    }

    /** @return true for number, money, date, datetime, dateRange, multiSelect and table, which take min/max */
    boolean takesMinMax() {
        return switch (this) {
            case NUMBER, MONEY, DATE, DATETIME, DATE_RANGE, MULTI_SELECT, TABLE -> true;
            default -> false;
        };
    }

    /** @return true for text and textarea, which take minLength/maxLength/pattern */
    boolean isText() {
        return this == TEXT || this == TEXTAREA;
    }
}
