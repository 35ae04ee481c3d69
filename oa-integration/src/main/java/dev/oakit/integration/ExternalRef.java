package dev.oakit.integration;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A record of another system: which system, which kind of record, and its id there.
 *
 * @param system the other system's id as the host names it, e.g. {@code erp}; at most 64 characters
 * @param entityType the kind of record, e.g. {@code vendor}; at most 64 characters
 * @param externalId the record's id in that system; at most 191 characters
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ExternalRef(String system, String entityType, String externalId) {
    /** Checks the components. */
    public ExternalRef {
        Checks.id("system", system);
        Checks.id("entityType", entityType);
        Checks.text("externalId", externalId, 191);
    }

    /** @return the reference */
    public static ExternalRef of(String system, String entityType, String externalId) {
        return new ExternalRef(system, entityType, externalId);
    }

    @Override
    public String toString() {
        return system + "/" + entityType + "/" + externalId;
    }
}
