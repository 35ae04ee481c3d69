package dev.oakit.core.internal.db;

import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One transaction per outermost unit of work. Nested units join the running one; while a host
 * has bound its own connection, the unit runs in the host's transaction and neither commits nor
 * rolls back (the host does).
 */
public final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private static final int MAX_TRANSIENT_RETRIES = 5;

    private final Database database;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    public Transactions(Database database) {
        this.database = database;
    }

    /** A running transaction. */
    public static final class Tx {
        private final Handle handle;
        private final boolean hostOwned;
        private final List<Runnable> afterCommit = new ArrayList<>();
        private final java.util.Set<String> marks = new java.util.HashSet<>();
        private final java.util.Map<Class<?>, Object> attached = new java.util.HashMap<>();
        /** false for a read in auto-commit mode until a command joins it (and always for a host's transaction) */
        private boolean began;
        private int depth;
        private int savepoints;
        private RuntimeException transientFailure;

        Tx(Handle handle, boolean hostOwned) {
            this.handle = handle;
            this.hostOwned = hostOwned;
        }

        public Handle handle() {
            return handle;
        }

        /** @return how many commands are running in this transaction right now */
        public int depth() {
            return depth;
        }

        public void enter() {
            depth++;
        }

        /**
         * Records that a nested command failed on a transient database error (a deadlock or a
         * lock timeout). Some databases (InnoDB) roll the whole transaction back then, so the
         * outermost command must run again even when a caller caught the nested failure.
         */
        public void markTransient(RuntimeException failure) {
            if (transientFailure == null) {
                transientFailure = failure;
            }
        }

        public void exit() {
            depth--;
        }

        /** @return a number for a new savepoint name, unique within the transaction */
        public int nextSavepoint() {
            return ++savepoints;
        }

        /** @return true when the host's own transaction carries this unit */
        public boolean hostOwned() {
            return hostOwned;
        }

        /** Notes a fact about this transaction (for instance: it wrote the directory) for the rest of it. */
        public void mark(String mark) {
            marks.add(mark);
        }

        /** @return the state of this type kept for the rest of the transaction, made on first use */
        public <T> T attached(Class<T> type, java.util.function.Supplier<T> create) {
            return type.cast(attached.computeIfAbsent(type, t -> create.get()));
        }

        /** @return true when {@link #mark} noted this fact in this transaction */
        public boolean marked(String mark) {
            return marks.contains(mark);
        }

        /**
         * Runs after an OAKit-owned commit; in a host's transaction after the host's commit where its
         * {@code HostTransactions} can defer it, else dropped (durable jobs cover those).
         */
        public void afterCommit(Runnable r) {
            afterCommit.add(r);
        }
    }

    /**
     * @return true when a host's transaction is bound to this thread ({@code OaKit.inHostTransaction}):
     *     every OAKit unit on it joins the host's connection, whose rows are not committed yet
     */
    public boolean hostTransactionBound() {
        Connection host = database.connections().hostConnection();
        try {
            return host != null && !host.getAutoCommit();
        } catch (SQLException e) {
            return true;
        }
    }

    /** @return the transaction running on this thread, or null */
    public Tx current() {
        return current.get();
    }

    /** Runs {@code work} in a transaction, retrying transient lock conflicts when OAKit owns it. */
    public <T> T inTransaction(Function<Tx, T> work) {
        Tx existing = current.get();
        if (existing != null) {
            if (!existing.hostOwned && !existing.began) {
                begin(existing); // a command inside an auto-commit read: from here on, one transaction
            }
            return work.apply(existing);
        }
        return retrying(work, false);
    }

    /**
     * Runs a read-only unit. It joins the running unit (a transaction, the host's, or an outer
     * read, which stays in auto-commit mode); otherwise it reads in auto-commit mode, without
     * BEGIN and COMMIT: each statement reads committed rows as it would in a READ COMMITTED
     * transaction, and the unit saves the COMMIT round trip (on MariaDB also the isolation and
     * auto-commit switches). A command run inside it turns it into a transaction from that point
     * on. A pool whose connections are not in auto-commit mode gets a transaction as before.
     */
    public <T> T read(Function<Tx, T> work) {
        Tx existing = current.get();
        if (existing != null) {
            return work.apply(existing);
        }
        return retrying(work, true);
    }

    private <T> T retrying(Function<Tx, T> work, boolean read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work, read);
            } catch (TransientFailure e) {
                if (attempt >= MAX_TRANSIENT_RETRIES) {
                    throw new ConflictException(CoreErrors.CONFLICT, "the command kept colliding with concurrent commands ("
                            + e.getCause().getMessage() + "); nothing was changed, try again");
                }
                LOG.debug("retrying after transient database conflict (attempt {})", attempt, e.getCause());
                sleepQuietly(attempt * 10L + (long) (Math.random() * 20));
            }
        }
    }

    private <T> T runOnce(Function<Tx, T> work, boolean read) {
        Connection host = database.connections().hostConnection();
        Handle handle = database.jdbi().open();
        boolean hostOwned;
        boolean autoCommit;
        try {
            hostOwned = host != null && !host.getAutoCommit();
            autoCommit = handle.getConnection().getAutoCommit();
        } catch (SQLException e) {
            handle.close();
            throw translate(e);
        }
        Tx tx = new Tx(handle, hostOwned);
        current.set(tx);
        T result;
        try {
            if (!hostOwned && !(read && autoCommit)) {
                begin(tx);
            }
            result = work.apply(tx);
            if (!hostOwned && tx.transientFailure != null) {
                throw tx.transientFailure; // a nested command hit a deadlock: the whole unit runs again
            }
            if (!hostOwned && tx.began) {
                handle.commit();
            }
        } catch (RuntimeException | Error e) {
            if (!hostOwned && tx.began) {
                try {
                    handle.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            current.remove();
            handle.close();
            if (!hostOwned && (isTransient(e) || tx.transientFailure != null)) {
                throw new TransientFailure(e);
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw translate((RuntimeException) e);
        }
        current.remove();
        handle.close();
        if (hostOwned) {
            // the host commits later: its transaction manager runs these after its commit, if it can
            for (Runnable r : tx.afterCommit) {
                database.connections().afterHostCommit(() -> runQuietly(r));
            }
            return result;
        }
        for (Runnable r : tx.afterCommit) {
            runQuietly(r);
        }
        return result;
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("after-commit action failed; durable jobs will retry it", e);
        }
    }

    private void begin(Tx tx) {
        if (database.dialect() == Dialect.MARIADB) {
            // InnoDB's default REPEATABLE READ takes gap locks that make concurrent inserts wait
            tx.handle.setTransactionIsolationLevel(org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED);
        }
        tx.handle.begin();
        tx.began = true;
    }

    /** @return true when a transient database error (deadlock, lock timeout) is anywhere in the cause chain */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return Dialect.isTransient(s);
            }
        }
        return false;
    }

    /** Turns raw database failures into OAKit exceptions; OAKit exceptions pass through. */
    public static RuntimeException translate(Exception e) {
        if (e instanceof OaException oa) {
            return oa;
        }
        if (!(e instanceof JdbiException) && !(e instanceof SQLException)) {
            return e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
                break;
            }
        }
        if (sql != null && Dialect.isDuplicateKey(sql)) {
            return new ConflictException(CoreErrors.DUPLICATE, "a record with the same key already exists ("
                    + sql.getMessage().lines().findFirst().orElse("") + "); use another key or update the existing record");
        }
        if (sql != null) {
            return new IntegrationException(CoreErrors.DATABASE, "database operation failed: "
                    + sql.getMessage().lines().findFirst().orElse("") + " (SQL state " + sql.getSQLState()
                    + "); check the database is reachable and migrated", Dialect.isTransient(sql), e);
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class TransientFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TransientFailure(Throwable cause) {
            super(cause);
        }
    }
}
