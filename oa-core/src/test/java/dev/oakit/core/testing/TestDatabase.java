package dev.oakit.core.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One fresh, empty schema on one database of the matrix, with helpers to build OAKit on it.
 * Everything created through it is closed and dropped after the test.
 */
public final class TestDatabase implements AutoCloseable {
    /** The databases of the matrix. */
    public enum Kind {
        H2, POSTGRESQL, MARIADB;

        /** @return lower-case name used in display names */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String schema;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final HikariDataSource dataSource;

    TestDatabase(Kind kind) throws SQLException {
        this.kind = kind;
        this.schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String url = switch (kind) {
            case H2 -> "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            case POSTGRESQL -> {
                exec(Servers.pgUrl(), Servers.pgUser(), Servers.pgPassword(), "CREATE SCHEMA " + schema);
                yield Servers.pgUrl() + (Servers.pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            }
            case MARIADB -> {
                exec(Servers.mariaUrl(), Servers.mariaUser(), Servers.mariaPassword(), "CREATE DATABASE " + schema);
                yield Servers.mariaUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + schema + "$1");
            }
        };
        this.dataSource = pool(url, 10);
    }

    /**
     * A fresh schema outside JUnit's {@link DbTest} matrix, for tests another engine runs (jqwik
     * properties that run once per database); the caller closes it. Check {@link DatabaseMatrix#selected}
     * and {@link Servers#unreachable} first.
     */
    public static TestDatabase open(Kind kind) throws SQLException {
        return new TestDatabase(kind);
    }

    private HikariDataSource pool(String url, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        switch (kind) {
            case H2 -> c.setUsername("sa");
            case POSTGRESQL -> {
                c.setUsername(Servers.pgUser());
                c.setPassword(Servers.pgPassword());
            }
            case MARIADB -> {
                c.setUsername(Servers.mariaUser());
                c.setPassword(Servers.mariaPassword());
            }
        }
        c.setMaximumPoolSize(size);
        c.setPoolName("test-" + kind.label() + "-" + schema);
        return new HikariDataSource(c);
    }

    private static void exec(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** @return which database this is */
    public Kind kind() {
        return kind;
    }

    /** @return the shared pool on the fresh schema */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return a new, separate pool on the same schema (as another node of a cluster would have) */
    public DataSource newPool(int size) {
        HikariDataSource ds = pool(dataSource.getJdbcUrl(), size);
        toClose.add(ds);
        return ds;
    }

    /** Retries of deliveries (events to listeners and relays, notifications) as fast as those of ordinary jobs. */
    private static final java.util.Map<String, Object> FAST_DELIVERY_RETRIES = fastDeliveryRetries();

    private static java.util.Map<String, Object> fastDeliveryRetries() {
        java.util.Map<String, Object> fast = java.util.Map.of("initialInterval", "PT0.05S", "maxInterval", "PT0.5S");
        return java.util.Map.of("core.event.listener", fast, "core.event.relay", fast, "core.notification.deliver", fast);
    }

    /**
     * @return a builder on this database with a fast job poll and fast retries (deliveries keep
     *     their attempt limit and three-day budget), for tests to finish configuring
     */
    public OaKitBuilder builder() {
        return OaKit.builder().dataSource(dataSource).config("core", ANY_TENANT)
                .config("core", java.util.Map.of("jobs", java.util.Map.of("pollInterval", "PT0.05S",
                        "backoffBase", "PT0.05S", "backoffMax", "PT0.5S", "retry", FAST_DELIVERY_RETRIES)));
    }

    /**
     * The {@code core} config of tests that use tenants without creating them first ("acme", "globex"): the first
     * command of a tenant creates it, and a node keeps knowing it for an hour (so that statement counts do not see
     * the tenant check come back). Its users need not be in the directory either (most tests act as users they never
     * created). Tests of the tenant rules themselves turn {@code autoCreate} or {@code requireKnownUsers} on again.
     */
    public static final java.util.Map<String, Object> ANY_TENANT = java.util.Map.of("tenants",
            java.util.Map.of("autoCreate", true, "cacheTtl", "PT1H", "requireKnownUsers", false));

    /** Builds and starts OAKit on this database; closed after the test. */
    public OaKit start(Consumer<OaKitBuilder> customize) {
        OaKitBuilder b = builder();
        customize.accept(b);
        OaKit oa = b.build();
        toClose.add(oa);
        return oa.start();
    }

    /** Builds and starts OAKit with core only. */
    public OaKit start() {
        return start(b -> { });
    }

    /** Runs one SQL statement on the schema, outside OAKit (as a host or an administrator with SQL access would). */
    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** @return the first column of the first row of a query, as a number */
    public long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** Registers something to close after the test. */
    public <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    @Override
    public String toString() {
        return kind.label();
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        try {
            switch (kind) {
                case H2 -> {
                    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    } catch (SQLException closedByShutdown) {
                        // the connection's own close fails once the database is gone
                    }
                }
                case POSTGRESQL -> exec(Servers.pgUrl(), Servers.pgUser(), Servers.pgPassword(), "DROP SCHEMA " + schema + " CASCADE");
                case MARIADB -> exec(Servers.mariaUrl(), Servers.mariaUser(), Servers.mariaPassword(), "DROP DATABASE " + schema);
            }
        } finally {
            dataSource.close();
        }
    }
}
