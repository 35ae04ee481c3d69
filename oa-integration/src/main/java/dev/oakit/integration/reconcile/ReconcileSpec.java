package dev.oakit.integration.reconcile;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Duration;

/**
 * What to reconcile: every record of a target's entity type, read through its
 * {@link dev.oakit.integration.spi.ChangeFeed} from the start, against the ID map's links of
 * {@code linkType} in that system and the writes of the feed's create operation. Immutable.
 *
 * @param target the connector's id
 * @param entityType the feed's entity type
 * @param linkType the ID map's entity type of these records in that system; null for {@code entityType}
 * @param every how often to run; null to run only when asked
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReconcileSpec(String target, String entityType, String linkType, Duration every) {
    /** Fills the default and checks values. */
    public ReconcileSpec {
        Checks.id("target", target);
        Checks.id("entityType", entityType);
        linkType = linkType == null ? entityType : Checks.id("linkType", linkType);
        if (every != null && every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw ValidationException.of("every", "must be at least one minute (or null to run only when asked), was " + every);
        }
    }

    /** @return a reconciliation run when asked, the ID map's links under the remote's entity type */
    public static ReconcileSpec of(String target, String entityType) {
        return new ReconcileSpec(target, entityType, null, null);
    }

    /** @return this spec with the ID map's entity type */
    public ReconcileSpec linkType(String linkType) {
        return new ReconcileSpec(target, entityType, linkType, every);
    }

    /** @return this spec running every {@code every} */
    public ReconcileSpec every(Duration every) {
        return new ReconcileSpec(target, entityType, linkType, every);
    }
}
