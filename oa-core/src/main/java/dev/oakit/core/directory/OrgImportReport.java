package dev.oakit.core.directory;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Objects;

/**
 * What an organisation import ({@link Directory#importOrganisation}) did, row by row: each department and user row
 * was created, updated, left unchanged or failed, with every problem of a failed row. Running the same input again
 * reports every row unchanged and changes nothing. Immutable and thread-safe.
 *
 * @param rows one entry per row of the input, departments first, then users, each in input order; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OrgImportReport(List<Row> rows) {
    /** What happened to a row. */
    public enum Outcome {
        /** the department or user did not exist and was created */
        CREATED,
        /** it existed and the row changed it */
        UPDATED,
        /** it existed as the row describes it; nothing was written */
        UNCHANGED,
        /** the row has problems (see {@link Row#errors()}); what it describes was not written, or, for a department's head, not all of it */
        FAILED
    }

    /**
     * One row.
     *
     * @param kind {@code department} or {@code user}
     * @param row 1-based number of the row: in CSV the data line (after the header), in JSON the element of its array
     * @param id the department or user id as given, or null when it had none
     * @param outcome what happened
     * @param errors the row's problems, each with its field and the fix; empty unless it failed
     */
    public record Row(String kind, int row, String id, Outcome outcome, List<ImportReport.RowError> errors) {
        /** Checks for nulls and copies the errors. */
        public Row {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
            errors = List.copyOf(errors);
        }

        @Override
        public String toString() {
            return kind + " row " + row + (id == null ? "" : " '" + id + "'") + ": " + outcome
                    + (errors.isEmpty() ? "" : " " + errors.stream().map(e -> (e.field().isEmpty() ? "" : e.field() + ": ") + e.message()).toList());
        }
    }

    /** Copies the rows. */
    public OrgImportReport {
        rows = List.copyOf(rows);
    }

    /** @return how many rows (of both kinds) had this outcome */
    public long count(Outcome outcome) {
        return rows.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** @return the failed rows, in order */
    public List<Row> failures() {
        return rows.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
    }

    /** @return whether the import wrote anything */
    public boolean changedAnything() {
        return rows.stream().anyMatch(r -> r.outcome() == Outcome.CREATED || r.outcome() == Outcome.UPDATED);
    }
}
