package dev.oakit.workflow.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements held prepared per physical connection, for the one hot statement that embedded H2
 * parses anew every time: H2 caches a parsed statement per session ({@code QUERY_CACHE_SIZE}) but
 * never a {@code SELECT … FOR UPDATE}, and parsing the lock statement was about a sixth of an
 * approval's time on H2. Other drivers cache on their own (pgjdbc per connection and SQL, server-side
 * after a few uses), so only H2 connections hold statements here.
 *
 * <p>A statement is held only when the connection is the driver's own or HikariCP's proxy of it
 * (what OAKit's own pool and most hosts hand out): a statement prepared on the physical connection
 * behind any other wrapper would bypass what that wrapper does with statements (counting, tracing).
 * The pool does not close a held statement when the connection goes back; it is closed with its
 * connection, and dropped from here when a new connection is seen. A physical connection serves one
 * thread at a time, so its statements do too.
 */
final class HeldStatements {
    private static final String H2 = "org.h2.jdbc.JdbcConnection";
    private static final String HIKARI = "com.zaxxer.hikari.pool.";
    /** Keyed by the physical connection (drivers keep identity equality). */
    private static final Map<Connection, Map<String, PreparedStatement>> HELD = new ConcurrentHashMap<>();

    private HeldStatements() {
    }

    /** A statement for one use: held for its connection, or a new one closed after the use. */
    record Lease(PreparedStatement statement, boolean held) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (!held) {
                statement.close();
            }
        }
    }

    /** @return {@code sql} prepared on {@code c}: held when {@code c} is an H2 connection, bare or in HikariCP's proxy */
    static Lease prepare(Connection c, String sql) throws SQLException {
        Connection physical = physical(c);
        if (physical == null) {
            return new Lease(c.prepareStatement(sql), false);
        }
        Map<String, PreparedStatement> held = HELD.get(physical);
        if (held == null) {
            HELD.keySet().removeIf(HeldStatements::closed);
            held = new ConcurrentHashMap<>();
            HELD.put(physical, held);
        }
        PreparedStatement p = held.get(sql);
        if (p == null || p.isClosed()) {
            p = physical.prepareStatement(sql);
            held.put(sql, p);
        }
        return new Lease(p, true);
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
