package dev.oakit.core.testing;

import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.testing.base.Database;
import dev.oakit.testing.base.TestSchema;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * One fresh, empty schema on one database of the matrix (a {@link TestSchema} of the published oa-testing-base),
 * with helpers to build OAKit on it. Everything created through it is closed and dropped after the test.
 */
public final class TestDatabase implements AutoCloseable {
    /** The databases of the matrix. */
    public enum Kind {
        H2, POSTGRESQL, MARIADB;

        /** @return lower-case name used in display names */
        public String label() {
            return database().label();
        }

        /** @return the database of the published matrix (oa-testing-base) */
        public Database database() {
            return Database.valueOf(name());
        }
    }

    private final Kind kind;
    private final TestSchema schema;

    /** On a schema of the matrix (the matrix drops it), or one of {@link #open}'s (dropped by {@link #close()}). */
    TestDatabase(TestSchema schema) {
        this.kind = Kind.valueOf(schema.database().name());
        this.schema = schema;
    }

    /**
     * A fresh schema outside JUnit's {@link DbTest} matrix, for tests another engine runs (jqwik
     * properties that run once per database); the caller closes it. Check {@link DatabaseMatrix#selected}
     * and {@link Servers#unreachable} first.
     */
    public static TestDatabase open(Kind kind) throws SQLException {
        return new TestDatabase(TestSchema.open(kind.database()));
    }

    /** @return the schema's name (made now if nothing made it yet) */
    String schemaName() {
        return schema.name();
    }

    /** @return which database this is */
    public Kind kind() {
        return kind;
    }

    /** @return the shared pool on the fresh schema */
    public DataSource dataSource() {
        return schema.dataSource();
    }

    /** @return a new, separate pool on the same schema (as another node of a cluster would have) */
    public DataSource newPool(int size) {
        return schema.newPool(size);
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
        return OaKit.builder().dataSource(dataSource()).config("core", ANY_TENANT)
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

    /**
     * Builds and starts OAKit on this database; closed after the test. When nothing used the schema yet, it is one that
     * this JVM migrated for the same plugins before (see {@link TestSchema#prepare}), so the start runs no migration.
     */
    public OaKit start(Consumer<OaKitBuilder> customize) {
        OaKitBuilder b = builder();
        customize.accept(b);
        OaKit oa = closeLater(b.build());
        Premigration.prepare(schema, oa);
        return oa.start();
    }

    /** Builds and starts OAKit with core only. */
    public OaKit start() {
        return start(b -> { });
    }

    /** Runs one SQL statement on the schema, outside OAKit (as a host or an administrator with SQL access would). */
    public void execute(String sql) throws SQLException {
        schema.execute(sql);
    }

    /** @return the first column of the first row of a query, as a number */
    public long queryLong(String sql) throws SQLException {
        return schema.queryLong(sql);
    }

    /** Registers something to close after the test, before the schema is dropped. */
    public <T extends AutoCloseable> T closeLater(T c) {
        return schema.closeLater(c);
    }

    @Override
    public String toString() {
        return kind.label();
    }

    /** Closes what was registered and drops the schema (the matrix does so itself after each run). */
    @Override
    public void close() throws SQLException {
        schema.close();
    }
}
