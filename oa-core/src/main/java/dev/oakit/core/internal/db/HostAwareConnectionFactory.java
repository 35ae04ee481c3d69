package dev.oakit.core.internal.db;

import dev.oakit.core.spi.HostTransactions;
import org.jdbi.v3.core.ConnectionFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands out pooled connections, or, while a host runs OAKit commands inside its own JDBC
 * transaction, that transaction's connection (which OAKit then neither commits nor closes): the
 * one bound with {@code OaKit.inHostTransaction}, else the one the host's {@link HostTransactions}
 * names for this thread.
 */
public final class HostAwareConnectionFactory implements ConnectionFactory {
    private final DataSource dataSource;
    private final HostTransactions hostTransactions;
    private final ThreadLocal<Connection> hostConnection = new ThreadLocal<>();

    HostAwareConnectionFactory(DataSource dataSource, HostTransactions hostTransactions) {
        this.dataSource = dataSource;
        this.hostTransactions = hostTransactions;
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection host = hostConnection();
        return host != null ? host : dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection toClose) throws SQLException {
        if (toClose != hostConnection()) {
            toClose.close(); // OAKit closes only what it opened
        }
    }

    /** @return the host connection of this thread (bound, or the host's running transaction's), or null */
    public Connection hostConnection() {
        Connection bound = hostConnection.get();
        if (bound != null || hostTransactions == null) {
            return bound;
        }
        return hostTransactions.currentConnection();
    }

    /**
     * Defers {@code action} until the host's transaction of this thread commits, where the host's
     * {@link HostTransactions} can; under {@code inHostTransaction} it is dropped (the job workers
     * find the jobs on their next poll).
     */
    public void afterHostCommit(Runnable action) {
        if (hostConnection.get() == null && hostTransactions != null) {
            hostTransactions.afterCommit(action);
        }
    }

    /** Binds a host connection to this thread; returns the previous one. */
    public Connection bind(Connection connection) {
        Connection previous = hostConnection.get();
        if (connection == null) {
            hostConnection.remove();
        } else {
            hostConnection.set(connection);
        }
        return previous;
    }
}
