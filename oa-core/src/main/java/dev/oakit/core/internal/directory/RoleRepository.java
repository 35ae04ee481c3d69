package dev.oakit.core.internal.directory;

import dev.oakit.core.directory.Role;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Owns {@code oa_core_role} and who holds which role, {@code oa_core_user_role}: every statement on them. */
@Singleton
final class RoleRepository {
    @Inject
    private RoleRepository() {
    }

    /** @return every role of the tenant, by code */
    List<Role> all(Handle h, String tenantId) {
        return h.createQuery("SELECT code, name FROM oa_core_role WHERE tenant_id = :t ORDER BY code")
                .bind("t", tenantId).map((rs, ctx) -> new Role(rs.getString(1), rs.getString(2))).list();
    }

    boolean exists(Handle h, String tenantId, String roleCode) {
        return h.createQuery("SELECT COUNT(*) FROM oa_core_role WHERE tenant_id = :t AND code = :k")
                .bind("t", tenantId).bind("k", roleCode).mapTo(Integer.class).one() > 0;
    }

    /** Locks the role's row for the rest of the transaction. @return its name, or empty when unknown */
    Optional<String> lockName(Handle h, String tenantId, String roleCode) {
        return h.createQuery("SELECT name FROM oa_core_role WHERE tenant_id = :t AND code = :c FOR UPDATE")
                .bind("t", tenantId).bind("c", roleCode).mapTo(String.class).findOne();
    }

    void insert(Handle h, String tenantId, Role role) {
        h.createUpdate("INSERT INTO oa_core_role (tenant_id, code, name) VALUES (:t, :c, :n)")
                .bind("t", tenantId).bind("c", role.code()).bind("n", role.name()).execute();
    }

    void rename(Handle h, String tenantId, Role role) {
        h.createUpdate("UPDATE oa_core_role SET name = :n WHERE tenant_id = :t AND code = :c")
                .bind("t", tenantId).bind("c", role.code()).bind("n", role.name()).execute();
    }

    /** @return the codes of the roles the user holds, sorted */
    Set<String> rolesOf(Handle h, String tenantId, String userId) {
        return new TreeSet<>(h.createQuery("SELECT role_code FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenantId).bind("u", userId).mapTo(String.class).list());
    }

    boolean holds(Handle h, String tenantId, String userId, String roleCode) {
        return h.createQuery("SELECT COUNT(*) FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u AND role_code = :r")
                .bind("t", tenantId).bind("u", userId).bind("r", roleCode).mapTo(Integer.class).one() > 0;
    }

    void grant(Handle h, String tenantId, String userId, String roleCode) {
        h.createUpdate("INSERT INTO oa_core_user_role (tenant_id, user_id, role_code) VALUES (:t, :u, :r)")
                .bind("t", tenantId).bind("u", userId).bind("r", roleCode).execute();
    }

    void revoke(Handle h, String tenantId, String userId, String roleCode) {
        h.createUpdate("DELETE FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u AND role_code = :r")
                .bind("t", tenantId).bind("u", userId).bind("r", roleCode).execute();
    }
}
