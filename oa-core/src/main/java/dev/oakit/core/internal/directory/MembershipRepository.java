package dev.oakit.core.internal.directory;

import dev.oakit.core.directory.Membership;
import dev.oakit.core.internal.db.InstantAsUtc;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Owns {@code oa_core_membership}: every statement on it. */
@Singleton
final class MembershipRepository {
    private static final RowMapper<Membership> MEMBERSHIP = (rs, ctx) -> new Membership(rs.getString("user_id"),
            rs.getString("department_id"), rs.getString("position_code"), rs.getBoolean("is_primary"));

    @Inject
    private MembershipRepository() {
    }

    /** @return the user's memberships, primary first, then by department id */
    List<Membership> ofUser(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT * FROM oa_core_membership WHERE tenant_id = :t AND user_id = :u ORDER BY is_primary DESC, department_id")
                .bind("t", tenantId).bind("u", userId).map(MEMBERSHIP).list();
    }

    /**
     * @return the primary department by user id, for the users that have one; one statement per
     *         {@value UserRepository#CHUNK} ids (served by the primary key); the smallest department
     *         id should inconsistent data give a user two primary memberships
     */
    Map<String, String> primaryDepartments(Handle h, String tenantId, Iterable<String> userIds) {
        List<String> ids = new ArrayList<>();
        userIds.forEach(ids::add);
        Map<String, String> departments = new HashMap<>();
        for (int i = 0; i < ids.size(); i += UserRepository.CHUNK) {
            h.createQuery("SELECT user_id, department_id FROM oa_core_membership WHERE tenant_id = :t AND is_primary = :yes"
                            + " AND user_id IN (<us>) ORDER BY user_id, department_id")
                    .bind("t", tenantId).bind("yes", true).bindList("us", ids.subList(i, Math.min(ids.size(), i + UserRepository.CHUNK)))
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                    .forEach(r -> departments.putIfAbsent(r[0], r[1]));
        }
        return departments;
    }

    void insert(Handle h, String tenantId, Membership m, Instant now) {
        h.createUpdate("INSERT INTO oa_core_membership (tenant_id, user_id, department_id, position_code, is_primary, created_at) VALUES (:t, :u, :d, :p, :pr, :now)")
                .bind("t", tenantId).bind("u", m.userId()).bind("d", m.departmentId()).bind("p", m.positionCode()).bind("pr", m.primary())
                .bind("now", InstantAsUtc.toDb(now)).execute();
    }

    /** Sets the position and the primary flag of an existing membership. */
    void update(Handle h, String tenantId, Membership m) {
        h.createUpdate("UPDATE oa_core_membership SET position_code = :p, is_primary = :pr WHERE tenant_id = :t AND user_id = :u AND department_id = :d")
                .bind("p", m.positionCode()).bind("pr", m.primary()).bind("t", tenantId).bind("u", m.userId()).bind("d", m.departmentId()).execute();
    }

    /** Makes every membership of the user secondary. */
    void demoteAll(Handle h, String tenantId, String userId) {
        h.createUpdate("UPDATE oa_core_membership SET is_primary = :no WHERE tenant_id = :t AND user_id = :u")
                .bind("no", false).bind("t", tenantId).bind("u", userId).execute();
    }

    void promote(Handle h, String tenantId, String userId, String departmentId) {
        h.createUpdate("UPDATE oa_core_membership SET is_primary = :yes WHERE tenant_id = :t AND user_id = :u AND department_id = :d")
                .bind("yes", true).bind("t", tenantId).bind("u", userId).bind("d", departmentId).execute();
    }

    void delete(Handle h, String tenantId, String userId, String departmentId) {
        h.createUpdate("DELETE FROM oa_core_membership WHERE tenant_id = :t AND user_id = :u AND department_id = :d")
                .bind("t", tenantId).bind("u", userId).bind("d", departmentId).execute();
    }
}
