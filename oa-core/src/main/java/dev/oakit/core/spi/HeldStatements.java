package dev.oakit.core.spi;

import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Statements held prepared per physical connection, for a command's fixed hot statements on embedded H2. Preparing a
 * statement on H2 looks its parse up (or parses it: H2 never caches the parse of a {@code SELECT … FOR UPDATE}) and
 * builds the statement's objects anew; a statement held open per connection, as a hand-written JDBC program would hold
 * it, costs neither. Other drivers cache on their own (pgjdbc per connection and SQL, server-side after a few uses), so
 * only H2 connections hold statements here; elsewhere a lease is a statement prepared for the one use and closed after
 * it. Bind and read with {@link PlainJdbc}, which binds as Jdbi does.
 *
 * <p>A statement is held only when the connection is the driver's own or HikariCP's proxy of it (what OAKit's own pool
 * and most hosts hand out): a statement prepared on the physical connection behind any other wrapper would bypass what
 * that wrapper does with statements (counting, tracing). The pool does not close a held statement when the connection
 * goes back; it is closed with its connection. A connection closed with the Jdbi handle that first leased on it (one
 * that no pool keeps) is dropped from here when that handle closes; one a pool closes later (evicted, or the pool
 * closed), when a new connection is seen. A physical connection serves one thread at a time, so its statements do
 * too; use a lease on the thread that holds the connection. A lease of the same SQL while another is open on the same
 * connection (a nested use) gets a statement of its own, prepared for it and closed with it. Thread-safe.
 *
 * <p>For OAKit's own modules (its plugins' hot paths), not a vendor contract: it may change in any release.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HeldStatements {
    private static final String H2 = "org.h2.jdbc.JdbcConnection";
    private static final String HIKARI = "com.zaxxer.hikari.pool.";
    /** Keyed by the physical connection (drivers keep identity equality), then by SQL (with its key column). */
    private static final Map<Connection, Map<String, Slot>> HELD = new ConcurrentHashMap<>();

    private HeldStatements() {
    }

    /** A held statement and whether a lease has it now. */
    private static final class Slot {
        final PreparedStatement statement;
        final AtomicBoolean leased = new AtomicBoolean(true);

        Slot(PreparedStatement statement) {
            this.statement = statement;
        }
    }

    /**
     * A statement for one use: held for its connection, or prepared for this use and closed with the lease. Its
     * parameters are those the previous use bound (set every one) and it has no pending batch.
     *
     * @since 0.1
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public static final class Lease implements AutoCloseable {
        private final PreparedStatement statement;
        private final Slot slot;
        private boolean closed;

        private Lease(PreparedStatement statement, Slot slot) {
            this.statement = statement;
            this.slot = slot;
        }

        /** @return the statement, never null; do not close it (close the lease) */
        public PreparedStatement statement() {
            return statement;
        }

        /** @return whether the statement stays open for the connection's next use */
        public boolean held() {
            return slot != null;
        }

        /**
         * Closes the statement unless it is held; a held one is free for the connection's next lease. Only the first
         * close counts: a second must not free the statement under a later lease.
         */
        @Override
        public void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            if (slot == null) {
                statement.close();
            } else {
                slot.leased.set(false);
            }
        }
    }

    /**
     * @param h   the command's handle; its connection (in the command's transaction) runs the statement
     * @param sql the statement with {@code ?} parameters (see {@link PlainJdbc#positional})
     * @return {@code sql} on the handle's connection, held as {@link #hold(Connection, String)} says
     * @throws org.jdbi.v3.core.statement.UnableToExecuteStatementException when the driver cannot prepare it
     */
    public static Lease hold(Handle h, String sql) {
        try {
            return hold(h.getConnection(), sql, null, h);
        } catch (SQLException e) {
            throw PlainJdbc.failed(e);
        }
    }

    /**
     * As {@link #hold(Handle, String)}, for an insert whose generated key column {@code key} the caller reads
     * ({@link PlainJdbc#generatedKey}).
     */
    public static Lease holdInsert(Handle h, String sql, String key) {
        try {
            return hold(h.getConnection(), sql, key, h);
        } catch (SQLException e) {
            throw PlainJdbc.failed(e);
        }
    }

    /** @return {@code sql} prepared on {@code c}: held when {@code c} is an H2 connection, bare or in HikariCP's proxy */
    public static Lease hold(Connection c, String sql) throws SQLException {
        return hold(c, sql, null, null);
    }

    /**
     * @param key the generated key column the statement returns, or null for none
     * @return {@code sql} prepared on {@code c}: held when {@code c} is an H2 connection, bare or in HikariCP's proxy
     */
    public static Lease hold(Connection c, String sql, String key) throws SQLException {
        return hold(c, sql, key, null);
    }

    /** @return {@code sql} prepared on {@code c} for this lease only, closed with it ({@link PlainJdbc}'s per-use statements) */
    static Lease once(Connection c, String sql, String key) throws SQLException {
        return new Lease(prepare(c, sql, key), null);
    }

    /** As {@link #hold(Connection, String, String)}; {@code h}, when given, drops the connection's statements at its close. */
    static Lease hold(Connection c, String sql, String key, Handle h) throws SQLException {
        Connection physical = physical(c);
        if (physical == null) {
            return new Lease(prepare(c, sql, key), null);
        }
        Map<String, Slot> held = HELD.get(physical);
        if (held == null) {
            HELD.keySet().removeIf(HeldStatements::closed);
            held = new ConcurrentHashMap<>();
            HELD.put(physical, held);
            if (h != null) {
                // a connection no pool keeps is closed with this handle: its statements go with it (a pooled one stays)
                h.addHandleListener(new HandleListener() {
                    @Override
                    public void handleClosed(Handle closed) {
                        if (closed(physical)) {
                            HELD.remove(physical);
                        }
                    }
                });
            }
        }
        String id = key == null ? sql : sql + "\u0000" + key;
        Slot s = held.get(id);
        if (s == null || s.statement.isClosed()) {
            s = new Slot(prepare(physical, sql, key));
            held.put(id, s);
            return new Lease(s.statement, s);
        }
        if (!s.leased.compareAndSet(false, true)) {
            // a lease of the same SQL is open on this connection (a nested use): running the held statement would
            // close that lease's result and rebind its parameters
            return new Lease(prepare(c, sql, key), null);
        }
        try {
            s.statement.clearBatch(); // a batch a failed use left behind must not run with the next one
        } catch (SQLException | RuntimeException e) {
            s.leased.set(false);
            throw e;
        }
        return new Lease(s.statement, s);
    }

    /** @return whether statements are held for the physical connection {@code c} (for tests) */
    static boolean holds(Connection c) {
        return HELD.containsKey(c);
    }

    private static PreparedStatement prepare(Connection c, String sql, String key) throws SQLException {
        return key == null ? c.prepareStatement(sql) : c.prepareStatement(sql, new String[]{key});
    }

    /** @return the H2 connection itself when statements may be held for it, else null */
    private static Connection physical(Connection c) throws SQLException {
        String name = c.getClass().getName();
        if (name.equals(H2)) {
            return c;
        }
        if (name.startsWith(HIKARI)) {
            Connection inner = c.unwrap(Connection.class);
            return inner.getClass().getName().equals(H2) ? inner : null;
        }
        return null;
    }

    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
