package dev.oakit.integration.reconcile;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.Optional;

/**
 * Reconciliation of OAKit with a remote ({@code oa.service(Reconciliations.class)}): a durable job reads
 * every record of an entity type through the target's change feed, page by page with no transaction
 * open, and compares it with the ID map and OAKit's writes: remote records carrying our key with no write
 * of ours, keys carried by two records, confirmed writes and links whose remote record is gone, and (with
 * a {@link dev.oakit.integration.spi.FieldCheck}) differing fields. The last report of each entity type is
 * kept. For administrators. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Reconciliations {
    /**
     * Runs a reconciliation now and then every {@link ReconcileSpec#every()}.
     *
     * @throws dev.oakit.core.ValidationException {@code OA-INT/NO_SUCH_OPERATION} when no connector has that feed
     */
    void schedule(Actor admin, ReconcileSpec spec);

    /** @return the last report of a target's entity type, when one ran */
    Optional<ReconcileReport> last(Actor admin, String target, String entityType);
}
