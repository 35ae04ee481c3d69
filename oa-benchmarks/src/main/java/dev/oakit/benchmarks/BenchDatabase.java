package dev.oakit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.testing.base.DelegatingDataSource;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * One fresh, empty database for one engine: a distinct H2 database (in memory, or in files), a new schema on a
 * PostgreSQL server or a new database on a MariaDB server (dropped on close). Gives a pooled data source wrapped in a statement counter.
 */
final class BenchDatabase implements AutoCloseable {
    /** Where a PostgreSQL server is: JDBC URL of an existing database, user, password. */
    record Server(String url, String user, String password) {
        /** @return the PostgreSQL server of {@code -Dbench.pg.url/user/password} [jdbc:postgresql://127.0.0.1:5432/test, postgres, ""] */
        static Server postgresqlFromProperties() {
            return new Server(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                    System.getProperty("bench.pg.user", "postgres"), System.getProperty("bench.pg.password", ""));
        }

        /** @return the MariaDB server of {@code -Dbench.maria.url/user/password} [jdbc:mariadb://127.0.0.1:3306/test, root, ""] */
        static Server mariadbFromProperties() {
            return new Server(System.getProperty("bench.maria.url", "jdbc:mariadb://127.0.0.1:3306/test"),
                    System.getProperty("bench.maria.user", "root"), System.getProperty("bench.maria.password", ""));
        }
    }

    private final String label;
    private final String schema;
    private final Server server;
    private final boolean mariadb;
    private final HikariDataSource pool;
    private final CountingDataSource counting;
    private final Switch engines;
    /** The folder of a file-backed H2 database, deleted on close; null otherwise. */
    private java.nio.file.Path files;
    /** A kept data set: its schema (PostgreSQL) or files (H2) stay after close, for later runs. */
    private boolean kept;

    private BenchDatabase(String label, String schema, Server server, String url, String user, String password, int poolSize) {
        this(label, schema, server, false, url, user, password, poolSize);
    }

    private BenchDatabase(String label, String schema, Server server, boolean mariadb, String url, String user, String password, int poolSize) {
        this.label = label;
        this.schema = schema;
        this.server = server;
        this.mariadb = mariadb;
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(poolSize);
        c.setPoolName("bench-" + label + "-" + schema);
        this.pool = new HikariDataSource(c);
        this.counting = new CountingDataSource(pool);
        this.engines = new Switch();
    }

    /**
     * What the engines get: the pool itself, or the statement counter while {@link #counting(boolean)}
     * is on. The counter is a reflective proxy around every JDBC call, whose cost would be measured
     * as the engines' own, so throughput is measured without it.
     */
    private final class Switch extends DelegatingDataSource {
        volatile boolean counted;

        @Override
        protected DataSource target() {
            return counted ? counting : pool;
        }
    }

    /** A distinct in-memory H2 database. */
    static BenchDatabase h2(String engine, int poolSize) {
        String name = engine + "_" + suffix();
        return new BenchDatabase("h2", name, null, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64", "sa", "", poolSize);
    }

    /**
     * A distinct H2 database in files under a new temporary folder (deleted on close): for runs whose rows would not fit
     * in the heap (H2 in memory keeps every table there).
     */
    static BenchDatabase h2File(String engine, int poolSize) throws java.io.IOException {
        String name = engine + "_" + suffix();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("oakit-bench-h2-");
        BenchDatabase db = new BenchDatabase("h2", name, null, "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64", "sa", "", poolSize);
        db.files = dir;
        return db;
    }

    /**
     * A kept H2 database in files, {@code dir/name}: made on first use, left in place on close for later runs.
     *
     * @param name letters, digits and {@code _}, at most 40
     */
    static BenchDatabase h2Kept(java.nio.file.Path dir, String name, int poolSize) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        // a 512 MB page cache: the kept set is read and written through it, ~14 indexes of the ticket table among them
        BenchDatabase db = new BenchDatabase("h2", keptName(name), null, "jdbc:h2:file:" + dir.resolve(keptName(name)).toAbsolutePath()
                + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64;CACHE_SIZE=524288", "sa", "", poolSize);
        db.kept = true;
        return db;
    }

    /**
     * A kept schema {@code bench_keep_<name>} on a PostgreSQL server: made on first use, left in place on close.
     *
     * @param name letters, digits and {@code _}, at most 40
     */
    static BenchDatabase postgresqlKept(String label, Server server, String name, int poolSize) throws SQLException {
        String schema = "bench_keep_" + keptName(name);
        exec(server, "CREATE SCHEMA IF NOT EXISTS " + schema);
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        BenchDatabase db = new BenchDatabase(label, schema, server, url, server.user(), server.password(), poolSize);
        db.kept = true;
        return db;
    }

    /** @return the kept data set's name, checked (it becomes part of a schema or file name) */
    static String keptName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("bench.keep must be 1 to 40 letters, digits or '_' (it names a schema or a file), was '"
                    + name + "'");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Drops the kept data set {@code name} of this engine ({@code server} null: H2 files under {@code dir}), if there is one. */
    static void dropKept(Server server, java.nio.file.Path dir, String name) throws SQLException, java.io.IOException {
        if (server != null) {
            exec(server, "DROP SCHEMA IF EXISTS bench_keep_" + keptName(name) + " CASCADE");
        } else {
            for (String ext : new String[]{".mv.db", ".trace.db"}) {
                java.nio.file.Files.deleteIfExists(dir.resolve(keptName(name) + ext));
            }
        }
    }

    /** @return whether this is a kept data set (not dropped on close) */
    boolean kept() {
        return kept;
    }

    /** A new schema on a PostgreSQL server, made the connections' current schema. */
    static BenchDatabase postgresql(String label, Server server, String engine, int poolSize) throws SQLException {
        String schema = "bench_" + engine + "_" + suffix();
        exec(server, "CREATE SCHEMA " + schema);
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new BenchDatabase(label, schema, server, url, server.user(), server.password(), poolSize);
    }

    /** A new database on a MariaDB server ({@code server.url()} names an existing one on it), dropped on close. */
    static BenchDatabase mariadb(String label, Server server, String engine, int poolSize) throws SQLException {
        String database = "bench_" + engine + "_" + suffix();
        exec(server, "CREATE DATABASE " + database);
        String base = server.url().contains("?") ? server.url().substring(0, server.url().indexOf('?')) : server.url();
        String url = base.substring(0, base.lastIndexOf('/') + 1) + database;
        return new BenchDatabase(label, database, server, true, url, server.user(), server.password(), poolSize);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void exec(Server s, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** @return the pooled data source the engines use: through the statement counter only while counting */
    DataSource dataSource() {
        return engines;
    }

    /** @return the statement counter (it sees only connections taken while counting is on) */
    CountingDataSource counter() {
        return counting;
    }

    /** Turns counting on or off for connections taken from now on. */
    void counting(boolean on) {
        engines.counted = on;
    }

    /** @return the raw pool, without counting */
    DataSource rawDataSource() {
        return pool;
    }

    /** @return the schema name on PostgreSQL (null on H2) */
    String schema() {
        return server == null ? null : schema;
    }

    boolean isPostgresql() {
        return server != null && !mariadb;
    }

    /** @return number of tables in this database (H2: schema PUBLIC) or schema (PostgreSQL) */
    int tableCount() throws SQLException {
        return tables().size();
    }

    private java.util.List<String> tables() throws SQLException {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String pattern = server == null ? "PUBLIC" : schema.toLowerCase(Locale.ROOT);
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = mariadb ? md.getTables(schema, null, "%", new String[]{"TABLE"}) : md.getTables(null, pattern, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            return tables;
        }
    }

    /**
     * Updates the planner statistics of every table of this database or schema, as autovacuum does
     * some time after a bulk load: without it, PostgreSQL plans the first minutes after a load of
     * 100,000 rows on the statistics of empty tables. Not counted as engine statements.
     */
    void analyze() throws SQLException {
        java.util.List<String> tables = tables();
        try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
            if (server == null) {
                st.execute("ANALYZE");
            } else {
                for (String t : tables) {
                    st.execute((mariadb ? "ANALYZE TABLE " : "ANALYZE ") + schema + "." + t);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (server == null) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException closedByShutdown) {
                    // the connection's own close fails once the database is gone
                }
            }
        } finally {
            pool.close();
        }
        if (server != null && !kept) {
            exec(server, mariadb ? "DROP DATABASE " + schema : "DROP SCHEMA " + schema + " CASCADE");
        }
        if (files != null) {
            try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(files)) {
                for (java.nio.file.Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            } catch (java.io.IOException e) {
                throw new SQLException("could not delete the H2 files under " + files + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return label + (server == null ? "" : "/" + schema);
    }
}
