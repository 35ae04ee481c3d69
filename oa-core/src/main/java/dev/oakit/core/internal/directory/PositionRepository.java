package dev.oakit.core.internal.directory;

import dev.oakit.core.directory.Position;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** Owns {@code oa_core_position}: every statement on it. */
@Singleton
final class PositionRepository {
    private static final RowMapper<Position> POSITION = (rs, ctx) -> new Position(rs.getString(1), rs.getString(2), rs.getInt(3));

    @Inject
    private PositionRepository() {
    }

    /** @return every position of the tenant, most senior first */
    List<Position> all(Handle h, String tenantId) {
        return h.createQuery("SELECT code, name, position_rank FROM oa_core_position WHERE tenant_id = :t ORDER BY position_rank DESC, code")
                .bind("t", tenantId).map(POSITION).list();
    }

    boolean exists(Handle h, String tenantId, String positionCode) {
        return h.createQuery("SELECT COUNT(*) FROM oa_core_position WHERE tenant_id = :t AND code = :k")
                .bind("t", tenantId).bind("k", positionCode).mapTo(Integer.class).one() > 0;
    }

    /** Locks the position's row for the rest of the transaction. @return it, or empty when unknown */
    Optional<Position> lock(Handle h, String tenantId, String positionCode) {
        return h.createQuery("SELECT code, name, position_rank FROM oa_core_position WHERE tenant_id = :t AND code = :c FOR UPDATE")
                .bind("t", tenantId).bind("c", positionCode).map(POSITION).findOne();
    }

    void insert(Handle h, String tenantId, Position p) {
        h.createUpdate("INSERT INTO oa_core_position (tenant_id, code, name, position_rank) VALUES (:t, :c, :n, :r)")
                .bind("t", tenantId).bind("c", p.code()).bind("n", p.name()).bind("r", p.rank()).execute();
    }

    void update(Handle h, String tenantId, Position p) {
        h.createUpdate("UPDATE oa_core_position SET name = :n, position_rank = :r WHERE tenant_id = :t AND code = :c")
                .bind("t", tenantId).bind("c", p.code()).bind("n", p.name()).bind("r", p.rank()).execute();
    }
}
