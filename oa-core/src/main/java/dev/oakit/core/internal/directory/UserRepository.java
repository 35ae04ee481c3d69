package dev.oakit.core.internal.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.directory.User;
import dev.oakit.core.internal.db.InstantAsUtc;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Owns {@code oa_core_user} and {@code oa_core_user_external_id}: every statement that writes
 * them and every read of their rows. A user is loaded with their external ids in one statement.
 *
 * <p>The lookups that return users selected through another directory table (role holders,
 * department members, department heads, the direct manager) are here as well, one statement
 * each, their condition a subquery on that table: approval routing asks them on every step and
 * its statement budget allows one round trip per question. They only read those tables; the
 * tables' own repositories write them.
 */
@Singleton
final class UserRepository {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    /** Largest IN list of one statement; longer lists are read in chunks. */
    static final int CHUNK = 500;

    private record UserRow(String id, String name, String email, String mobile, String managerId, boolean active,
                           String attributes) {
    }

    private static final RowMapper<UserRow> USER_ROW = (rs, ctx) -> new UserRow(rs.getString("id"), rs.getString("name"),
            rs.getString("email"), rs.getString("mobile"), rs.getString("manager_id"), rs.getBoolean("active"),
            rs.getString("attributes"));

    private final ObjectMapper json;

    @Inject
    private UserRepository(ObjectMapper json) {
        this.json = json;
    }

    // ---- reads --------------------------------------------------------------------------------

    Optional<User> find(Handle h, String tenantId, String userId) {
        return select(h, tenantId, "u.id = :id", Map.of("id", userId)).stream().findFirst();
    }

    /** @return the users of these ids (at most 1,000 per query), by id */
    java.util.Map<String, User> findAll(Handle h, String tenantId, List<String> userIds) {
        java.util.Map<String, User> out = new java.util.TreeMap<>();
        for (int from = 0; from < userIds.size(); from += 1000) {
            List<String> chunk = userIds.subList(from, Math.min(userIds.size(), from + 1000));
            for (User u : select(h, tenantId, "u.id IN (<ids>)", Map.of("ids", chunk))) {
                out.put(u.id(), u);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    Optional<User> findByExternalId(Handle h, String tenantId, String system, String externalId) {
        return select(h, tenantId,
                "u.id IN (SELECT x.user_id FROM oa_core_user_external_id x WHERE x.tenant_id = :t AND x.ext_system = :s AND x.external_id = :e)",
                Map.of("s", system, "e", externalId)).stream().findFirst();
    }

    /** @return the active users whose e-mail address equals {@code email} ignoring case, by id */
    List<User> activeByEmail(Handle h, String tenantId, String email) {
        return select(h, tenantId, "LOWER(u.email) = :e AND u.active = :yes",
                Map.of("e", email.toLowerCase(Locale.ROOT), "yes", true));
    }

    /** @return the stored head of the department, active or not */
    Optional<User> headOf(Handle h, String tenantId, String departmentId) {
        return select(h, tenantId, "u.id = (SELECT d.head_user_id FROM oa_core_department d WHERE d.tenant_id = :t AND d.id = :d)",
                Map.of("d", departmentId)).stream().findFirst();
    }

    /** @return the head of the user's primary department, in one statement: membership, department, head */
    Optional<User> headOfPrimaryDepartment(Handle h, String tenantId, String userId) {
        return select(h, tenantId,
                "u.id = (SELECT d.head_user_id FROM oa_core_department d JOIN oa_core_membership m"
                        + " ON m.tenant_id = d.tenant_id AND m.department_id = d.id"
                        + " WHERE d.tenant_id = :t AND m.user_id = :member AND m.is_primary = :yes"
                        + " ORDER BY d.id LIMIT 1)",
                Map.of("member", userId, "yes", true)).stream().findFirst();
    }

    /**
     * @return the user's explicit manager, else the head of their primary department (possibly
     *         the user, inactive or unknown: the caller decides), in one statement
     */
    Optional<User> directManager(Handle h, String tenantId, String userId) {
        return select(h, tenantId,
                // a scalar subquery: evaluated once, then one primary-key lookup, whatever the planner's statistics
                "u.id = (SELECT COALESCE(s.manager_id, d.head_user_id) FROM oa_core_user s"
                        + " LEFT JOIN oa_core_membership m ON m.tenant_id = s.tenant_id AND m.user_id = s.id AND m.is_primary = :yes"
                        + " LEFT JOIN oa_core_department d ON d.tenant_id = m.tenant_id AND d.id = m.department_id"
                        + " WHERE s.tenant_id = :t AND s.id = :member ORDER BY d.id LIMIT 1)",
                Map.of("member", userId, "yes", true)).stream().findFirst();
    }

    /** @return the holders of the role, by id */
    List<User> withRole(Handle h, String tenantId, String roleCode, boolean activeOnly) {
        return select(h, tenantId,
                "u.id IN (SELECT r.user_id FROM oa_core_user_role r WHERE r.tenant_id = :t AND r.role_code = :r)"
                        + (activeOnly ? " AND u.active = :yes" : ""),
                activeOnly ? Map.of("r", roleCode, "yes", true) : Map.of("r", roleCode));
    }

    /** @return the members of any of the departments, each once, by id (one statement per {@value #CHUNK} departments) */
    List<User> membersOf(Handle h, String tenantId, List<String> departmentIds, boolean activeOnly) {
        List<User> all = new ArrayList<>();
        for (int i = 0; i < departmentIds.size(); i += CHUNK) {
            Map<String, Object> binds = new HashMap<>();
            binds.put("ds", departmentIds.subList(i, Math.min(departmentIds.size(), i + CHUNK)));
            if (activeOnly) {
                binds.put("yes", true);
            }
            all.addAll(select(h, tenantId,
                    "u.id IN (SELECT m.user_id FROM oa_core_membership m WHERE m.tenant_id = :t AND m.department_id IN (<ds>))"
                            + (activeOnly ? " AND u.active = :yes" : ""), binds));
        }
        if (departmentIds.size() > CHUNK) {
            Map<String, User> distinct = new TreeMap<>();
            all.forEach(u -> distinct.put(u.id(), u));
            return List.copyOf(distinct.values());
        }
        return all;
    }

    boolean exists(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_core_user WHERE tenant_id = :t AND id = :k")
                .bind("t", tenantId).bind("k", userId).mapTo(Integer.class).one() > 0;
    }

    /** Locks the user's row for the rest of the transaction. @return the user, or empty when unknown */
    Optional<User> lock(Handle h, String tenantId, String userId) {
        h.createQuery("SELECT id FROM oa_core_user WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .bind("t", tenantId).bind("id", userId).mapTo(String.class).findOne();
        return find(h, tenantId, userId);
    }

    /** @return empty for an unknown user, else their explicit manager id (empty when none) */
    Optional<Optional<String>> managerIdOf(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT manager_id FROM oa_core_user WHERE tenant_id = :t AND id = :id")
                .bind("t", tenantId).bind("id", userId).map((rs, ctx) -> Optional.ofNullable(rs.getString(1))).findOne();
    }

    /** @return the user holding the external id of the system, or empty */
    Optional<String> externalIdOwner(Handle h, String tenantId, String system, String externalId) {
        return h.createQuery("SELECT user_id FROM oa_core_user_external_id WHERE tenant_id = :t AND ext_system = :s AND external_id = :x")
                .bind("t", tenantId).bind("s", system).bind("x", externalId).mapTo(String.class).findOne();
    }

    // ---- writes -------------------------------------------------------------------------------

    void insert(Handle h, String tenantId, User user, Instant now) {
        h.createUpdate("""
                INSERT INTO oa_core_user (tenant_id, id, name, email, mobile, manager_id, active, attributes, created_at, updated_at)
                VALUES (:t, :id, :n, :e, :m, :mgr, :a, :attrs, :now, :now)""")
                .bind("t", tenantId).bind("id", user.id()).bind("n", user.name()).bind("e", user.email()).bind("m", user.mobile())
                .bind("mgr", user.managerId()).bind("a", user.active()).bind("attrs", toJson(user.attributes()))
                .bind("now", InstantAsUtc.toDb(now)).execute();
        insertExternalIds(h, tenantId, user.id(), user.externalIds());
    }

    /** Replaces everything but the active flag, the external ids included. */
    void update(Handle h, String tenantId, User user, Instant now) {
        h.createUpdate("""
                UPDATE oa_core_user SET name = :n, email = :e, mobile = :m, manager_id = :mgr, attributes = :attrs, updated_at = :now
                WHERE tenant_id = :t AND id = :id""")
                .bind("t", tenantId).bind("id", user.id()).bind("n", user.name()).bind("e", user.email()).bind("m", user.mobile())
                .bind("mgr", user.managerId()).bind("attrs", toJson(user.attributes()))
                .bind("now", InstantAsUtc.toDb(now)).execute();
        h.createUpdate("DELETE FROM oa_core_user_external_id WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenantId).bind("u", user.id()).execute();
        insertExternalIds(h, tenantId, user.id(), user.externalIds());
    }

    void setActive(Handle h, String tenantId, String userId, boolean active, Instant now) {
        h.createUpdate("UPDATE oa_core_user SET active = :a, updated_at = :now WHERE tenant_id = :t AND id = :id")
                .bind("a", active).bind("now", InstantAsUtc.toDb(now)).bind("t", tenantId).bind("id", userId).execute();
    }

    private static void insertExternalIds(Handle h, String tenantId, String userId, Map<String, String> ids) {
        for (Map.Entry<String, String> e : ids.entrySet()) {
            h.createUpdate("INSERT INTO oa_core_user_external_id (tenant_id, user_id, ext_system, external_id) VALUES (:t, :u, :s, :x)")
                    .bind("t", tenantId).bind("u", userId).bind("s", e.getKey()).bind("x", e.getValue()).execute();
        }
    }

    // ---- rows ---------------------------------------------------------------------------------

    /**
     * Loads users selected by {@code where} (on table alias {@code u}) with their external ids, by
     * id, in one statement (an outer join: one row per external id).
     */
    private List<User> select(Handle h, String tenantId, String where, Map<String, Object> binds) {
        var q = h.createQuery("SELECT u.*, x.ext_system AS x_system, x.external_id AS x_id FROM oa_core_user u"
                        + " LEFT JOIN oa_core_user_external_id x ON x.tenant_id = u.tenant_id AND x.user_id = u.id"
                        + " WHERE u.tenant_id = :t AND (" + where + ") ORDER BY u.id")
                .bind("t", tenantId);
        binds.forEach((k, v) -> {
            if (v instanceof List<?> l) {
                q.bindList(k, l);
            } else {
                q.bind(k, v);
            }
        });
        Map<String, UserRow> rows = new LinkedHashMap<>();
        Map<String, Map<String, String>> ext = new HashMap<>();
        q.map((rs, ctx) -> {
            UserRow row = USER_ROW.map(rs, ctx);
            String system = rs.getString("x_system");
            if (system != null) {
                ext.computeIfAbsent(row.id(), k -> new TreeMap<>()).put(system, rs.getString("x_id"));
            }
            return row;
        }).forEach(r -> rows.putIfAbsent(r.id(), r));
        List<User> users = new ArrayList<>(rows.size());
        for (UserRow r : rows.values()) {
            users.add(new User(r.id(), r.name(), r.email(), r.mobile(), r.managerId(), r.active(), attributes(r.attributes()),
                    ext.getOrDefault(r.id(), Map.of())));
        }
        return users;
    }

    private Map<String, String> attributes(String text) {
        try {
            return text == null || text.isBlank() ? Map.of() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored user attributes are not a JSON object of strings", e);
        }
    }

    private String toJson(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attributes cannot be written as JSON", e);
        }
    }
}
