package dev.oakit.integration.spi;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * One record as a {@link ChangeFeed} read it from the remote. Immutable.
 *
 * @param entityType the remote entity type, e.g. {@code Supplier}; an id, the feed's {@link ChangeFeed#entityType()}
 * @param externalId the remote record's id, at most 191 characters
 * @param version the record's version at the remote, increasing with each change: a sequence, or its
 *     modification time ({@code modified}, {@code write_date}) as a number; the same unit its webhooks carry
 * @param key OAKit's key when the record carries one (the field a {@link RemoteCreate} sends it in); null otherwise
 * @param payload the record as JSON; may be null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RemoteRecord(String entityType, String externalId, long version, String key, String payload) {
    /** Checks the components. */
    public RemoteRecord {
        Checks.id("entityType", entityType);
        Checks.text("externalId", externalId, 191);
        Checks.optionalText("key", key, 191);
    }
}
