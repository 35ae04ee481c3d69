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
 * One fresh, empty schema on one {@link Database} (a PostgreSQL schema, a MariaDB database, an H2 in-memory
 * database), with a connection pool on it. {@link #close()} closes what was registered with {@link #closeLater},
 * the pools, and drops the schema. {@link DatabaseTest} opens and closes them; a test outside it (a jqwik property,
 * a {@code @BeforeAll} of its own) uses {@link #open(Database)} and closes it.
 *
 * <p>Thread-safe for the pools and queries; {@link #closeLater} and {@link #close()} are for the test's own thread.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TestSchema implements AutoCloseable {
    private static final int POOL_SIZE = 10;

    private final Database database;
    private final String name;
    private final String url;
    private final HikariDataSource dataSource;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private boolean closed;

    private TestSchema(Database database) throws SQLException {
        this.database = database;
        this.name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        this.url = switch (database) {
            case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            case POSTGRESQL -> {
                onServer("CREATE SCHEMA " + name);
                String server = database.serverUrl();
                yield server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
            }
            case MARIADB -> {
                onServer("CREATE DATABASE " + name);
                yield database.serverUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
            }
        };
        this.dataSource = pool(POOL_SIZE);
    }

    /**
     * Creates a fresh schema; the caller closes it. Check {@link Database#isSelected()} and
     * {@link Database#assumeReachable()} first when the test should follow the matrix's rules.
     *
     * @param database where; not null
     * @throws SQLException when the server refuses the schema
     */
    public static TestSchema open(Database database) throws SQLException {
        if (database == null) {
            throw new IllegalArgumentException("open(database): database must not be null; one of " + List.of(Database.values()));
        }
        return new TestSchema(database);
    }

    /** @return the database this schema is on */
    public Database database() {
        return database;
    }

    /** @return the schema's generated name ({@code t_} and 16 hex digits) */
    public String name() {
        return name;
    }

    /** @return the JDBC URL that reaches the schema */
    public String url() {
        return url;
    }

    /** @return the shared pool (10 connections) on the schema */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return a new, separate pool on the same schema (as another node of a cluster would have); closed with the schema */
    public DataSource newPool(int size) {
        return closeLater(pool(size));
    }

    /** Registers something to close, in reverse order of registration, before the schema is dropped. */
    public <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** Runs one SQL statement on the schema. */
    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * @return the first column of the first row of a query, as a number
     * @throws SQLException when the query returns no row
     */
    public long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
     * schema; a second call does nothing.
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort: the schema goes anyway
            }
        }
        toClose.clear();
        try {
            switch (database) {
                case H2 -> {
                    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    } catch (SQLException closedByShutdown) {
                        // the connection's own close fails once the database is gone
                    }
                }
                case POSTGRESQL -> onServer("DROP SCHEMA " + name + " CASCADE");
                case MARIADB -> onServer("DROP DATABASE " + name);
            }
        } finally {
            dataSource.close();
        }
    }

    private HikariDataSource pool(int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(database.user());
        c.setPassword(database.password());
        c.setMaximumPoolSize(size);
        c.setPoolName("test-" + database.label() + "-" + name);
        return new HikariDataSource(c);
    }

    private void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.serverUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
