package dev.oakit.ticket.internal.store;

import dev.oakit.core.testing.QueryPlans;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketPlugin;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The set-up the plan tests of the ticket tables share: OAKit with the ticket plugin started on the test's database,
 * rows the test inserts in bulk, the planner's statistics of the tables taken as a database in use has them, and each
 * plan read as the database gives it (one line per row of its EXPLAIN, column=value), in lower case.
 */
final class TicketTablePlans implements AutoCloseable {
    /** Inserts a test's rows on the connection. */
    @FunctionalInterface
    interface Rows {
        void insert(Connection c) throws Exception;
    }

    private final Connection connection;
    private final Jdbi jdbi;

    private TicketTablePlans(Connection connection, Jdbi jdbi) {
        this.connection = connection;
        this.jdbi = jdbi;
    }

    /**
     * @param rows the test's rows (and anything the database needs before its statistics, such as a VACUUM)
     * @param tables the tables whose statistics are taken (H2 takes all)
     */
    static TicketTablePlans load(TestDatabase db, Rows rows, String... tables) throws Exception {
        db.start(b -> b.plugin(new TicketPlugin()));
        Connection c = db.dataSource().getConnection();
        try {
            rows.insert(c);
            QueryPlans.analyze(c, db.kind(), tables);
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return new TicketTablePlans(c, Jdbi.create(db.dataSource()));
    }

    /** @return the plan of a statement with JDBC {@code ?} parameters, given in order */
    String plan(String sql, Object... parameters) throws Exception {
        return QueryPlans.plan(connection, sql, parameters).toLowerCase(Locale.ROOT);
    }

    /** @return the plan of a repository's statement with named parameters ({@code :t}) */
    String plan(String sql, Map<String, Object> binds) {
        List<String> lines = jdbi.withHandle(h -> h.createQuery("EXPLAIN " + sql).bindMap(binds).map((rs, ctx) -> {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                line.append(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=').append(rs.getString(i)).append(' ');
            }
            return line.toString();
        }).list());
        return String.join("\n", lines).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
