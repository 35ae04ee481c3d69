package dev.oakit.integration.mapping;

import org.apiguardian.api.API;

import java.util.Locale;
import java.util.Optional;

/**
 * The types a mapping speaks, on both sides: the local schema declares them, transforms read and
 * produce them, and a connector's {@link dev.oakit.integration.spi.RemoteMetadata} reports remote
 * fields in them.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FieldType {
    /** Text. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** An exact decimal number (read as {@link java.math.BigDecimal}, never as a double). */
    DECIMAL,
    /** True or false. */
    BOOLEAN,
    /** A calendar date, ISO {@code 2026-03-01} on the local side. */
    DATE,
    /** An instant, ISO {@code 2026-03-01T08:00:00Z} on the local side. */
    DATETIME,
    /** A nested object. */
    OBJECT,
    /** A list of lines (objects), each mapped by the rule's own fields. */
    LIST;

    /** @return the type named in lower case in a mapping document ({@code string}, {@code decimal}, ...) */
    public static Optional<FieldType> named(String name) {
        for (FieldType t : values()) {
            if (t.label().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** @return the name a mapping document uses */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return whether a field of this type takes a value of type {@code produced}: the same type, a whole
     *     number where a decimal goes, a date or date-time written as text where text goes
     */
    public boolean accepts(FieldType produced) {
        return this == produced || this == DECIMAL && produced == INTEGER || this == STRING && (produced == DATE || produced == DATETIME);
    }
}
