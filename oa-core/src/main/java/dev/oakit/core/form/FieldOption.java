package dev.oakit.core.form;

import org.apiguardian.api.API;

import java.util.Objects;

/**
 * One option of a select or multi-select field: the stored {@code value} and the {@code label}
 * shown to users. Immutable and thread-safe.
 *
 * @param value the value stored in form data; never null
 * @param label the text shown to users; never null (defaults to the value when null is given)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FieldOption(String value, String label) {
    /** Rejects a null value; a null label becomes the value. */
    public FieldOption {
        Objects.requireNonNull(value, "value");
        label = label == null ? value : label;
    }

    /**
     * @param value the stored value; never null
     * @return an option whose label is its value
     */
    public static FieldOption of(String value) {
        return new FieldOption(value, value);
    }
}
