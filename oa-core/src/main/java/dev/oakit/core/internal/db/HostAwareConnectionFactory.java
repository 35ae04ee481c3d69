package dev.oakit.core.internal.db;

import org.jdbi.v3.core.ConnectionFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands out pooled connections, or, while a host runs OAKit commands inside its own JDBC
 * transaction, that transaction's connection (which OAKit then neither commits nor closes).
 */
public final class HostAwareConnectionFactory implements ConnectionFactory {
    private final DataSource dataSource;
    private final ThreadLocal<Connection> hostConnection = new ThreadLocal<>();

    HostAwareConnectionFactory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection host = hostConnection.get();
        return host != null ? host : dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection toClose) throws SQLException {
        if (toClose != hostConnection.get()) {
            toClose.close();
        }
    }

    /** @return the host connection bound to this thread, or null */
    public Connection hostConnection() {
        return hostConnection.get();
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
