package dev.oakit.core.internal.directory;

import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.DirectoryProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default directory provider: answers from OAKit's own tables through their repositories,
 * cached by the {@link DirectoryCache}. The questions approval routing asks on every step
 * (a user, a department head, the direct manager, role holders) cost one statement each.
 */
@Singleton
public final class DbDirectoryProvider implements DirectoryProvider, RoleCatalog {
    private final Commands commands;
    private final DirectoryCache cache;
    private final UserRepository users;
    private final DepartmentRepository departments;
    private final MembershipRepository memberships;
    private final RoleRepository roles;

    @Inject
    private DbDirectoryProvider(Commands commands, DirectoryCache cache, UserRepository users, DepartmentRepository departments,
                        MembershipRepository memberships, RoleRepository roles) {
        this.commands = commands;
        this.cache = cache;
        this.users = users;
        this.departments = departments;
        this.memberships = memberships;
        this.roles = roles;
    }

    @Override
    public boolean isUnknown(String tenantId, String roleCode) {
        return !commands.query(h -> roles.exists(h, tenantId, roleCode));
    }

    @Override
    public Optional<User> findUser(String tenantId, String userId) {
        return cache.read(() -> commands.query(h -> users.find(h, tenantId, userId)), "findUser", tenantId, userId);
    }

    @Override
    public java.util.Map<String, User> findUsers(String tenantId, java.util.Collection<String> userIds) {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>(userIds);
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return cache.read(() -> commands.query(h -> users.findAll(h, tenantId, List.copyOf(ids))), "findUsers", tenantId, String.join("\n", ids));
    }

    @Override
    public Optional<User> findUserByExternalId(String tenantId, String system, String externalId) {
        return cache.read(() -> commands.query(h -> users.findByExternalId(h, tenantId, system, externalId)),
                "findUserByExternalId", tenantId, system, externalId);
    }

    @Override
    public List<User> activeUsersByEmail(String tenantId, String email) {
        return cache.read(() -> commands.query(h -> users.activeByEmail(h, tenantId, email)), "activeUsersByEmail", tenantId,
                email.toLowerCase(Locale.ROOT));
    }

    @Override
    public Map<String, String> primaryDepartments(String tenantId, Set<String> userIds) {
        return commands.query(h -> memberships.primaryDepartments(h, tenantId, userIds));
    }

    @Override
    public Optional<User> departmentHead(String tenantId, String departmentId) {
        return cache.read(() -> commands.query(h -> users.headOf(h, tenantId, departmentId)), "departmentHead", tenantId, departmentId);
    }

    @Override
    public Optional<User> headOfDepartmentOf(String tenantId, String userId) {
        return cache.read(() -> commands.query(h -> users.headOfPrimaryDepartment(h, tenantId, userId)),
                "headOfDepartmentOf", tenantId, userId);
    }

    @Override
    public List<User> managerChain(String tenantId, String userId, int upToLevel, boolean activeOnly) {
        return cache.read(() -> loadManagerChain(tenantId, userId, upToLevel, activeOnly), "managerChain", tenantId, userId,
                upToLevel, activeOnly);
    }

    private List<User> loadManagerChain(String tenantId, String userId, int upToLevel, boolean activeOnly) {
        if (upToLevel == 1) {
            // the direct manager in one statement; anything unusual (unknown or inactive manager,
            // the user heads their own department) takes the general walk below
            Optional<User> direct = commands.query(h -> users.directManager(h, tenantId, userId));
            if (direct.isPresent() && !direct.get().id().equals(userId) && (direct.get().active() || !activeOnly)) {
                return List.of(direct.get());
            }
        }
        return DirectoryProvider.super.managerChain(tenantId, userId, upToLevel, activeOnly);
    }

    @Override
    public Optional<User> nextManager(String tenantId, User user, Set<String> exclude) {
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
        return cache.read(() -> commands.query(h -> departments.find(h, tenantId, departmentId)), "findDepartment", tenantId, departmentId);
    }

    @Override
    public List<Department> childDepartments(String tenantId, String parentId) {
        return commands.query(h -> departments.children(h, tenantId, parentId));
    }

    @Override
    public List<Membership> memberships(String tenantId, String userId) {
        return cache.read(() -> commands.query(h -> memberships.ofUser(h, tenantId, userId)), "memberships", tenantId, userId);
    }

    @Override
    public Set<String> rolesOf(String tenantId, String userId) {
        return cache.read(() -> commands.query(h -> roles.rolesOf(h, tenantId, userId)), "rolesOf", tenantId, userId);
    }

    @Override
    public List<User> usersWithRole(String tenantId, String roleCode, boolean activeOnly) {
        return cache.read(() -> commands.query(h -> users.withRole(h, tenantId, roleCode, activeOnly)), "usersWithRole", tenantId,
                roleCode, activeOnly);
    }

    @Override
    public List<User> members(String tenantId, String departmentId, boolean includeSubDepartments, boolean activeOnly) {
        return cache.read(() -> commands.query(h -> {
            List<String> selected = includeSubDepartments ? subtree(departments.parents(h, tenantId), departmentId) : List.of(departmentId);
            return users.membersOf(h, tenantId, selected, activeOnly);
        }), "members", tenantId, departmentId, includeSubDepartments, activeOnly);
    }

    /** @return the department and every department below it, each once */
    private static List<String> subtree(Map<String, String> parents, String departmentId) {
        Map<String, List<String>> children = new HashMap<>();
        parents.forEach((child, parent) -> {
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
            }
        });
        Set<String> seen = new LinkedHashSet<>(List.of(departmentId));
        Deque<String> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (String c : children.getOrDefault(todo.pop(), List.of())) {
                if (seen.add(c)) {
                    todo.push(c);
                }
            }
        }
        return new ArrayList<>(seen);
    }
}
