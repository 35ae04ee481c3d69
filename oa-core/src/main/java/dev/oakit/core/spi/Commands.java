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
     * in a READ COMMITTED transaction, without the BEGIN and COMMIT round trips.
     */
    <T> T query(Function<Handle, T> query);
}
