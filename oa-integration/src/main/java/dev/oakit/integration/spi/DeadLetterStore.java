package dev.oakit.integration.spi;

import dev.oakit.integration.ops.DeadLetter;
import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/**
 * A plugin's own dead letters, shown in {@link dev.oakit.integration.ops.DeadLetters} and purged by its retention
 * (contribute with {@code context.extension(DeadLetterStore.class, impl)}). Both methods run on the handle of a
 * command or query of the integration, inside its transaction: SQL on the plugin's own table only, no remote call.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DeadLetterStore {
    /** @return the source's name in {@link DeadLetter#source()}, e.g. {@code amqp} */
    String source();

    /** @return the tenant's newest dead letters, at most {@code limit}, newest first */
    List<DeadLetter> newest(Handle h, String tenantId, int limit);

    /**
     * Deletes the tenant's dead letters older than {@code before}: resolved ones, and unresolved ones too when asked.
     *
     * @return how many were deleted
     */
    int purge(Handle h, String tenantId, Instant before, boolean unresolvedToo);
}
