package dev.oakit.core.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The database OAKit works on: the host's {@link DataSource} or an embedded H2 file database it
 * creates (and closes) itself. Opened in {@code start()}, never while configuring. Its dialect, read from the JDBC
 * metadata when it opens, is OAKit's one answer to which database it runs on; plugins get it as {@code OaDatabase}.
 */
public final class Database implements AutoCloseable, dev.oakit.core.spi.OaDatabase {
    private final DataSource hostDataSource;
    private final Path dataDirectory;
    private volatile DataSource dataSource;
    private volatile HikariDataSource ownPool;
    private volatile Dialect dialect;
    private volatile Jdbi jdbi;
    private volatile Jdbi poolJdbi;
    private volatile HostAwareConnectionFactory connections;
    private volatile String url;
    private final dev.oakit.core.spi.HostTransactions hostTransactions;
    private volatile boolean closed;

    public Database(DataSource hostDataSource, Path dataDirectory) {
        this(hostDataSource, dataDirectory, null);
    }

    /** @param hostTransactions the host's transactions OAKit joins, or null */
    public Database(DataSource hostDataSource, Path dataDirectory, dev.oakit.core.spi.HostTransactions hostTransactions) {
        this.hostDataSource = hostDataSource;
        this.dataDirectory = dataDirectory;
        this.hostTransactions = hostTransactions;
    }

    /** Opens the pool (if OAKit owns it) and detects the dialect. Idempotent. */
    public synchronized void open() {
        if (jdbi != null) {
            return;
        }
        closed = false;
        DataSource ds = hostDataSource;
        if (ds == null) {
            HikariConfig config = new HikariConfig();
            Path file = dataDirectory.toAbsolutePath().resolve("oakit");
            config.setJdbcUrl("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64");
            config.setUsername("sa");
            config.setPassword("");
            config.setMaximumPoolSize(10);
            config.setPoolName("oakit-h2");
            ownPool = new HikariDataSource(config);
            ds = ownPool;
        }
        try (Connection c = ds.getConnection()) {
            dialect = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
            url = c.getMetaData().getURL();
        } catch (SQLException | IllegalArgumentException e) {
            if (ownPool != null) {
                ownPool.close();
                ownPool = null;
            }
            throw new ConfigurationException(List.of("cannot open the database: " + e.getMessage()
                    + "; check the DataSource given to OAKit (or the data directory " + dataDirectory + ")"), e);
        }
        dataSource = ds;
        connections = new HostAwareConnectionFactory(ds, hostTransactions);
        Jdbi j = Jdbi.create(connections);
        j.getConfig(Handles.class).setForceEndTransactions(false);
        InstantAsUtc.install(j);
        StatementSetUp.install(j);
        Jdbi pool = Jdbi.create(ds);
        pool.getConfig(Handles.class).setForceEndTransactions(false);
        InstantAsUtc.install(pool);
        StatementSetUp.install(pool);
        poolJdbi = pool;
        jdbi = j;
    }

    /** @return a Jdbi that always uses pooled connections, never a host's bound connection */
    public Jdbi poolJdbi() {
        jdbi();
        return poolJdbi;
    }

    /** @return the Jdbi; only after {@link #open()} */
    public Jdbi jdbi() {
        Jdbi j = jdbi;
        if (j == null) {
            throw closed ? closedError() : new ConflictException(CoreErrors.NOT_STARTED,
                    "OAKit is not started: call start() on it (OaKit.start()) before using its services");
        }
        return j;
    }

    public DataSource dataSource() {
        jdbi();
        return dataSource;
    }

    public Dialect dialect() {
        jdbi();
        return dialect;
    }

    @Override
    public dev.oakit.core.spi.DatabaseProduct product() {
        return dialect().product();
    }

    /** @return JDBC URL of the database, used to key JVM-level locks for H2 */
    public String url() {
        return url;
    }

    /** Binds a host connection to the current thread for the duration of {@code work}. */
    public HostAwareConnectionFactory connections() {
        jdbi();
        return connections;
    }

    /** @return true after {@link #markClosed()} until the next {@link #open()} */
    public boolean isClosed() {
        return closed;
    }

    /** @return the error of a service used after {@link #close()} */
    public static ConflictException closedError() {
        return new ConflictException(CoreErrors.CLOSED, "OAKit was closed (its job workers stopped, its database released): "
                + "use the services of a running OaKit; close() belongs at the host's shutdown");
    }

    @Override
    public synchronized void close() {
        if (ownPool != null) {
            ownPool.close();
            ownPool = null;
        }
        jdbi = null;
    }

    /** Marks the database closed by the host ({@code OaKit.close()}), so that services say so, not "not started". */
    public void markClosed() {
        closed = true;
    }
}
