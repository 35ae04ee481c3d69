package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the changes of one remote entity type since a watermark, for an incremental pull: ERPNext's
 * {@code GET /api/resource/<DocType>} with a {@code modified >=} filter, Odoo's {@code search_read} on
 * {@code write_date >=}. OAKit pages through it, accepts each record through the inbox (so a webhook and
 * a pull of one change apply once) and stores the watermark. Calls never run inside a database
 * transaction; each must end within {@link CallContext#timeout()}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ChangeFeed {
    /** @return the remote entity type it reads, e.g. {@code Supplier}; unique within its connector */
    String entityType();

    /**
     * Reads one page.
     *
     * @param from the smallest version and how many records of the order to skip
     * @param limit the most records to return, 1 or more
     * @return records with {@code version >= from.version()}, ordered by (version, external id), the
     *     first {@code from.skip()} of them left out, at most {@code limit}; fewer than {@code limit} only
     *     when there are no more
     * @throws RemoteCallException classified: the read failed
     */
    List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException;

    /**
     * Reads one record of the feed now, as a page would give it (same version, key and payload), for a webhook that
     * names a changed record without carrying it whole ({@link dev.oakit.integration.pull.ChangeNotices}). A feed that
     * cannot read one record keeps this default, which refuses.
     *
     * @param externalId the remote record's id
     * @return the record, or empty when the remote has no such record among the feed's (another kind, deleted)
     * @throws RemoteCallException classified: the read failed; {@code PERMANENT} by default
     * @since 0.1
     */
    default Optional<RemoteRecord> read(CallContext call, String externalId) throws RemoteCallException {
        throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "the " + entityType() + " feed reads no single record;"
                + " let pulls bring its changes");
    }

    /**
     * @return the create operation of the same connector whose documents this feed reads back (its
     *     records are then checked for echoes of OAKit's own writes), or null when OAKit creates none of them
     */
    default String createOperation() {
        return null;
    }

    /**
     * @param overlap how far back a pull re-reads, as a time
     * @return the same in the unit of the versions: milliseconds unless overridden (microseconds for
     *     versions in microseconds; 0 for a sequence, whose order the remote's clock cannot shuffle)
     */
    default long versionsIn(Duration overlap) {
        return overlap.toMillis();
    }
}
