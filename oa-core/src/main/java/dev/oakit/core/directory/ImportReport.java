package dev.oakit.core.directory;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Objects;

/**
 * What a bulk import did: how many rows were imported and, for every row that was not, why.
 * Each row is imported in its own transaction, completely or not at all. Immutable and thread-safe.
 *
 * @param rowsImported rows created or updated
 * @param failures one entry per problem of a failed row (a row may have several), in row order; never null, immutable
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImportReport(int rowsImported, List<RowError> failures) {
    /**
     * One problem of one row.
     *
     * @param row 1-based number of the record in the input: the first array element in JSON, the first line after the header in CSV
     * @param userId the row's user id as given, or null when it had none
     * @param field the field (JSON key or CSV column, with a path such as {@code attributes.level}); empty for the whole row
     * @param message what is wrong and how to fix it
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record RowError(int row, String userId, String field, String message) {
        /** Checks for nulls. */
        public RowError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return "row " + row + (userId == null ? "" : " (user '" + userId + "')") + (field.isEmpty() ? "" : " " + field) + ": " + message;
        }
    }

    /** Copies the failures. */
    public ImportReport {
        failures = List.copyOf(failures);
    }

    /** @return how many distinct rows failed */
    public int rowsFailed() {
        return (int) failures.stream().mapToInt(RowError::row).distinct().count();
    }
}
