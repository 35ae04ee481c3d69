package dev.oakit.core.form;

import org.apiguardian.api.API;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A date range as normalized form data, both ends inclusive. Immutable and thread-safe.
 *
 * @param start first day; never null
 * @param end last day, not before {@code start}; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DateRange(LocalDate start, LocalDate end) {
    /** Rejects nulls and an end before the start. */
    public DateRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }
}
