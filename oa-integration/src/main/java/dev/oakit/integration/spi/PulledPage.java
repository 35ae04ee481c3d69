package dev.oakit.integration.spi;

import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/**
 * A page of a change pull as a {@link PageConsumer} sees it, valid only during {@link PageConsumer#apply}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PulledPage {
    /** @return the tenant the pull runs for */
    String tenantId();

    /** @return the connector's id */
    String target();

    /** @return the feed's entity type */
    String entityType();

    /** @return the records to apply, each remote record once (its newest version in the page), in the feed's order; never null */
    List<RemoteRecord> records();

    /**
     * @return true on the pull's first run, when nothing of the feed was stored before: the consumer may insert
     *     without reading what it has; should a record be there after all (a webhook came first), the insert fails
     *     as a duplicate key and the page is applied again with this false
     */
    boolean firstSync();

    /** @return the page's transaction; write only the consumer's own tables with it */
    Handle handle();

    /** @return the command's time */
    Instant now();

    /**
     * Links a remote record to an OAKit id in the ID map, with the page: written in one statement for the page,
     * after {@link PageConsumer#apply}, unless the record is linked already (to that id or another: an existing
     * link is never moved here).
     *
     * @param entityType the ID map's entity type
     */
    void link(String entityType, String externalId, String localId);

    /** Adds a short note to the page's audit entry (e.g. "12 new, 3 updated"). */
    void note(String note);
}
