package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A remote entity's fields, as {@link RemoteMetadata} reads them.
 *
 * @param name the entity's name
 * @param fields its fields by name
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RemoteEntity(String name, Map<String, RemoteField> fields) {
    /** Copies the fields. */
    public RemoteEntity {
        Objects.requireNonNull(name, "name");
        fields = Map.copyOf(fields);
    }

    /** @return an entity of these fields, keyed by their names */
    public static RemoteEntity of(String name, List<RemoteField> fields) {
        Map<String, RemoteField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return new RemoteEntity(name, byName);
    }
}
