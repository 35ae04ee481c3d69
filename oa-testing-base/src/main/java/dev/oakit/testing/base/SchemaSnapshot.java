package dev.oakit.testing.base;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a schema holds, as far as a test could tell one schema from another: every table, column (type, nullability,
 * default), index, constraint, sequence (and where it stands), identity counter, view, routine and trigger; which
 * tables have rows; and the rows of those that had rows right after migration (Flyway's history tables). Two
 * snapshots that are equal describe schemas no test can tell apart, which is what lets {@link MigratedSchemas} hand a
 * used schema to the next test only after {@link #clean} brought it back to the snapshot taken after migration.
 *
 * <p>H2 writes its whole database out as a script ({@code SCRIPT}: structure, identity counters, rows, a column's
 * selectivity), so there the script and the database's settings are the snapshot; PostgreSQL and MariaDB are read
 * from their catalogs, planner statistics included.
 */
record SchemaSnapshot(Set<String> tablesWithRows, String fingerprint) {

    /** @return the snapshot of the schema {@code name} on {@code database}, read over {@code c} */
    static SchemaSnapshot take(Connection c, Database database, String name) throws SQLException {
        Set<String> withRows = tablesWithRows(c, database, name);
        StringBuilder f = new StringBuilder();
        if (database == Database.H2) {
            lines(c, "SCRIPT NOPASSWORDS NOSETTINGS", f);
            // the database's settings (its MODE, say), which SCRIPT leaves out; not the build's and JVM's facts
            lines(c, "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME NOT LIKE 'info.%' "
                    + "AND SETTING_NAME NOT LIKE 'property.%' ORDER BY 1", f);
        } else {
            for (String q : catalogQueries(database)) {
                lines(c, q.replace("?", "'" + name + "'"), f);
            }
            for (String t : withRows) {
                f.append("rows of ").append(t).append('\n');
                sortedRows(c, "SELECT * FROM " + quote(database, t), f);
            }
            statistics(c, database, name, withRows, f);
        }
        return new SchemaSnapshot(withRows, f.toString());
    }

    /**
     * Empties the tables that the migrated schema had empty and winds back identity counters and sequences, so that a
     * schema a test used looks as migrated again (which {@link #take} then checks; what cannot be wound back, such as
     * a changed column or a row in a history table, stays different and the schema is dropped instead).
     */
    static void clean(Connection c, Database database, String name, SchemaSnapshot migrated) throws SQLException {
        Set<String> dirty = tablesWithRows(c, database, name);
        dirty.removeAll(migrated.tablesWithRows());
        try (Statement s = c.createStatement()) {
            switch (database) {
                case H2 -> {
                    s.execute("SET REFERENTIAL_INTEGRITY FALSE");
                    try {
                        for (String t : tables(c, database, name)) {
                            if (!migrated.tablesWithRows().contains(t)) {
                                s.execute("TRUNCATE TABLE " + quote(database, t) + " RESTART IDENTITY");
                            }
                        }
                    } finally {
                        s.execute("SET REFERENTIAL_INTEGRITY TRUE");
                    }
                }
                case POSTGRESQL -> {
                    s.execute("SET lock_timeout = '10s'");
                    if (!dirty.isEmpty()) {
                        s.execute("TRUNCATE " + String.join(", ", dirty.stream().map(t -> quote(database, t)).toList()) + " CASCADE");
                    }
                    for (String seq : column(c, "SELECT sequencename FROM pg_sequences WHERE schemaname = '" + name
                            + "' AND last_value IS NOT NULL")) {
                        s.execute("ALTER SEQUENCE " + quote(database, seq) + " RESTART");
                    }
                }
                case MARIADB -> {
                    s.execute("SET SESSION lock_wait_timeout = 10");
                    s.execute("SET FOREIGN_KEY_CHECKS = 0");
                    try {
                        // DELETE, not TRUNCATE: InnoDB's TRUNCATE makes each table's file anew, far slower for a few rows
                        c.setAutoCommit(false); // one commit for all the tables
                        for (String t : dirty) {
                            s.execute("DELETE FROM " + quote(database, t));
                        }
                        c.commit();
                        c.setAutoCommit(true);
                        // InnoDB recounts a table's persistent statistics in the background once a tenth of its rows
                        // changed; counting the emptied tables now makes them those of an empty table whenever that runs
                        if (!dirty.isEmpty()) {
                            s.execute("ANALYZE TABLE " + String.join(", ", dirty.stream().map(t -> quote(database, t)).toList()));
                        }
                        for (String t : column(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + name
                                + "' AND AUTO_INCREMENT > 1")) {
                            s.execute("ALTER TABLE " + quote(database, t) + " AUTO_INCREMENT = 1");
                        }
                    } finally {
                        s.execute("SET FOREIGN_KEY_CHECKS = 1");
                    }
                }
            }
        }
    }

    /**
     * Appends the planner statistics kept for the schema's empty tables (the tables with rows hold what the migration
     * wrote, and a statistic of them, such as autovacuum's, tells no test anything): an {@code ANALYZE} of a table a
     * test filled outlives the rows, so the next test's plans would depend on the order tests ran in. H2's
     * {@code SCRIPT} already shows a column's selectivity.
     */
    private static void statistics(Connection c, Database database, String name, Set<String> withRows, StringBuilder into)
            throws SQLException {
        String q = "'" + name + "'";
        List<String> queries = database == Database.POSTGRESQL
                ? List.of("SELECT tablename, 'columns', COUNT(*) FROM pg_stats WHERE schemaname = " + q + " GROUP BY 1 ORDER BY 1",
                        "SELECT tablename, 'extended', COUNT(*) FROM pg_stats_ext WHERE schemaname = " + q + " GROUP BY 1 ORDER BY 1")
                : List.of("SELECT table_name, 'innodb', n_rows FROM mysql.innodb_table_stats WHERE database_name = " + q
                                + " AND n_rows > 0 ORDER BY 1",
                        "SELECT table_name, 'table', cardinality FROM mysql.table_stats WHERE db_name = " + q + " ORDER BY 1",
                        "SELECT table_name, 'columns', COUNT(*) FROM mysql.column_stats WHERE db_name = " + q + " GROUP BY 1 ORDER BY 1");
        for (String sql : queries) {
            StringBuilder rows = new StringBuilder();
            lines(c, sql, rows);
            rows.toString().lines().filter(r -> !withRows.contains(r.substring(0, r.indexOf('|'))))
                    .forEach(r -> into.append("statistics of ").append(r).append('\n'));
        }
    }

    /** @return the first difference of two snapshots, for a log line */
    String differenceFrom(SchemaSnapshot other) {
        if (!tablesWithRows.equals(other.tablesWithRows)) {
            Set<String> extra = new TreeSet<>(tablesWithRows);
            extra.removeAll(other.tablesWithRows);
            return "tables with rows differ (" + (extra.isEmpty() ? "missing " + other.tablesWithRows : "also " + extra) + ")";
        }
        String[] a = fingerprint.split("\n", -1);
        String[] b = other.fingerprint.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "'" + a[i] + "' where migrated had '" + b[i] + "'";
            }
        }
        return a.length == b.length ? "none" : "length " + a.length + " where migrated had " + b.length;
    }

    /** The catalog queries of PostgreSQL / MariaDB, {@code ?} standing for the schema's name. */
    private static List<String> catalogQueries(Database database) {
        return switch (database) {
            case H2 -> List.of();
            case POSTGRESQL -> List.of(
                    "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? ORDER BY 1, 2",
                    "SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, "
                            + "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                            + "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                            + "WHERE n.nspname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2",
                    "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = ? ORDER BY 1, 2",
                    "SELECT r.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                            + "LEFT JOIN pg_class r ON r.oid = c.conrelid WHERE n.nspname = ? ORDER BY 1, 2",
                    "SELECT sequencename, data_type, start_value, increment_by, cycle, last_value FROM pg_sequences WHERE schemaname = ? ORDER BY 1",
                    "SELECT viewname, definition FROM pg_views WHERE schemaname = ? ORDER BY 1",
                    "SELECT p.proname, pg_get_function_identity_arguments(p.oid), md5(coalesce(p.prosrc, '')) FROM pg_proc p "
                            + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? ORDER BY 1, 2",
                    "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal ORDER BY 1, 2",
                    "SELECT t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? ORDER BY 1");
            case MARIADB -> List.of(
                    "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, AUTO_INCREMENT, CREATE_OPTIONS FROM information_schema.TABLES "
                            + "WHERE TABLE_SCHEMA = ? ORDER BY 1",
                    "SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLLATION_NAME, "
                            + "GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2",
                    "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, SUB_PART, INDEX_TYPE FROM information_schema.STATISTICS "
                            + "WHERE TABLE_SCHEMA = ? ORDER BY 1, 2, 3",
                    "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? ORDER BY 1, 2, 3",
                    "SELECT TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
                            + "FROM information_schema.KEY_COLUMN_USAGE WHERE CONSTRAINT_SCHEMA = ? ORDER BY 1, 2, 3",
                    "SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                            + "WHERE CONSTRAINT_SCHEMA = ? ORDER BY 1, 2",
                    "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? ORDER BY 1, 2",
                    "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY 1",
                    "SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY 1, 2",
                    "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1, 2");
        };
    }

    /** @return the schema's tables (not views) */
    private static List<String> tables(Connection c, Database database, String name) throws SQLException {
        return column(c, switch (database) {
            case H2 -> "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1";
            case POSTGRESQL -> "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + name
                    + "' AND c.relkind IN ('r', 'p') ORDER BY 1";
            case MARIADB -> "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + name + "' AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1";
        });
    }

    /** @return the tables that hold at least one row, asked in one statement */
    private static Set<String> tablesWithRows(Connection c, Database database, String name) throws SQLException {
        List<String> tables = tables(c, database, name);
        if (tables.isEmpty()) {
            return new TreeSet<>();
        }
        String from = database == Database.MARIADB ? " FROM DUAL" : "";
        List<String> parts = new ArrayList<>();
        for (String t : tables) {
            parts.add("SELECT '" + t.replace("'", "''") + "'" + from + " WHERE EXISTS (SELECT 1 FROM " + quote(database, t) + ")");
        }
        return new TreeSet<>(column(c, String.join(" UNION ALL ", parts)));
    }

    private static String quote(Database database, String identifier) {
        return database == Database.MARIADB ? "`" + identifier.replace("`", "``") + "`" : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void lines(Connection c, String sql, StringBuilder into) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    into.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                into.append('\n');
            }
        }
    }

    /** Rows in a stable order whatever order the database returns them in. */
    private static void sortedRows(Connection c, String sql, StringBuilder into) throws SQLException {
        StringBuilder all = new StringBuilder();
        lines(c, sql, all);
        all.toString().lines().sorted().forEach(r -> into.append(r).append('\n'));
    }
}
