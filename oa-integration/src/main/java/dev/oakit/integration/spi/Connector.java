package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.List;

/**
 * A remote system OAKit writes to and reads from, with its typed operations. Contribute one with
 * {@code context.extension(Connector.class, connector)} in a plugin's {@code configure}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Connector {
    /** @return the target's id, e.g. {@code erp}; unique among connectors, at most 64 characters */
    String id();

    /** @return the documents this connector creates, each an operation with its own payload type */
    List<RemoteCreate<?>> creates();

    /** @return the entity types OAKit may pull incrementally from this target; none unless overridden */
    default List<ChangeFeed> feeds() {
        return List.of();
    }
}
