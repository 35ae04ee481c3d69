package dev.oakit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows written as a bulk import does: one {@code INSERT .. VALUES (..), (..), ..} of many rows per statement (one parse
 * and one round trip for a few hundred rows, where a JDBC batch of single-row inserts runs each row on its own on H2).
 * Not thread-safe; {@link #flush()} writes what is buffered, the caller commits.
 */
final class MultiRowInsert implements AutoCloseable {
    private final Connection c;
    private final String head;
    private final String row;
    private final int perRow;
    private final int rows;
    private final List<Object> values = new ArrayList<>();
    private PreparedStatement full;

    /**
     * @param head {@code INSERT INTO table (columns) VALUES}
     * @param row one row's values, with {@code ?} for each value {@link #add} gives: {@code (?, ?, 'it', ?)}
     * @param rows rows per statement
     */
    MultiRowInsert(Connection c, String head, String row, int rows) {
        this.c = c;
        this.head = head;
        this.row = row;
        this.perRow = (int) row.chars().filter(ch -> ch == '?').count();
        this.rows = rows;
    }

    /** Buffers one row (its {@code ?} values in order; null for SQL NULL), writing the buffer once it holds a statement's rows. */
    void add(Object... v) throws SQLException {
        if (v.length != perRow) {
            throw new IllegalArgumentException("a row of " + head + " takes " + perRow + " values, not " + v.length);
        }
        Collections.addAll(values, v);
        if (values.size() == perRow * rows) {
            flush();
        }
    }

    /** Writes the buffered rows. */
    void flush() throws SQLException {
        int n = values.size() / perRow;
        if (n == 0) {
            return;
        }
        if (n == rows && full == null) {
            full = c.prepareStatement(sql(rows));
        }
        PreparedStatement p = n == rows ? full : c.prepareStatement(sql(n));
        try {
            for (int i = 0; i < values.size(); i++) {
                p.setObject(i + 1, values.get(i));
            }
            p.executeUpdate();
        } finally {
            if (p != full) {
                p.close();
            }
        }
        values.clear();
    }

    private String sql(int n) {
        return head + " " + String.join(", ", Collections.nCopies(n, row));
    }

    @Override
    public void close() throws SQLException {
        if (full != null) {
            full.close();
        }
    }
}
