package dev.oakit.core.spi;

import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain JDBC on a command's connection (the handle's, in its transaction), for the few statements a command runs every
 * time. Jdbi's work around one statement (a copy of its configuration, argument resolution by type, result iteration)
 * costs about as much as the database's own work on embedded H2; here the statement is prepared (or held,
 * {@link HeldStatements}), bound by position and read by column index. Values are bound as Jdbi binds them (instants
 * as UTC wall time, as OAKit's tables store them), so the rows are the same either way. A failure is thrown as Jdbi's
 * {@link UnableToExecuteStatementException}, which the command chain translates as it translates Jdbi's own.
 * Thread-safe (static methods only).
 *
 * <p>For OAKit's own modules (its plugins' hot paths), not a vendor contract: it may change in any release.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PlainJdbc {
    /** The few shapes of the hot path's named statements (a query's filters make a handful), each translated once. */
    private static final Map<String, Positional> POSITIONAL = new ConcurrentHashMap<>();
    private static final Pattern NAMED = Pattern.compile(":(\\w+)");

    private PlainJdbc() {
    }

    /** @return {@code sql} prepared on the handle's connection for one use; the caller closes it */
    public static PreparedStatement prepare(Handle h, String sql) {
        try {
            return h.getConnection().prepareStatement(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** @return an insert prepared for one use that returns the generated key column {@code key}; the caller closes it */
    public static PreparedStatement prepareInsert(Handle h, String sql, String key) {
        try {
            return h.getConnection().prepareStatement(sql, new String[]{key});
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Binds a text, or SQL NULL for null. */
    public static void text(PreparedStatement p, int i, String v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.VARCHAR);
        } else {
            p.setString(i, v);
        }
    }

    /** Binds a number, or SQL NULL for null. */
    public static void number(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, v);
        }
    }

    /**
     * Binds an instant as UTC wall time (the timestamp OAKit's tables hold), or SQL NULL for null: as a
     * {@link LocalDateTime}, as OAKit's Jdbi binds an {@code Instant}, which no driver shifts by the JVM's time zone
     * (a {@code java.sql.Timestamp} is converted through the zone and back, which costs a calendar computation each
     * way and moves a wall time that falls in the zone's DST gap).
     */
    public static void time(PreparedStatement p, int i, Instant v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.TIMESTAMP);
        } else {
            p.setObject(i, LocalDateTime.ofInstant(v, ZoneOffset.UTC));
        }
    }

    /** Binds a date, or SQL NULL for null. */
    public static void day(PreparedStatement p, int i, LocalDate v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.DATE);
        } else {
            p.setDate(i, Date.valueOf(v));
        }
    }

    /**
     * Binds a value of a named parameter as Jdbi binds its type: {@code String}, {@code Integer}, {@code Long},
     * {@code Boolean}, {@code LocalDateTime}, {@code LocalDate}.
     *
     * @throws IllegalArgumentException for null (its SQL type is unknown: use the typed binders) or another type
     */
    public static void value(PreparedStatement p, int i, Object v) throws SQLException {
        if (v instanceof String s) {
            p.setString(i, s);
        } else if (v instanceof Integer n) {
            p.setInt(i, n);
        } else if (v instanceof Long n) {
            p.setLong(i, n);
        } else if (v instanceof Boolean b) {
            p.setBoolean(i, b);
        } else if (v instanceof LocalDateTime t) {
            p.setObject(i, t); // as OAKit's Jdbi binds it: no driver shifts a LocalDateTime by the JVM's zone
        } else if (v instanceof LocalDate d) {
            p.setDate(i, Date.valueOf(d));
        } else if (v == null) {
            throw new IllegalArgumentException("no value for parameter " + i + "; bind a null with text, number, time or day");
        } else {
            throw new IllegalArgumentException("no binding for a " + v.getClass().getName() + " at parameter " + i
                    + "; bind a String, Integer, Long, Boolean, LocalDateTime or LocalDate");
        }
    }

    /** @return the names of the named parameters ({@code :name}) of {@code sql}, in order */
    public static String[] parameterNames(String sql) {
        return POSITIONAL.computeIfAbsent(sql, PlainJdbc::positionalOf).names().clone();
    }

    /** @return {@code sql} with each named parameter ({@code :name}) replaced by {@code ?}, translated once per SQL */
    public static String positional(String sql) {
        return POSITIONAL.computeIfAbsent(sql, PlainJdbc::positionalOf).sql();
    }

    private record Positional(String sql, String[] names) {
    }

    private static Positional positionalOf(String sql) {
        Matcher m = NAMED.matcher(sql);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return new Positional(m.replaceAll("?"), names.toArray(String[]::new));
    }

    /** @return the instant of a UTC timestamp column, or null for SQL NULL */
    public static Instant instant(ResultSet rs, int i) throws SQLException {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** @return the number in a column, or null for SQL NULL */
    public static Long number(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    /** @return the date in a column, or null for SQL NULL */
    public static LocalDate day(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    /** @return the generated key of the one row an insert wrote */
    public static long generatedKey(PreparedStatement p) throws SQLException {
        try (ResultSet keys = p.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new IllegalStateException("the database returned no generated key for an inserted row");
            }
            return keys.getLong(1);
        }
    }

    /** @return the generated keys of the rows a batched insert wrote, in order */
    public static List<Long> generatedKeys(PreparedStatement p) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet keys = p.getGeneratedKeys()) {
            while (keys.next()) {
                ids.add(keys.getLong(1));
            }
        }
        return ids;
    }

    /** @return the failure as Jdbi would throw it, for the command chain to translate */
    public static UnableToExecuteStatementException failed(SQLException e) {
        return new UnableToExecuteStatementException(e, null);
    }
}
