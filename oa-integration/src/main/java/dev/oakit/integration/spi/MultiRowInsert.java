package dev.oakit.integration.spi;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows inserted with one multi-row {@code INSERT ... VALUES (...), (...)}: one statement on the server too, where a
 * JDBC batch is one per row unless the driver rewrites it (PostgreSQL's {@code reWriteBatchedInserts}, MariaDB's
 * {@code rewriteBatchedStatements}). For pages of synced records. Rows past {@value #MAX_PARAMETERS} parameters go
 * into a further statement (the servers' limit is 65,535). Not thread-safe; use once.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MultiRowInsert {
    /** The most bound values in one statement. */
    public static final int MAX_PARAMETERS = 30_000;

    private final String table;
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    private MultiRowInsert(String table, List<String> columns) {
        this.table = Checks.text("table", table, 64);
        this.columns = List.copyOf(columns);
    }

    /** @return an insert into {@code table} of these columns, no row yet */
    public static MultiRowInsert into(String table, String... columns) {
        return new MultiRowInsert(table, Arrays.asList(columns));
    }

    /** Adds a row: one value per column, in the columns' order (null allowed). @return this */
    public MultiRowInsert row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + table + " has " + columns.size() + " values " + columns + ", was " + values.length);
        }
        rows.add(values.clone());
        return this;
    }

    /** @return the rows added */
    public int size() {
        return rows.size();
    }

    /** Inserts the rows; nothing when there are none. @return the statements run */
    public int execute(Handle h) {
        int perStatement = Math.max(1, MAX_PARAMETERS / columns.size());
        int statements = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(String.join(", ", columns)).append(") VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(" : ", (");
                for (int c = 0; c < columns.size(); c++) {
                    sql.append(c == 0 ? "?" : ", ?");
                }
                sql.append(')');
            }
            Update insert = h.createUpdate(sql.toString());
            int p = 0;
            for (Object[] row : chunk) {
                for (Object v : row) {
                    insert.bind(p++, v);
                }
            }
            insert.execute();
            statements++;
        }
        return statements;
    }
}
