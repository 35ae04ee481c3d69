package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.List;

/**
 * Compares the fields of an OAKit record with its linked remote record during reconciliation. Contribute
 * one with {@code context.extension(FieldCheck.class, check)}. Runs outside any OAKit transaction; it may
 * read the host's own data. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface FieldCheck {
    /** @return the connector's id it checks */
    String target();

    /** @return the remote entity type it checks */
    String entityType();

    /**
     * @param localId the OAKit id the ID map links to the record
     * @param remote the record as the change feed read it
     * @return each differing field as a sentence naming the field and both values; empty when they agree
     */
    List<String> differences(String localId, RemoteRecord remote);
}
