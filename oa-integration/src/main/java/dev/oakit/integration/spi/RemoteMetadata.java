package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.Optional;

/**
 * What a connector can tell about the remote's schema: the fields of an entity, with their types and
 * required flags (Odoo's {@code fields_get}, Frappe's DocType meta). A connector that implements it
 * next to {@link Connector} lets OAKit compare each mapping of its target with the remote and
 * quarantine a mapping that no longer fits, instead of failing on the first document at night.
 * Calls never run inside a database transaction; each must end within {@link CallContext#timeout()}.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RemoteMetadata {
    /**
     * Reads an entity's fields.
     *
     * @param entity the remote entity as the mapping names it ({@code Purchase Order}, {@code purchase.order})
     * @return its fields, or empty when the remote has no such entity
     * @throws RemoteCallException classified: the metadata could not be read (the mapping's state is then left as it was)
     */
    Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException;
}
