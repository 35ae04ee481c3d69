package dev.oakit.core.spi;

import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
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
import java.util.Optional;
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
 * The statement helpers ({@link #update}, {@link #insert}, {@link #one}, {@link #query}, {@link #each}, {@link #batch},
 * {@link #batchInsert}) run one statement that way: they get it ({@link Prepared}), bind it, run it, read it and close it
 * when it is not held. Thread-safe (static methods only).
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

    /**
     * Where a statement helper gets its statement.
     *
     * @since 0.1
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public enum Prepared {
        /** Held for the connection as {@link HeldStatements#hold(Connection, String)} holds it (on H2), else prepared for the one use. */
        HELD,
        /** Prepared for the one use and closed after it, on every database. */
        PER_USE
    }

    /**
     * Sets a statement's parameters.
     *
     * @since 0.1
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface Binder {
        /** Sets every parameter of {@code p}. */
        void bind(PreparedStatement p) throws SQLException;
    }

    /**
     * Sets the parameters of one row of a batch.
     *
     * @since 0.1
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface BatchBinder {
        /** Sets every parameter of {@code p} for row {@code row} (from 0) of the batch. */
        void bind(PreparedStatement p, int row) throws SQLException;
    }

    /**
     * Reads a result's current row as a value.
     *
     * @since 0.1
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface RowReader<T> {
        /** @return the value of the current row of {@code rs}; do not move {@code rs} */
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Takes in a result's current row.
     *
     * @since 0.1
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface RowHandler {
        /** Takes in the current row of {@code rs}; do not move {@code rs}. */
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Runs an update, delete or insert.
     *
     * @param h   the command's handle; its connection (in the command's transaction) runs the statement
     * @param sql the statement with {@code ?} parameters (see {@link #positional})
     * @return the number of rows it changed
     * @throws UnableToExecuteStatementException when the driver fails, naming {@code sql}
     */
    public static int update(Handle h, Prepared how, String sql, Binder b) {
        return run(h, how, sql, null, b, null, 0, PlainJdbc::runUpdate);
    }

    /**
     * Runs an insert and reads the generated key column {@code key} of the row it wrote.
     *
     * @return the generated key, or 0 when the insert wrote no row (an {@code INSERT … SELECT} that selected none; the
     *     generated keys of OAKit's tables start at 1)
     * @throws UnableToExecuteStatementException when the driver fails, naming {@code sql}
     * @throws IllegalStateException when the database returns no key for the row
     */
    public static long insert(Handle h, Prepared how, String sql, String key, Binder b) {
        return run(h, how, sql, key, b, null, 0, PlainJdbc::runInsert);
    }

    /**
     * Runs a query and reads its first row.
     *
     * @return the first row as {@code r} reads it, or empty when there is none (the other rows are not read)
     * @throws UnableToExecuteStatementException when the driver fails, naming {@code sql}
     */
    public static <T> Optional<T> one(Handle h, Prepared how, String sql, Binder b, RowReader<T> r) {
        return run(h, how, sql, null, b, r, 0, PlainJdbc::readOne);
    }

    /**
     * Runs a query and reads every row.
     *
     * @param expected how many rows the caller expects (a page's size), the list's first capacity; 0 for the default
     * @return the rows as {@code r} reads them, in order, in a new mutable list
     * @throws UnableToExecuteStatementException when the driver fails, naming {@code sql}
     */
    public static <T> List<T> query(Handle h, Prepared how, String sql, int expected, Binder b, RowReader<T> r) {
        return run(h, how, sql, null, b, r, expected, PlainJdbc::readAll);
    }

    /**
     * Runs a query and hands every row, in order, to {@code r}.
     *
     * @throws UnableToExecuteStatementException when the driver fails, naming {@code sql}
     */
    public static void each(Handle h, Prepared how, String sql, Binder b, RowHandler r) {
        run(h, how, sql, null, b, r, 0, PlainJdbc::readEach);
    }

    /**
     * Runs {@code rows} rows of a statement as one batch.
     *
     * @throws UnableToExecuteStatementException when the driver fails, naming {@code sql}
     */
    public static void batch(Handle h, Prepared how, String sql, int rows, BatchBinder b) {
        run(h, how, sql, null, b, null, rows, PlainJdbc::runBatch);
    }

    /**
     * Runs {@code rows} rows of an insert as one batch and reads the generated key column {@code key} of each row.
     *
     * @return the generated keys, in the order of the rows, in a new mutable list
     * @throws UnableToExecuteStatementException when the driver fails, naming {@code sql}
     */
    public static List<Long> batchInsert(Handle h, Prepared how, String sql, String key, int rows, BatchBinder b) {
        List<Long> keys = run(h, how, sql, key, b, null, rows, PlainJdbc::runBatchInsert);
        if (keys.size() != rows) {
            // callers match keys to rows by position: fewer (a driver setting that returns one per batch) would misplace them
            throw new IllegalStateException("the database returned " + keys.size() + " generated keys for a batch of " + rows
                    + " rows [statement:\"" + sql + "\"]: batchInsert needs the driver to return every row's key");
        }
        return keys;
    }

    /** What a statement helper does with its statement: {@code b} binds, {@code r} reads, {@code rows} of a batch (or expected). */
    @FunctionalInterface
    private interface Work<B, R, T> {
        T run(PreparedStatement p, B b, R r, int rows) throws SQLException;
    }

    /**
     * The one way of the statement helpers: the statement held or prepared, the work done, the statement closed
     * unless held, a failure thrown as Jdbi's naming the SQL. The works are static method references, so a helper's call
     * allocates its lease (which marks a held statement in use: a nested use of the same SQL gets a statement of its own),
     * what its caller's lambdas capture and its result (an insert's key is boxed on its way out; an update's count of 0
     * or 1 is a cached box).
     */
    private static <B, R, T> T run(Handle h, Prepared how, String sql, String key, B b, R r, int rows, Work<B, R, T> work) {
        Connection c = h.getConnection();
        try {
            try (HeldStatements.Lease lease = how == Prepared.HELD
                    ? HeldStatements.hold(c, sql, key, h) : HeldStatements.once(c, sql, key)) {
                return work.run(lease.statement(), b, r, rows);
            }
        } catch (SQLException e) {
            throw failed(e, sql);
        }
    }

    private static Integer runUpdate(PreparedStatement p, Binder b, Object unused, int rows) throws SQLException {
        b.bind(p);
        return p.executeUpdate();
    }

    private static Long runInsert(PreparedStatement p, Binder b, Object unused, int rows) throws SQLException {
        b.bind(p);
        return p.executeUpdate() == 0 ? 0L : generatedKey(p);
    }

    private static <T> Optional<T> readOne(PreparedStatement p, Binder b, RowReader<T> r, int rows) throws SQLException {
        b.bind(p);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.of(r.read(rs)) : Optional.empty();
        }
    }

    private static <T> List<T> readAll(PreparedStatement p, Binder b, RowReader<T> r, int expected) throws SQLException {
        b.bind(p);
        List<T> out = expected > 0 ? new ArrayList<>(expected) : new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(r.read(rs));
            }
        }
        return out;
    }

    private static Void readEach(PreparedStatement p, Binder b, RowHandler r, int rows) throws SQLException {
        b.bind(p);
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                r.row(rs);
            }
        }
        return null;
    }

    private static Void runBatch(PreparedStatement p, BatchBinder b, Object unused, int rows) throws SQLException {
        for (int row = 0; row < rows; row++) {
            b.bind(p, row);
            p.addBatch();
        }
        p.executeBatch();
        return null;
    }

    private static List<Long> runBatchInsert(PreparedStatement p, BatchBinder b, Object unused, int rows) throws SQLException {
        runBatch(p, b, unused, rows);
        return generatedKeys(p);
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

    /** @return the failure of {@code sql} as Jdbi would throw it, naming the statement as Jdbi's own failures do */
    static UnableToExecuteStatementException failed(SQLException e, String sql) {
        return new UnableToExecuteStatementException(e + " [statement:\"" + sql + "\"]", e, null);
    }
}
