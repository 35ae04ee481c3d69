package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.Objects;

/**
 * A {@link ChangeFeed} whose entity type, create operation and page reader are given once, to its constructor, so a
 * connector's feed only says how it reads a page ({@link #since}); the paging stays the connector's:
 *
 * <pre>{@code
 * final class SupplierFeed extends AbstractChangeFeed<SupplierFeed.Rows> {
 *     SupplierFeed(Rows rows) {
 *         super("Supplier", null, rows);
 *     }
 *     // since(call, from, limit): read the rows since the watermark, then page().read(...) them
 * }
 * }</pre>
 *
 * Thread-safe as far as the subclass and the page reader are.
 *
 * @param <P> how the subclass turns a page of remote rows into records' payloads (its own interface)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractChangeFeed<P> implements ChangeFeed {
    private final String entityType;
    private final String createOperation;
    private final P page;

    /**
     * @param entityType the entity type it reads, unique within its connector; not null
     * @param createOperation the create operation whose documents it reads back (for the echo rule), or null
     * @param page the subclass's page reader; not null
     */
    protected AbstractChangeFeed(String entityType, String createOperation, P page) {
        this.entityType = Objects.requireNonNull(entityType, "entityType");
        this.createOperation = createOperation;
        this.page = Objects.requireNonNull(page, "page");
    }

    @Override
    public final String entityType() {
        return entityType;
    }

    @Override
    public final String createOperation() {
        return createOperation;
    }

    /** @return the page reader given to the constructor */
    protected final P page() {
        return page;
    }

    /** @return a record of this feed's entity type */
    protected final RemoteRecord record(String externalId, long version, String key, String payload) {
        return new RemoteRecord(entityType, externalId, version, key, payload);
    }
}
