package dev.oakit.core.internal.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.DirectoryProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The default directory: OAKit's own tables. Also used by the commands to read what they change. */
@Singleton
public final class DbDirectoryProvider implements DirectoryProvider {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    static final RowMapper<Department> DEPARTMENT = (rs, ctx) -> new Department(rs.getString("id"),
            rs.getString("parent_id"), rs.getString("name"), rs.getString("head_user_id"), rs.getInt("sort_order"));
    static final RowMapper<Membership> MEMBERSHIP = (rs, ctx) -> new Membership(rs.getString("user_id"),
            rs.getString("department_id"), rs.getString("position_code"), rs.getBoolean("is_primary"));

    /** Marks a transaction that wrote the directory: its reads see its own uncommitted rows and bypass the cache. */
    private static final String DIRECTORY_WRITTEN = "directory-written";

    private final Commands commands;
    private final ObjectMapper json;
    private final ReadCache cache;
    private final dev.oakit.core.internal.db.Transactions transactions;

    @Inject
    public DbDirectoryProvider(Commands commands, ObjectMapper json, dev.oakit.core.CoreConfig config,
                               dev.oakit.core.internal.db.Transactions transactions) {
        this.commands = commands;
        this.json = json;
        this.transactions = transactions;
        this.cache = new ReadCache(config.directoryCache().ttl(), config.directoryCache().maxEntries());
    }

    /** Forgets cached answers: called by every directory command as it begins and ends. */
    void invalidateCache() {
        cache.invalidate();
    }

    /**
     * Called by every directory command inside its transaction: forgets cached answers, makes the
     * rest of the transaction read around the cache (it sees its own uncommitted rows, which must
     * not be cached), and forgets them again once the outermost transaction committed (a command
     * nested in another one commits with it, later than it returns).
     */
    void writing(dev.oakit.core.spi.CommandContext ctx) {
        cache.invalidate();
        var tx = transactions.current();
        if (tx != null) {
            tx.mark(DIRECTORY_WRITTEN);
        }
        ctx.afterCommit(cache::invalidate);
    }

    /**
     * A cached answer, except in a transaction that wrote the directory and in a host's
     * transaction (which may hold directory rows of its own, uncommitted): those read the tables,
     * and what they read is not kept.
     */
    private <T> T cached(java.util.function.Supplier<T> load, Object... key) {
        var tx = transactions.current();
        if ((tx != null && tx.marked(DIRECTORY_WRITTEN)) || transactions.hostTransactionBound()) {
            return load.get();
        }
        return cache.get(load, key);
    }

    private record UserRow(String id, String name, String email, String mobile, String managerId, boolean active,
                           String attributes) {
    }

    private static final RowMapper<UserRow> USER_ROW = (rs, ctx) -> new UserRow(rs.getString("id"), rs.getString("name"),
            rs.getString("email"), rs.getString("mobile"), rs.getString("manager_id"), rs.getBoolean("active"),
            rs.getString("attributes"));

    /**
     * Loads users selected by {@code where} (on table alias {@code u}) with their external ids, by
     * id, in one statement (an outer join: one row per external id).
     */
    List<User> users(Handle h, String tenantId, String where, Map<String, Object> binds) {
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
        Map<String, UserRow> rows = new java.util.LinkedHashMap<>();
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("stored user attributes are not a JSON object of strings", e);
        }
    }

    Optional<User> findUser(Handle h, String tenantId, String userId) {
        return users(h, tenantId, "u.id = :id", Map.of("id", userId)).stream().findFirst();
    }

    Optional<Department> findDepartment(Handle h, String tenantId, String departmentId) {
        return h.createQuery("SELECT * FROM oa_core_department WHERE tenant_id = :t AND id = :id")
                .bind("t", tenantId).bind("id", departmentId).map(DEPARTMENT).findOne();
    }

    List<Membership> memberships(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT * FROM oa_core_membership WHERE tenant_id = :t AND user_id = :u ORDER BY is_primary DESC, department_id")
                .bind("t", tenantId).bind("u", userId).map(MEMBERSHIP).list();
    }

    /** @return parent id by department id, for every department of the tenant */
    Map<String, String> parents(Handle h, String tenantId) {
        Map<String, String> parents = new HashMap<>();
        h.createQuery("SELECT id, parent_id FROM oa_core_department WHERE tenant_id = :t").bind("t", tenantId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).forEach(r -> parents.put(r[0], r[1]));
        return parents;
    }

    @Override
    public Optional<User> findUser(String tenantId, String userId) {
        return cached(() -> commands.query(h -> findUser(h, tenantId, userId)), "findUser", tenantId, userId);
    }

    @Override
    public Optional<User> findUserByExternalId(String tenantId, String system, String externalId) {
        return cached(() -> commands.query(h -> users(h, tenantId,
                "u.id IN (SELECT x.user_id FROM oa_core_user_external_id x WHERE x.tenant_id = :t AND x.ext_system = :s AND x.external_id = :e)",
                Map.of("s", system, "e", externalId)).stream().findFirst()), "findUserByExternalId", tenantId, system, externalId);
    }

    @Override
    public Optional<User> departmentHead(String tenantId, String departmentId) {
        return cached(() -> commands.query(h -> users(h, tenantId,
                "u.id = (SELECT d.head_user_id FROM oa_core_department d WHERE d.tenant_id = :t AND d.id = :d)",
                Map.of("d", departmentId)).stream().findFirst()), "departmentHead", tenantId, departmentId);
    }

    @Override
    public Optional<User> headOfDepartmentOf(String tenantId, String userId) {
        // one statement: primary membership -> department -> head user
        return cached(() -> commands.query(h -> users(h, tenantId,
                "u.id = (SELECT d.head_user_id FROM oa_core_department d JOIN oa_core_membership m"
                        + " ON m.tenant_id = d.tenant_id AND m.department_id = d.id"
                        + " WHERE d.tenant_id = :t AND m.user_id = :member AND m.is_primary = :yes"
                        + " ORDER BY d.id LIMIT 1)",
                Map.of("member", userId, "yes", true)).stream().findFirst()), "headOfDepartmentOf", tenantId, userId);
    }

    @Override
    public List<User> managerChain(String tenantId, String userId, int upToLevel, boolean activeOnly) {
        return cached(() -> loadManagerChain(tenantId, userId, upToLevel, activeOnly), "managerChain", tenantId, userId,
                upToLevel, activeOnly);
    }

    private List<User> loadManagerChain(String tenantId, String userId, int upToLevel, boolean activeOnly) {
        if (upToLevel == 1) {
            // the direct manager in one statement: the explicit manager, else the head of the primary
            // department; anything unusual (unknown or inactive manager, the user heads their own
            // department) takes the general walk below
            Optional<User> direct = commands.query(h -> users(h, tenantId,
                    // a scalar subquery: evaluated once, then one primary-key lookup, whatever the planner's statistics
                    "u.id = (SELECT COALESCE(s.manager_id, d.head_user_id) FROM oa_core_user s"
                            + " LEFT JOIN oa_core_membership m ON m.tenant_id = s.tenant_id AND m.user_id = s.id AND m.is_primary = :yes"
                            + " LEFT JOIN oa_core_department d ON d.tenant_id = m.tenant_id AND d.id = m.department_id"
                            + " WHERE s.tenant_id = :t AND s.id = :member ORDER BY d.id LIMIT 1)",
                    Map.of("member", userId, "yes", true)).stream().findFirst());
            if (direct.isPresent() && !direct.get().id().equals(userId) && (direct.get().active() || !activeOnly)) {
                return List.of(direct.get());
            }
        }
        return DirectoryProvider.super.managerChain(tenantId, userId, upToLevel, activeOnly);
    }

    @Override
    public Optional<User> nextManager(String tenantId, User user, java.util.Set<String> exclude) {
        if (user.managerId() == null) {
            // the common case in one statement: the head of the primary department, when it is someone else
            Optional<User> head = headOfDepartmentOf(tenantId, user.id());
            if (head.isPresent() && !head.get().id().equals(user.id()) && !exclude.contains(head.get().id())) {
                return head;
            }
        }
        return DirectoryProvider.super.nextManager(tenantId, user, exclude);
    }

    @Override
    public Optional<Department> findDepartment(String tenantId, String departmentId) {
        return cached(() -> commands.query(h -> findDepartment(h, tenantId, departmentId)), "findDepartment", tenantId, departmentId);
    }

    @Override
    public List<Department> childDepartments(String tenantId, String parentId) {
        return commands.query(h -> {
            var q = h.createQuery("SELECT * FROM oa_core_department WHERE tenant_id = :t AND "
                    + (parentId == null ? "parent_id IS NULL" : "parent_id = :p") + " ORDER BY sort_order, id").bind("t", tenantId);
            if (parentId != null) {
                q.bind("p", parentId);
            }
            return q.map(DEPARTMENT).list();
        });
    }

    @Override
    public List<Membership> memberships(String tenantId, String userId) {
        return cached(() -> commands.query(h -> memberships(h, tenantId, userId)), "memberships", tenantId, userId);
    }

    @Override
    public Set<String> rolesOf(String tenantId, String userId) {
        return cached(() -> commands.query(h -> new TreeSet<>(h.createQuery("SELECT role_code FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenantId).bind("u", userId).mapTo(String.class).list())), "rolesOf", tenantId, userId);
    }

    @Override
    public List<User> usersWithRole(String tenantId, String roleCode, boolean activeOnly) {
        return cached(() -> commands.query(h -> users(h, tenantId,
                "u.id IN (SELECT r.user_id FROM oa_core_user_role r WHERE r.tenant_id = :t AND r.role_code = :r)"
                        + (activeOnly ? " AND u.active = :yes" : ""),
                activeOnly ? Map.of("r", roleCode, "yes", true) : Map.of("r", roleCode))), "usersWithRole", tenantId, roleCode, activeOnly);
    }

    @Override
    public List<User> members(String tenantId, String departmentId, boolean includeSubDepartments, boolean activeOnly) {
        return cached(() -> loadMembers(tenantId, departmentId, includeSubDepartments, activeOnly), "members", tenantId,
                departmentId, includeSubDepartments, activeOnly);
    }

    private List<User> loadMembers(String tenantId, String departmentId, boolean includeSubDepartments, boolean activeOnly) {
        return commands.query(h -> {
            List<String> departments = new ArrayList<>();
            departments.add(departmentId);
            if (includeSubDepartments) {
                Map<String, List<String>> children = new HashMap<>();
                parents(h, tenantId).forEach((child, parent) -> {
                    if (parent != null) {
                        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
                    }
                });
                Set<String> seen = new LinkedHashSet<>(departments);
                Deque<String> todo = new ArrayDeque<>(departments);
                while (!todo.isEmpty()) {
                    for (String c : children.getOrDefault(todo.pop(), List.of())) {
                        if (seen.add(c)) {
                            todo.push(c);
                        }
                    }
                }
                departments = new ArrayList<>(seen);
            }
            List<User> all = new ArrayList<>();
            for (int i = 0; i < departments.size(); i += 500) {
                List<String> chunk = departments.subList(i, Math.min(departments.size(), i + 500));
                Map<String, Object> binds = new HashMap<>();
                binds.put("ds", chunk);
                if (activeOnly) {
                    binds.put("yes", true);
                }
                all.addAll(users(h, tenantId,
                        "u.id IN (SELECT m.user_id FROM oa_core_membership m WHERE m.tenant_id = :t AND m.department_id IN (<ds>))"
                                + (activeOnly ? " AND u.active = :yes" : ""), binds));
            }
            if (departments.size() > 500) {
                Map<String, User> distinct = new TreeMap<>();
                all.forEach(u -> distinct.put(u.id(), u));
                return List.copyOf(distinct.values());
            }
            return all;
        });
    }
}
