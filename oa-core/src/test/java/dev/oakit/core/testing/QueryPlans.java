package dev.oakit.core.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Each database's own plan of a statement, as text, for tests that show a statement is served by
 * an index: {@code EXPLAIN} on H2, PostgreSQL and MariaDB, after the tables were analysed.
 */
public final class QueryPlans {
    private QueryPlans() {
    }

    /** Updates the planner statistics of the tables, as a database in use has them. */
    public static void analyze(Connection c, TestDatabase.Kind kind, String... tables) throws Exception {
        try (Statement s = c.createStatement()) {
            if (kind == TestDatabase.Kind.H2) {
                s.execute("ANALYZE");
                return;
            }
            for (String table : tables) {
                s.execute(kind == TestDatabase.Kind.POSTGRESQL ? "ANALYZE " + table : "ANALYZE TABLE " + table);
            }
        }
    }

    /**
     * @param sql the statement with JDBC {@code ?} parameters
     * @param parameters their values, in order
     * @return the database's plan of the statement, one line per row of EXPLAIN's result, column=value
     */
    public static String plan(Connection c, String sql, Object... parameters) throws Exception {
        try (PreparedStatement p = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        line.append(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=').append(rs.getString(i)).append(' ');
                    }
                    lines.add(line.toString());
                }
            }
            return String.join("\n", lines);
        }
    }
}
