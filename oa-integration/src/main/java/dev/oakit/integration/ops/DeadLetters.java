package dev.oakit.integration.ops;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Operations on what the integration keeps ({@code oa.service(DeadLetters.class)}): one view of every dead letter
 * (remote writes' and those of contributed stores such as the AMQP plugin's), and the retention purge of inbox
 * deliveries and dead letters ({@code integration.retention}). For administrators of the tenant. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DeadLetters {
    /**
     * @param admin an administrator of the tenant
     * @param limit at most this many (1 to 10,000), newest first over every source
     * @return the dead letters, resolved ones included
     */
    List<DeadLetter> list(Actor admin, int limit);

    /**
     * Deletes, in one audited command, the inbox deliveries older than {@code integration.retention.inboxDeliveries}
     * and the resolved dead letters older than {@code integration.retention.deadLetters} (unresolved ones too only with
     * {@code purgeUnresolved}). Remote writes are never deleted: a write's row is the record of its key that keeps
     * the remote document single.
     *
     * @param admin an administrator of the tenant
     * @return what was deleted
     */
    PurgeReport purge(Actor admin);

    /**
     * Schedules the purge as a durable recurring job of the tenant, first now, then every
     * {@code integration.retention.every}; scheduling again replaces the waiting run. One audited command.
     *
     * @param admin an administrator of the tenant
     */
    void scheduleRetention(Actor admin);
}
