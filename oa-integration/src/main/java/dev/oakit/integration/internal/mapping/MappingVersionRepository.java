package dev.oakit.integration.internal.mapping;

import dev.oakit.integration.internal.Columns;
import dev.oakit.integration.mapping.FieldMapping;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** Every statement on {@code oa_int_mapping_version}: each mapping version's document, stored the first time it is used. */
@Singleton
public final class MappingVersionRepository {
    /** A stored version. */
    public record Stored(String checksum, String source, String document, Instant registeredAt) {
    }

    /** @return the stored version, if any */
    public Optional<Stored> find(Handle h, String mapping, int version) {
        return h.createQuery("SELECT checksum, source, document, registered_at FROM oa_int_mapping_version WHERE mapping_id = :m AND version = :v")
                .bind("m", mapping).bind("v", version)
                .map((rs, ctx) -> new Stored(rs.getString("checksum"), rs.getString("source"), rs.getString("document"),
                        Columns.instant(rs, "registered_at"))).findOne();
    }

    /** Stores a version; a concurrent store of the same version is a duplicate key. */
    public void insert(Handle h, FieldMapping m, Instant at) {
        h.createUpdate("INSERT INTO oa_int_mapping_version (mapping_id, version, checksum, source, document, registered_at)"
                        + " VALUES (:m, :v, :c, :s, :d, :at)")
                .bind("m", m.id()).bind("v", m.version()).bind("c", m.checksum()).bind("s", Columns.cut(m.document().source(), 500))
                .bind("d", m.document().text()).bind("at", Columns.db(at)).execute();
    }
}
