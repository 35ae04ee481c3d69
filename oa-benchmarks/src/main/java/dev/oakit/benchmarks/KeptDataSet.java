package dev.oakit.benchmarks;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The record of a kept data set ({@code bench.keep=<name>}): one row of table {@code bench_dataset} in its schema or H2
 * file, written once the load finished, holding what made it: the schema (every applied migration of every module:
 * history table, version, description, checksum), the loader's row shape ({@link TicketLoader#SHAPE}), the size (tickets,
 * queues, agents) and the load's moment (the reports' ranges end there). A later run reuses the set only when all of
 * them match what it would load; otherwise it refuses, naming what differs.
 */
final class KeptDataSet {
    static final String TABLE = "bench_dataset";

    /** What a data set was made by, and when. */
    record Made(String schema, int shape, int tickets, int queues, int agents, Instant loadedAt) {
        /**
         * @return nothing when {@code this} (the kept set) can stand for {@code wanted}; otherwise what differs, and the fix
         */
        Optional<String> mismatch(Made wanted, String name) {
            List<String> diff = new ArrayList<>();
            if (!schema.equals(wanted.schema)) {
                diff.add("schema migrations differ (kept: " + schema + "; this build: " + wanted.schema + ")");
            }
            if (shape != wanted.shape) {
                diff.add("loader shape " + shape + ", this build writes shape " + wanted.shape);
            }
            if (tickets != wanted.tickets || queues != wanted.queues || agents != wanted.agents) {
                diff.add(String.format(Locale.ROOT, "tickets/queues/agents %d/%d/%d, asked %d/%d/%d", tickets, queues, agents,
                        wanted.tickets, wanted.queues, wanted.agents));
            }
            return diff.isEmpty() ? Optional.empty() : Optional.of("bench.keep=" + name + ": the kept data set does not match this run: "
                    + String.join("; ", diff) + ". Use another bench.keep name, or drop it (bench.drop=true) to load it again.");
        }
    }

    private KeptDataSet() {
    }

    /** @return the record of the data set in this database, if a load finished there */
    static Optional<Made> read(Connection c) throws SQLException {
        if (!hasTable(c, TABLE)) {
            return Optional.empty();
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT schema_migrations, shape, tickets, queues, agents, loaded_at FROM " + TABLE)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Made(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                    Instant.ofEpochSecond(rs.getLong(6))));
        }
    }

    /** Writes the record once the load finished (the set counts as kept only from then on). */
    static void write(Connection c, Made m) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " (schema_migrations VARCHAR(20000) NOT NULL, shape INT NOT NULL, tickets INT NOT NULL,"
                    + " queues INT NOT NULL, agents INT NOT NULL, loaded_at BIGINT NOT NULL)");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, m.schema());
            p.setInt(2, m.shape());
            p.setInt(3, m.tickets());
            p.setInt(4, m.queues());
            p.setInt(5, m.agents());
            p.setLong(6, m.loadedAt().getEpochSecond());
            p.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** @return whether this database holds any table (a set whose load did not finish, when it has no record) */
    static boolean hasTables(Connection c) throws SQLException {
        try (ResultSet rs = tables(c, "%")) {
            return rs.next();
        }
    }

    /**
     * @return every applied migration of every module ({@code oa_*_schema_history}), as {@code table:version:checksum}
     *     sorted, joined by {@code ,}
     */
    static String schema(Connection c) throws SQLException {
        List<String> history = new ArrayList<>();
        try (ResultSet rs = tables(c, "%")) {
            while (rs.next()) {
                String t = rs.getString("TABLE_NAME");
                if (t.toLowerCase(Locale.ROOT).matches("oa_.*_schema_history")) {
                    history.add(t);
                }
            }
        }
        TreeSet<String> applied = new TreeSet<>();
        for (String t : history) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT \"version\", \"checksum\" FROM \"" + t + "\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
                while (rs.next()) {
                    applied.add(t.toLowerCase(Locale.ROOT) + ":" + rs.getString(1) + ":" + rs.getString(2));
                }
            }
        }
        return String.join(",", applied);
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (ResultSet rs = tables(c, name)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The tables of the connection's current schema. */
    private static ResultSet tables(Connection c, String pattern) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        boolean upper = md.storesUpperCaseIdentifiers();
        return md.getTables(null, schema, upper ? pattern.toUpperCase(Locale.ROOT) : pattern, new String[]{"TABLE"});
    }

}
