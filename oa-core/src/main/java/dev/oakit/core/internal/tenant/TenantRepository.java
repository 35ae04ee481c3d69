package dev.oakit.core.internal.tenant;

import dev.oakit.core.directory.Tenant;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Owns {@code oa_core_tenant}: every statement on it. */
@Singleton
public final class TenantRepository {
    private static final String COLUMNS = "SELECT tenant_id, name, active, created_at, deactivated_at FROM oa_core_tenant";

    @Inject
    private TenantRepository() {
    }

    Optional<Tenant> find(Handle h, String tenantId) {
        return h.createQuery(COLUMNS + " WHERE tenant_id = :t").bind("t", tenantId).map(TenantRepository::map).findOne();
    }

    /** Locks the tenant's row for the rest of the transaction. */
    Optional<Tenant> lock(Handle h, String tenantId) {
        return h.createQuery(COLUMNS + " WHERE tenant_id = :t FOR UPDATE").bind("t", tenantId).map(TenantRepository::map).findOne();
    }

    List<Tenant> all(Handle h) {
        return h.createQuery(COLUMNS + " ORDER BY tenant_id").map(TenantRepository::map).list();
    }

    void insert(Handle h, Tenant t, String createdBy, Instant now) {
        h.createUpdate("INSERT INTO oa_core_tenant (tenant_id, name, active, created_at, created_by) VALUES (:t, :n, :a, :now, :by)")
                .bind("t", t.id()).bind("n", t.name()).bind("a", true).bind("now", now).bind("by", createdBy).execute();
    }

    void setActive(Handle h, String tenantId, boolean active, Instant now) {
        h.createUpdate("UPDATE oa_core_tenant SET active = :a, deactivated_at = :at WHERE tenant_id = :t")
                .bind("a", active).bind("at", active ? null : now).bind("t", tenantId).execute();
    }

    private static Tenant map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Tenant(rs.getString(1), rs.getString(2), rs.getBoolean(3), instant(rs, 4), instant(rs, 5));
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        java.time.LocalDateTime t = rs.getObject(column, java.time.LocalDateTime.class);
        return t == null ? null : t.toInstant(java.time.ZoneOffset.UTC);
    }
}
