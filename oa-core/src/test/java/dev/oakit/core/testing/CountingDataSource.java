package dev.oakit.core.testing;

import dev.oakit.testing.base.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDBC proxy that counts the statements executed through it (each {@code execute*} call on a
 * statement, a batch counting once), so tests can hold commands to a statement budget. It also
 * counts commits and rollbacks, the other round trips a unit of work makes.
 */
public final class CountingDataSource extends DelegatingDataSource {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final DataSource target;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> autoCommitted = new CopyOnWriteArrayList<>();
    private volatile boolean logging;

    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** @return statements executed since the last reset */
    public long count() {
        return count.get();
    }

    /** Resets the counters (and the log); returns the previous statement count. */
    public long reset() {
        log.clear();
        autoCommitted.clear();
        commits.set(0);
        return count.getAndSet(0);
    }

    /**
     * @return {@code commit()} and {@code rollback()} calls on connections since the last reset
     *     (each a round trip, as is the BEGIN that the driver sends with the first statement)
     */
    public long commits() {
        return commits.get();
    }

    /** Keeps the SQL of counted statements, for a test's failure message. */
    public void logging(boolean on) {
        logging = on;
    }

    /** @return SQL of statements run outside a transaction (auto-commit on) since the last reset (when logging) */
    public List<String> autoCommitted() {
        return List.copyOf(autoCommitted);
    }

    /** @return SQL of statements counted since the last reset (when logging) */
    public List<String> log() {
        return List.copyOf(log);
    }

    private Connection wrap(Connection c) {
        InvocationHandler h = (proxy, m, args) -> {
            if ((m.getName().equals("commit") || m.getName().equals("rollback")) && !c.getAutoCommit()) {
                commits.incrementAndGet();
            }
            Object r = invoke(c, m, args);
            if (r instanceof Statement s) {
                String sql = args != null && args.length > 0 && args[0] instanceof String str ? str : null;
                return wrap(s, sql, c);
            }
            return r;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, h);
    }

    private Object wrap(Statement s, String preparedSql, Connection c) {
        Class<?>[] ifaces = s instanceof java.sql.CallableStatement ? new Class<?>[]{java.sql.CallableStatement.class}
                : s instanceof java.sql.PreparedStatement ? new Class<?>[]{java.sql.PreparedStatement.class}
                : new Class<?>[]{Statement.class};
        return Proxy.newProxyInstance(getClass().getClassLoader(), ifaces, (proxy, m, args) -> {
            if (EXECUTE.contains(m.getName())) {
                count.incrementAndGet();
                if (logging) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String str ? str : String.valueOf(preparedSql);
                    log.add(sql);
                    if (c.getAutoCommit()) {
                        autoCommitted.add(sql);
                    }
                }
            }
            return invoke(s, m, args);
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    protected DataSource target() {
        return target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }
}
