package dev.oakit.testing.base;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apiguardian.api.API;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One fresh schema on one {@link Database} (a PostgreSQL schema, a MariaDB database, an H2 in-memory database), with
 * a connection pool on it. {@link #close()} closes what was registered with {@link #closeLater}, the pools, and drops
 * the schema. {@link DatabaseTest} opens and closes them; a test outside it (a jqwik property, a {@code @BeforeAll} of
 * its own) uses {@link #open(Database)} and closes it.
 *
 * <p>The schema is made when something first needs it (a connection, its name or URL). Until then a test kit may
 * {@link #prepare} it with a migration: the schema is then one this JVM migrated before, for an earlier test of the
 * same migration, and emptied after that test, so the migration runs once per JVM and database instead of once per
 * test. A migrated schema is handed on only when, emptied, it is again equal to what the migration made (its tables,
 * columns, indexes, constraints, sequences, identity counters, planner statistics, and the rows the migration wrote,
 * such as Flyway's history); a schema a test changed otherwise is dropped instead. {@code -Doakit.test.reuseMigratedSchemas=false}
 * makes every test migrate its own.
 *
 * <p>Thread-safe for the pools and queries; {@link #closeLater} and {@link #close()} are for the test's own thread.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TestSchema implements AutoCloseable {
    private static final int POOL_SIZE = 10;

    /**
     * Brings an empty schema to the state a test kit's tests start from (OAKit's test kits: Flyway's migrations of the
     * plugins a test installs).
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    @FunctionalInterface
    public interface Migration {
        /**
         * @param dataSource a pool on the empty schema, closed afterwards
         * @throws Exception when the migration fails (the schema is then dropped)
         */
        void migrate(DataSource dataSource) throws Exception;
    }

    private final Database database;
    private final DataSource lazy = new LazyDataSource();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String name;
    private String url;
    private HikariDataSource dataSource;
    private MigratedSchemas.Lease lease;
    private boolean closed;

    private TestSchema(Database database) {
        this.database = database;
    }

    /**
     * A fresh schema, made at its first use; the caller closes it. Check {@link Database#isSelected()} and
     * {@link Database#assumeReachable()} first when the test should follow the matrix's rules.
     *
     * @param database where; not null
     * @throws SQLException not any more at once: a server that refuses the schema fails its first use
     */
    public static TestSchema open(Database database) throws SQLException {
        if (database == null) {
            throw new IllegalArgumentException("open(database): database must not be null; one of " + List.of(Database.values()));
        }
        return new TestSchema(database);
    }

    /**
     * Makes this schema a migrated one, when nothing has used it yet: a schema that {@code migration} made for an earlier
     * test of this JVM with the same {@code key} on the same database, emptied since, or else a schema it migrates now.
     * Once the schema is in use (a connection, its name or URL were asked for) this does nothing and returns false; the
     * caller then migrates it itself as it would without this method.
     *
     * @param key names the migration: two calls with the same key must ask for the same migration (such as the list of
     *     Flyway locations it runs); not null
     * @param migration brings an empty schema to that state; not null
     * @return true when the schema now holds the migration's result
     * @throws SQLException when the server refuses a new schema or the migration fails
     */
    public synchronized boolean prepare(String key, Migration migration) throws SQLException {
        if (key == null || migration == null) {
            throw new IllegalArgumentException("prepare(key, migration): neither may be null, key was " + key);
        }
        if (dataSource != null || closed || !MigratedSchemas.enabled()) {
            return false;
        }
        lease = MigratedSchemas.take(database, key, migration);
        attach(lease.name());
        return true;
    }

    /** @return the pool, making the fresh schema first when nothing has made it yet */
    private synchronized HikariDataSource made() throws SQLException {
        if (dataSource == null) {
            if (closed) {
                throw new SQLException("schema on " + database.label() + " is closed");
            }
            String fresh = newName();
            createOnServer(database, fresh);
            attach(fresh);
        }
        return dataSource;
    }

    private HikariDataSource madeUnchecked() {
        try {
            return made();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a fresh schema on " + database.label() + ": " + e.getMessage(), e);
        }
    }

    private void attach(String schemaName) {
        this.name = schemaName;
        this.url = urlOf(database, schemaName);
        this.dataSource = pool(database, schemaName, POOL_SIZE);
    }

    /** @return the database this schema is on */
    public Database database() {
        return database;
    }

    /** @return the schema's generated name ({@code t_} and 16 hex digits) */
    public String name() {
        madeUnchecked();
        return name;
    }

    /** @return the JDBC URL that reaches the schema */
    public String url() {
        madeUnchecked();
        return url;
    }

    /** @return the shared pool (10 connections) on the schema; the schema is made at its first connection */
    public DataSource dataSource() {
        return lazy;
    }

    /** @return a new, separate pool on the same schema (as another node of a cluster would have); closed with the schema */
    public DataSource newPool(int size) {
        madeUnchecked();
        return closeLater(pool(database, name, size));
    }

    /** Registers something to close, in reverse order of registration, before the schema is dropped. */
    public <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** Runs one SQL statement on the schema. */
    public void execute(String sql) throws SQLException {
        try (Connection c = made().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * @return the first column of the first row of a query, as a number
     * @throws SQLException when the query returns no row
     */
    public long queryLong(String sql) throws SQLException {
        try (Connection c = made().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row: " + sql);
            }
            return rs.getLong(1);
        }
    }

    @Override
    public String toString() {
        return database.label();
    }

    /**
     * Closes what was registered (best effort, so that the schema is dropped whatever failed), the pools, and drops the
     * schema, or, when it was {@link #prepare prepared}, empties it for the next test; a second call does nothing.
     */
    @Override
    public void close() throws SQLException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort: the schema goes anyway
            }
        }
        toClose.clear();
        if (dataSource == null) {
            return; // never made
        }
        if (lease != null) {
            dataSource.close();
            MigratedSchemas.giveBack(lease);
            return;
        }
        try {
            if (database == Database.H2) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException closedByShutdown) {
                    // the connection's own close fails once the database is gone
                }
            } else {
                dropOnServer(database, name);
            }
        } finally {
            dataSource.close();
        }
    }

    static String newName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static String urlOf(Database database, String schemaName) {
        return switch (database) {
            case H2 -> "jdbc:h2:mem:" + schemaName + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            case POSTGRESQL -> {
                String server = database.serverUrl();
                // the application name tells the schema's sessions apart in pg_stat_activity (MigratedSchemas)
                yield server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schemaName + "&ApplicationName=" + schemaName;
            }
            case MARIADB -> database.serverUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + schemaName + "$1");
        };
    }

    /** Makes an empty schema (H2: nothing, an in-memory database exists from its first connection on). */
    static void createOnServer(Database database, String schemaName) throws SQLException {
        switch (database) {
            case H2 -> { }
            case POSTGRESQL -> onServer(database, "CREATE SCHEMA " + schemaName);
            case MARIADB -> onServer(database, "CREATE DATABASE " + schemaName);
        }
    }

    static void dropOnServer(Database database, String schemaName) throws SQLException {
        switch (database) {
            case H2 -> {
                try (Connection c = connect(database, schemaName); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException closedByShutdown) {
                    // the connection's own close fails once the database is gone
                }
            }
            case POSTGRESQL -> onServer(database, "DROP SCHEMA " + schemaName + " CASCADE");
            case MARIADB -> onServer(database, "DROP DATABASE " + schemaName);
        }
    }

    /** @return a connection of its own (no pool) to the schema */
    static Connection connect(Database database, String schemaName) throws SQLException {
        return DriverManager.getConnection(urlOf(database, schemaName), database.user(), database.password());
    }

    static HikariDataSource pool(Database database, String schemaName, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(urlOf(database, schemaName));
        c.setUsername(database.user());
        c.setPassword(database.password());
        c.setMaximumPoolSize(size);
        c.setPoolName("test-" + database.label() + "-" + schemaName);
        return new HikariDataSource(c);
    }

    private static void onServer(Database database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.serverUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The schema's pool, made at the first connection asked for, so that {@link #prepare} can still choose the schema. */
    private final class LazyDataSource extends DelegatingDataSource {
        @Override
        protected DataSource target() throws SQLException {
            return made();
        }

        @Override
        public String toString() {
            return "test schema on " + database.label() + (name == null ? " (not made yet)" : " " + name);
        }
    }
}
