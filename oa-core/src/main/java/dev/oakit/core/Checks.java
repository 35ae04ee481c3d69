package dev.oakit.core;

import org.apiguardian.api.API;

import java.util.Collection;

/**
 * Input checks shared by every public entry point, so that null, blank and over-long values get
 * the same clear {@link ValidationException} naming the field, never a {@code NullPointerException}
 * or a raw SQL error.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Checks {
    /** Maximum length of ids (tenant, user, department, keys). */
    public static final int MAX_ID_LENGTH = 64;

    private Checks() {
    }

    /**
     * @return {@code value} if it is non-null, non-blank and at most {@value #MAX_ID_LENGTH} characters
     * @throws ValidationException naming {@code field} otherwise
     */
    public static String id(String field, String value) {
        return text(field, value, MAX_ID_LENGTH);
    }

    /**
     * @return {@code value} if it is non-null, non-blank and at most {@code maxLength} characters
     * @throws ValidationException naming {@code field} otherwise
     */
    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            throw ValidationException.of(field, "is required (was null)");
        }
        if (value.isBlank()) {
            throw ValidationException.of(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw ValidationException.of(field, "must be at most " + maxLength + " characters (was " + value.length() + ")");
        }
        return value;
    }

    /**
     * @return {@code value} if non-null and at most {@code maxLength} characters (blank allowed); null stays null
     * @throws ValidationException naming {@code field} if too long
     */
    public static String optionalText(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw ValidationException.of(field, "must be at most " + maxLength + " characters (was " + value.length() + ")");
        }
        return value;
    }

    /**
     * @return {@code value} if non-null
     * @throws ValidationException naming {@code field} if null
     */
    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw ValidationException.of(field, "is required (was null)");
        }
        return value;
    }

    /**
     * @return {@code value} if non-null and without null elements
     * @throws ValidationException naming {@code field} otherwise
     */
    public static <C extends Collection<?>> C elements(String field, C value) {
        notNull(field, value);
        int i = 0;
        for (Object o : value) {
            if (o == null) {
                throw ValidationException.of(field + "[" + i + "]", "must not be null");
            }
            i++;
        }
        return value;
    }
}
