package dev.oakit.testing.base;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This JVM's schemas that a migration made, kept for the next test that asks for the same migration on the same
 * database ({@link TestSchema#prepare}): migrating a schema (creating every table, Flyway's bookkeeping) costs far
 * more than emptying one. A schema goes back only when, emptied, it equals the {@link SchemaSnapshot} taken right
 * after its migration; otherwise it is dropped and the next test gets a newly migrated one. Idle schemas are
 * dropped when the JVM exits. Thread-safe.
 *
 * <p>System property {@value #PROPERTY}{@code =false} turns the reuse off: every test then migrates its own schema. It
 * takes {@code true} or {@code false} only: another value ({@code off}, {@code 0}) fails the test that prepares a schema.
 */
final class MigratedSchemas {
    /** System property: {@code false} makes every {@link TestSchema#prepare} decline, so each test migrates its own. */
    static final String PROPERTY = "oakit.test.reuseMigratedSchemas";
    private static final System.Logger LOG = System.getLogger(MigratedSchemas.class.getName());
    private static final Map<String, Deque<Lease>> IDLE = new HashMap<>();
    private static final Set<Lease> ALL_IDLE = new LinkedHashSet<>();
    private static final AtomicInteger MIGRATED = new AtomicInteger();
    private static final AtomicInteger REUSED = new AtomicInteger();
    private static final AtomicInteger DROPPED = new AtomicInteger();
    private static boolean hooked;

    /** A migrated schema lent to one test. */
    record Lease(Database database, String key, String name, SchemaSnapshot migrated) {
    }

    private MigratedSchemas() {
    }

    /** @throws IllegalStateException when {@value #PROPERTY} is neither true nor false (any case, blanks around) */
    static boolean enabled() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (v.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalStateException("system property " + PROPERTY + " is '" + v + "'; use true or false (or leave it unset for true)");
    }

    /** @return an idle schema of {@code key}'s migration on {@code database}, or a schema newly migrated by {@code migration} */
    static Lease take(Database database, String key, TestSchema.Migration migration) throws SQLException {
        synchronized (MigratedSchemas.class) {
            Deque<Lease> idle = IDLE.get(database + " " + key);
            Lease lease = idle == null ? null : idle.poll();
            if (lease != null) {
                ALL_IDLE.remove(lease);
                REUSED.incrementAndGet();
                return lease;
            }
        }
        return migrate(database, key, migration);
    }

    private static Lease migrate(Database database, String key, TestSchema.Migration migration) throws SQLException {
        String name = TestSchema.newName();
        TestSchema.createOnServer(database, name);
        try {
            try (HikariDataSource pool = TestSchema.pool(database, name, 2)) {
                migration.migrate(pool);
            }
            try (Connection c = TestSchema.connect(database, name)) {
                MIGRATED.incrementAndGet();
                return new Lease(database, key, name, SchemaSnapshot.take(c, database, name));
            }
        } catch (Exception e) {
            drop(database, name);
            if (e instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("migrating a schema on " + database.label() + " for " + key + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes back a schema whose test is over and whose connections are closed: emptied and equal to its migrated
     * snapshot, it waits for the next test; else it is dropped.
     */
    static void giveBack(Lease lease) {
        String why;
        try (Connection c = TestSchema.connect(lease.database(), lease.name())) {
            int stray = otherSessions(c, lease.database(), lease.name());
            if (stray > 0) {
                throw new SQLException(stray + " other session(s) are still connected to it");
            }
            SchemaSnapshot.clean(c, lease.database(), lease.name(), lease.migrated());
            SchemaSnapshot now = SchemaSnapshot.take(c, lease.database(), lease.name());
            if (now.equals(lease.migrated())) {
                idle(lease);
                return;
            }
            why = "it differs from its migrated state: " + now.differenceFrom(lease.migrated());
        } catch (SQLException | RuntimeException e) {
            why = "checking or emptying it failed: " + e.getMessage();
        }
        LOG.log(System.Logger.Level.DEBUG, "schema {0} on {1} is dropped, not reused, since {2}", lease.name(), lease.database().label(), why);
        DROPPED.incrementAndGet();
        drop(lease.database(), lease.name());
    }

    /**
     * @return how many sessions besides {@code c} are connected to the schema, waiting up to a second for those of
     *     the pools just closed to end on the server (a server ends a session a moment after its client left)
     */
    static int otherSessions(Connection c, Database database, String name) throws SQLException {
        String sql = switch (database) {
            case H2 -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()";
            case POSTGRESQL -> "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + name + "' AND pid <> pg_backend_pid()";
            case MARIADB -> "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + name + "' AND ID <> CONNECTION_ID()";
        };
        long until = System.nanoTime() + 1_000_000_000L;
        while (true) {
            int n;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                n = rs.getInt(1);
            }
            if (n == 0 || System.nanoTime() > until) {
                return n;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return n;
            }
        }
    }

    private static synchronized void idle(Lease lease) {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(MigratedSchemas::dropIdle, "oakit-test-schemas"));
        }
        IDLE.computeIfAbsent(lease.database() + " " + lease.key(), k -> new ArrayDeque<>()).push(lease);
        ALL_IDLE.add(lease);
    }

    private static void dropIdle() {
        Set<Lease> leases;
        synchronized (MigratedSchemas.class) {
            leases = new LinkedHashSet<>(ALL_IDLE);
            ALL_IDLE.clear();
            IDLE.clear();
        }
        leases.forEach(l -> drop(l.database(), l.name()));
        LOG.log(System.Logger.Level.DEBUG, "migrated test schemas: {0} migrated, {1} reused, {2} dropped as changed",
                MIGRATED.get(), REUSED.get(), DROPPED.get());
    }

    private static void drop(Database database, String name) {
        try {
            TestSchema.dropOnServer(database, name);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "dropping schema {0} on {1} failed: {2}", name, database.label(), e.getMessage());
        }
    }
}
