package dev.oakit.workflow.internal.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain JDBC on a command's connection (the handle's, in its transaction), for the few statements
 * that every life cycle runs. Jdbi's work around one statement (a copy of its configuration,
 * argument resolution by type, result iteration) cost about as much as the database's own work on
 * embedded H2; here the statement is prepared, bound by position and read by column index. Values
 * are bound as Jdbi binds them, so the rows are the same either way. A failure is thrown as Jdbi's
 * {@link UnableToExecuteStatementException}, which the command chain translates as before.
 */
final class Jdbc {
    private Jdbc() {
    }

    static PreparedStatement prepare(Handle h, String sql) {
        try {
            return h.getConnection().prepareStatement(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Prepares an insert that returns the generated key column {@code key}. */
    static PreparedStatement prepareInsert(Handle h, String sql, String key) {
        try {
            return h.getConnection().prepareStatement(sql, new String[]{key});
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    static void text(PreparedStatement p, int i, String v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.VARCHAR);
        } else {
            p.setString(i, v);
        }
    }

    static void number(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, v);
        }
    }

    /** Binds an instant as UTC wall time, as {@link Rows#db} does for Jdbi. */
    static void time(PreparedStatement p, int i, Instant v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.TIMESTAMP);
        } else {
            p.setTimestamp(i, Timestamp.valueOf(LocalDateTime.ofInstant(v, ZoneOffset.UTC)));
        }
    }

    /** Binds a value of a named parameter as Jdbi binds its type (the types the hot path's queries use). */
    static void value(PreparedStatement p, int i, Object v) throws SQLException {
        if (v instanceof String s) {
            p.setString(i, s);
        } else if (v instanceof Integer n) {
            p.setInt(i, n);
        } else if (v instanceof Long n) {
            p.setLong(i, n);
        } else if (v instanceof LocalDateTime t) {
            p.setTimestamp(i, Timestamp.valueOf(t));
        } else if (v == null) {
            throw new IllegalArgumentException("no value for parameter " + i);
        } else {
            throw new IllegalArgumentException("no binding for a " + v.getClass().getName() + " at parameter " + i);
        }
    }

    /** @return the names of the named parameters ({@code :name}) of {@code sql}, in order */
    static String[] parameterNames(String sql) {
        return POSITIONAL.computeIfAbsent(sql, Jdbc::positionalOf).names();
    }

    /** @return {@code sql} with each named parameter replaced by {@code ?} */
    static String positional(String sql) {
        return POSITIONAL.computeIfAbsent(sql, Jdbc::positionalOf).sql();
    }

    private record Positional(String sql, String[] names) {
    }

    /** The few shapes of the hot path's named statements (a query's filters make a handful), each translated once. */
    private static final Map<String, Positional> POSITIONAL = new ConcurrentHashMap<>();
    private static final Pattern NAMED = Pattern.compile(":(\\w+)");

    private static Positional positionalOf(String sql) {
        Matcher m = NAMED.matcher(sql);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return new Positional(m.replaceAll("?"), names.toArray(String[]::new));
    }

    static Instant time(ResultSet rs, int i) throws SQLException {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static Long number(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    /** @return the generated key of the one row an insert wrote */
    static long generatedKey(PreparedStatement p) throws SQLException {
        try (ResultSet keys = p.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new IllegalStateException("the database returned no generated key for an inserted row");
            }
            return keys.getLong(1);
        }
    }

    static UnableToExecuteStatementException failed(SQLException e) {
        return new UnableToExecuteStatementException(e, null);
    }
}
