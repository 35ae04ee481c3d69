package dev.oakit.core.spi;

import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;

import java.util.function.Function;

/**
 * Runs commands and queries the OAKit way: one transaction, audited, with outbox events, retried
 * on transient lock conflicts, idempotent by request id, and joining the host's JDBC transaction
 * when the host opened one with {@code OaKit.inHostTransaction}. A command run inside another
 * command joins its transaction and is audited as its own entry. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Commands {
    /**
     * Runs a command.
     *
     * @param spec who does what; its request id, when present, makes the command idempotent
     * @param resultType class of the result, used to return the stored result of a repeated request id
     * @param body the decision and the writes
     * @return the body's result (or the first result for a repeated request id)
     */
    <T> T execute(CommandSpec spec, Class<T> resultType, Function<CommandContext, T> body);

    /**
     * Runs a read-only query; not audited. It joins the current transaction (or the host's) when
     * there is one; otherwise it reads in auto-commit mode, each statement seeing committed rows as
     * in a READ COMMITTED transaction, without the COMMIT round trip. Use
     * {@link #queryInTransaction} to stream a large result with a fetch size.
     */
    <T> T query(Function<Handle, T> query);

    /**
     * Runs a read-only query in a transaction (joining the current one, if any); not audited. For
     * reads that stream many rows with a fetch size (PostgreSQL's driver fetches in batches only
     * inside a transaction; in auto-commit mode it loads the whole result into memory), and for
     * several statements that must share one snapshot on a pool set to REPEATABLE READ or above.
     */
    <T> T queryInTransaction(Function<Handle, T> query);

    /**
     * Whether a job of the tenant with the dedupe key waits (for its first attempt or a retry) or runs: a plugin
     * that keeps a chain of jobs going checks it at start and schedules (in an audited command) only when the chain
     * is gone, so a restart with the chain alive writes nothing. Reads only; not audited.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    boolean jobWaiting(String tenantId, String dedupeKey);
}
