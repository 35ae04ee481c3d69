package dev.oakit.core.directory;

import dev.oakit.core.spi.DirectoryProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A host's own directory (its user tables, LDAP, ...), kept in memory: what a plugin replaces
 * OAKit's default provider with. Also the model the manager-rule properties run on.
 */
public final class InMemoryDirectory implements DirectoryProvider {
    private final String tenant;
    final Map<String, User> users = new ConcurrentHashMap<>();
    final Map<String, Department> departments = new ConcurrentHashMap<>();
    final List<Membership> memberships = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Map<String, Set<String>> roles = new ConcurrentHashMap<>();

    public InMemoryDirectory(String tenant) {
        this.tenant = tenant;
    }

    public InMemoryDirectory user(User u) {
        users.put(u.id(), u);
        return this;
    }

    public InMemoryDirectory department(Department d) {
        departments.put(d.id(), d);
        return this;
    }

    public InMemoryDirectory member(String userId, String departmentId, boolean primary) {
        memberships.add(new Membership(userId, departmentId, null, primary));
        return this;
    }

    public InMemoryDirectory role(String userId, String role) {
        roles.computeIfAbsent(userId, k -> new TreeSet<>()).add(role);
        return this;
    }

    private boolean mine(String tenantId) {
        return tenant.equals(tenantId);
    }

    @Override
    public Optional<User> findUser(String tenantId, String userId) {
        return mine(tenantId) ? Optional.ofNullable(users.get(userId)) : Optional.empty();
    }

    @Override
    public Optional<User> findUserByExternalId(String tenantId, String system, String externalId) {
        return users.values().stream().filter(u -> mine(tenantId) && externalId.equals(u.externalIds().get(system))).findFirst();
    }

    @Override
    public Optional<Department> findDepartment(String tenantId, String departmentId) {
        return mine(tenantId) ? Optional.ofNullable(departments.get(departmentId)) : Optional.empty();
    }

    @Override
    public List<Department> childDepartments(String tenantId, String parentId) {
        return departments.values().stream().filter(d -> mine(tenantId) && Objects.equals(d.parentId(), parentId))
                .sorted(Comparator.comparingInt(Department::sortOrder).thenComparing(Department::id)).toList();
    }

    @Override
    public List<Membership> memberships(String tenantId, String userId) {
        return memberships.stream().filter(m -> mine(tenantId) && m.userId().equals(userId))
                .sorted(Comparator.comparing((Membership m) -> !m.primary()).thenComparing(Membership::departmentId)).toList();
    }

    @Override
    public Set<String> rolesOf(String tenantId, String userId) {
        return mine(tenantId) ? roles.getOrDefault(userId, Set.of()) : Set.of();
    }

    @Override
    public List<User> usersWithRole(String tenantId, String roleCode, boolean activeOnly) {
        return users.values().stream().filter(u -> mine(tenantId) && rolesOf(tenantId, u.id()).contains(roleCode)
                && (u.active() || !activeOnly)).sorted(Comparator.comparing(User::id)).toList();
    }

    @Override
    public List<User> members(String tenantId, String departmentId, boolean includeSubDepartments, boolean activeOnly) {
        Set<String> ds = new TreeSet<>(List.of(departmentId));
        if (includeSubDepartments) {
            List<String> todo = new ArrayList<>(ds);
            while (!todo.isEmpty()) {
                String d = todo.remove(0);
                for (Department c : childDepartments(tenantId, d)) {
                    if (ds.add(c.id())) {
                        todo.add(c.id());
                    }
                }
            }
        }
        return memberships.stream().filter(m -> mine(tenantId) && ds.contains(m.departmentId())).map(m -> users.get(m.userId()))
                .filter(u -> u != null && (u.active() || !activeOnly)).distinct().sorted(Comparator.comparing(User::id)).toList();
    }
}
