package dev.oakit.spring.internal;

import dev.oakit.core.spi.HostTransactions;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * Spring's transactions as OAKit's host transactions: a transaction is joined when Spring runs an
 * actual one on this thread and has bound a connection of OAKit's {@link DataSource} to it (what
 * {@code DataSourceTransactionManager}, {@code JdbcTransactionManager} and {@code JpaTransactionManager}
 * do). After-commit work goes to a {@link TransactionSynchronization}.
 */
public final class SpringHostTransactions implements HostTransactions {
    private final DataSource dataSource;

    public SpringHostTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection currentConnection() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null; // no transaction, or propagation SUPPORTS / NOT_SUPPORTED: OAKit runs its own
        }
        // a transaction of another DataSource, or of JTA without a bound connection, is not OAKit's to join
        return TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder
                ? holder.getConnection() : null;
    }

    @Override
    public void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
    }
}
