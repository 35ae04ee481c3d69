package dev.oakit.testing.base;

import org.apiguardian.api.API;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * A {@link DataSource} that passes every call on to the one {@link #target()} names at that moment: the base of the
 * test kit's wrappers (a schema's pool made at its first use, a statement counter, a benchmark's switch between the
 * two). A subclass overrides what it adds, such as {@link #getConnection()} to wrap the connection.
 * {@link #unwrap} and {@link #isWrapperFor} answer for the wrapper itself first, then for the target.
 *
 * <p>For OAKit's own test kits and benchmarks; it may change in any release.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class DelegatingDataSource implements DataSource {
    /** For subclasses. */
    protected DelegatingDataSource() {
    }

    /**
     * @return the data source this call goes to
     * @throws SQLException when there is none to be had (such as a schema that cannot be made)
     */
    protected abstract DataSource target() throws SQLException;

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target().getLoginTimeout();
    }

    /** @return the logger of the subclass's package (the target may not be reachable without an {@link SQLException}) */
    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(getClass().getPackageName());
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target().isWrapperFor(type);
    }
}
