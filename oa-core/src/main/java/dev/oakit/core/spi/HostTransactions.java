package dev.oakit.core.spi;

import org.apiguardian.api.API;

import java.sql.Connection;

/**
 * The host's transaction manager as OAKit sees it: when the calling thread runs inside a transaction
 * the host manages on OAKit's data source, OAKit's commands and queries join it instead of opening
 * their own. Give one to {@code OaKit.builder().hostTransactions(..)} (or the Guice module's
 * builder); the Spring Boot starter gives one over Spring's transaction synchronization.
 *
 * <p>On a connection that {@link #currentConnection()} returned OAKit neither begins, commits, rolls
 * back nor closes anything: the host's transaction decides. Each command runs behind a savepoint
 * there, so a failed command undoes only its own writes. What OAKit would do after its own commit
 * (waking the job workers for the events and jobs the command wrote, forgetting cached directory
 * answers) it hands to {@link #afterCommit(Runnable)}; after a rollback none of it happens, and
 * nothing the command wrote (its rows, audit entry, outbox events, jobs) exists.
 *
 * <p>Implementations must be thread-safe; both methods are called on the thread that runs the command.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface HostTransactions {
    /**
     * @return the connection of the host's transaction running on the calling thread on OAKit's data
     *     source (auto-commit off), or null when none runs there: OAKit then opens its own transaction
     */
    Connection currentConnection();

    /**
     * Runs {@code action} once the host's transaction of the calling thread has committed, never after
     * a rollback. Called only while {@link #currentConnection()} returns a connection. An implementation
     * that cannot defer may drop the action: the job workers still find the jobs on their next poll.
     *
     * @param action quick, does no database work of the host's transaction; not null
     */
    void afterCommit(Runnable action);
}
