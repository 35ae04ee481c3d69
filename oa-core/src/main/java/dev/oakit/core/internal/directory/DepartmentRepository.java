package dev.oakit.core.internal.directory;

import dev.oakit.core.directory.Department;
import dev.oakit.core.internal.db.InstantAsUtc;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Owns {@code oa_core_department}: every statement on it. */
@Singleton
final class DepartmentRepository {
    private static final RowMapper<Department> DEPARTMENT = (rs, ctx) -> new Department(rs.getString("id"),
            rs.getString("parent_id"), rs.getString("name"), rs.getString("head_user_id"), rs.getInt("sort_order"));

    @Inject
    private DepartmentRepository() {
    }

    Optional<Department> find(Handle h, String tenantId, String departmentId) {
        return h.createQuery("SELECT * FROM oa_core_department WHERE tenant_id = :t AND id = :id")
                .bind("t", tenantId).bind("id", departmentId).map(DEPARTMENT).findOne();
    }

    /** @return the direct children of the department (of the roots for a null parent), by sort order then id */
    List<Department> children(Handle h, String tenantId, String parentId) {
        var q = h.createQuery("SELECT * FROM oa_core_department WHERE tenant_id = :t AND "
                + (parentId == null ? "parent_id IS NULL" : "parent_id = :p") + " ORDER BY sort_order, id").bind("t", tenantId);
        if (parentId != null) {
            q.bind("p", parentId);
        }
        return q.map(DEPARTMENT).list();
    }

    /** @return parent id by department id, for every department of the tenant */
    Map<String, String> parents(Handle h, String tenantId) {
        Map<String, String> parents = new HashMap<>();
        h.createQuery("SELECT id, parent_id FROM oa_core_department WHERE tenant_id = :t").bind("t", tenantId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).forEach(r -> parents.put(r[0], r[1]));
        return parents;
    }

    boolean exists(Handle h, String tenantId, String departmentId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_core_department WHERE tenant_id = :t AND id = :k")
                .bind("t", tenantId).bind("k", departmentId).mapTo(Integer.class).one() > 0;
    }

    /** Locks every department row of the tenant: tree changes are rare, and this makes cycle checks race-free. */
    void lockAll(Handle h, String tenantId) {
        h.createQuery("SELECT id FROM oa_core_department WHERE tenant_id = :t FOR UPDATE").bind("t", tenantId).mapTo(String.class).list();
    }

    void insert(Handle h, String tenantId, Department d, Instant now) {
        h.createUpdate("""
                INSERT INTO oa_core_department (tenant_id, id, parent_id, name, head_user_id, sort_order, created_at, updated_at)
                VALUES (:t, :id, :p, :n, :head, :o, :now, :now)""")
                .bind("t", tenantId).bind("id", d.id()).bind("p", d.parentId()).bind("n", d.name())
                .bind("head", d.headUserId()).bind("o", d.sortOrder())
                .bind("now", InstantAsUtc.toDb(now)).execute();
    }

    /** Replaces name, head and sort order (not the parent: see {@link #setParent}). */
    void update(Handle h, String tenantId, Department d, Instant now) {
        h.createUpdate("UPDATE oa_core_department SET name = :n, head_user_id = :head, sort_order = :o, updated_at = :now WHERE tenant_id = :t AND id = :id")
                .bind("n", d.name()).bind("head", d.headUserId()).bind("o", d.sortOrder())
                .bind("now", InstantAsUtc.toDb(now)).bind("t", tenantId).bind("id", d.id()).execute();
    }

    void setParent(Handle h, String tenantId, String departmentId, String parentId, Instant now) {
        h.createUpdate("UPDATE oa_core_department SET parent_id = :p, updated_at = :now WHERE tenant_id = :t AND id = :id")
                .bind("p", parentId).bind("now", InstantAsUtc.toDb(now)).bind("t", tenantId).bind("id", departmentId).execute();
    }
}
