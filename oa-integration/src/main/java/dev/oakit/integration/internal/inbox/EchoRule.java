package dev.oakit.integration.internal.inbox;

import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.internal.write.WriteRepository;
import dev.oakit.integration.spi.ChangeFeed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * The one rule that recognises OAKit's own writes coming back, from a pull or a webhook: a change is
 * an echo when
 * <ol>
 *   <li>the target's change feed of the entity type names the create operation whose documents it reads,</li>
 *   <li>the inbox holds no version of the record yet (its first sighting: the document as OAKit created it), and</li>
 *   <li>a write of ours made it: confirmed with the record's remote id, or requested with the key the record carries.</li>
 * </ol>
 * An echo is recorded as seen (its version stored, so a webhook or pull of it again is a duplicate) and
 * not applied. Later versions of the document are the remote's own changes and are applied.
 */
@Singleton
public final class EchoRule {
    private final Connectors connectors;
    private final WriteRepository writes;

    @Inject
    public EchoRule(Connectors connectors, WriteRepository writes) {
        this.connectors = connectors;
        this.writes = writes;
    }

    /**
     * @param firstSighting whether the inbox holds no version of the record
     * @param key OAKit's key the record carries, or null
     * @return whether the change is our own write coming back
     */
    public boolean isEcho(Handle h, String tenant, String system, String entityType, String entityId, String key, boolean firstSighting) {
        if (!firstSighting) {
            return false;
        }
        String operation = connectors.feed(system, entityType).map(ChangeFeed::createOperation).orElse(null);
        return operation != null && writes.ours(h, tenant, system, operation, entityId, key);
    }

    /**
     * The rule for a page of first sightings, in one statement.
     *
     * @param keys OAKit's key each record carries (null: none), by remote id; every one a first sighting
     * @return the remote ids among them that are echoes
     */
    public java.util.Set<String> echoesAmong(Handle h, String tenant, String system, String entityType, java.util.Map<String, String> keys) {
        String operation = connectors.feed(system, entityType).map(ChangeFeed::createOperation).orElse(null);
        return operation == null || keys.isEmpty() ? java.util.Set.of() : writes.oursAmong(h, tenant, system, operation, keys);
    }
}
