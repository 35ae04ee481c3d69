package dev.oakit.core.internal.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.Position;
import dev.oakit.core.directory.Role;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.DirectoryProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The read side of {@link Directory}: checks the arguments and the referenced ids, then asks the
 * bound {@link DirectoryProvider}. Roles and positions are listed from OAKit's tables.
 */
@Singleton
final class DirectoryReads {
    private final Commands commands;
    private final DirectoryProvider provider;
    private final RoleCatalog roleCatalog;
    private final RoleRepository roles;
    private final PositionRepository positions;

    @Inject
    private DirectoryReads(Commands commands, DirectoryProvider provider, RoleCatalog roleCatalog, RoleRepository roles,
                   PositionRepository positions) {
        this.commands = commands;
        this.provider = provider;
        this.roleCatalog = roleCatalog;
        this.roles = roles;
        this.positions = positions;
    }

    Optional<User> findUser(Actor actor, String userId) {
        Checks.notNull("actor", actor);
        Checks.id("userId", userId);
        return provider.findUser(actor.tenantId(), userId);
    }

    java.util.Map<String, User> findUsers(Actor actor, java.util.Collection<String> userIds) {
        Checks.notNull("actor", actor);
        Checks.notNull("userIds", userIds);
        userIds.forEach(id -> Checks.id("userIds", id));
        return provider.findUsers(actor.tenantId(), userIds);
    }

    User user(Actor actor, String userId) {
        return findUser(actor, userId).orElseThrow(() -> DirectoryErrors.userNotFound(actor.tenantId(), userId));
    }

    Optional<User> findUserByExternalId(Actor actor, String system, String externalId) {
        Checks.notNull("actor", actor);
        Checks.id("system", system);
        Checks.text("externalId", externalId, 200);
        return provider.findUserByExternalId(actor.tenantId(), system, externalId);
    }

    Department department(Actor actor, String departmentId) {
        Checks.notNull("actor", actor);
        Checks.id("departmentId", departmentId);
        return provider.findDepartment(actor.tenantId(), departmentId)
                .orElseThrow(() -> DirectoryErrors.departmentNotFound(actor.tenantId(), departmentId));
    }

    List<Department> childDepartments(Actor actor, String parentId) {
        Checks.notNull("actor", actor);
        if (parentId != null) {
            department(actor, parentId);
        }
        return provider.childDepartments(actor.tenantId(), parentId);
    }

    List<Membership> memberships(Actor actor, String userId) {
        user(actor, userId);
        return provider.memberships(actor.tenantId(), userId);
    }

    Set<String> rolesOf(Actor actor, String userId) {
        user(actor, userId);
        return Collections.unmodifiableSortedSet(new TreeSet<>(provider.rolesOf(actor.tenantId(), userId)));
    }

    List<Role> roles(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> roles.all(h, actor.tenantId()));
    }

    List<Position> positions(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> positions.all(h, actor.tenantId()));
    }

    List<User> usersWithRole(Actor actor, String roleCode, boolean activeOnly) {
        Checks.notNull("actor", actor);
        Checks.id("roleCode", roleCode);
        if (roleCatalog.isUnknown(actor.tenantId(), roleCode)) {
            throw DirectoryErrors.roleNotFound(actor.tenantId(), roleCode);
        }
        return provider.usersWithRole(actor.tenantId(), roleCode, activeOnly);
    }

    List<User> members(Actor actor, String departmentId, boolean includeSubDepartments, boolean activeOnly) {
        department(actor, departmentId);
        return provider.members(actor.tenantId(), departmentId, includeSubDepartments, activeOnly);
    }

    Optional<User> departmentHead(Actor actor, String departmentId) {
        department(actor, departmentId);
        return provider.departmentHead(actor.tenantId(), departmentId);
    }

    Optional<User> headOfDepartmentOf(Actor actor, String userId) {
        user(actor, userId);
        return provider.headOfDepartmentOf(actor.tenantId(), userId);
    }

    Optional<User> managerOf(Actor actor, String userId, int level) {
        checkLevel("level", level);
        user(actor, userId);
        return provider.managerOf(actor.tenantId(), userId, level);
    }

    List<User> managerChain(Actor actor, String userId, int upToLevel, boolean activeOnly) {
        checkLevel("upToLevel", upToLevel);
        user(actor, userId);
        return List.copyOf(provider.managerChain(actor.tenantId(), userId, upToLevel, activeOnly));
    }

    List<User> managerChainUpToRole(Actor actor, String userId, String roleCode) {
        Checks.id("roleCode", roleCode);
        user(actor, userId);
        return List.copyOf(provider.managerChainUpToRole(actor.tenantId(), userId, roleCode, Directory.MAX_LEVEL));
    }

    List<User> activeUsersByEmail(Actor actor, String email) {
        Checks.notNull("actor", actor);
        Checks.text("email", email, 254);
        return List.copyOf(provider.activeUsersByEmail(actor.tenantId(), email.strip()));
    }

    Map<String, String> primaryDepartments(Actor actor, Collection<String> userIds) {
        Checks.notNull("actor", actor);
        Checks.elements("userIds", userIds);
        Set<String> ids = new LinkedHashSet<>();
        int i = 0;
        for (String id : userIds) {
            ids.add(Checks.id("userIds[" + i++ + "]", id));
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(provider.primaryDepartments(actor.tenantId(), Collections.unmodifiableSet(ids))));
    }

    private static void checkLevel(String field, int level) {
        if (level < 1 || level > Directory.MAX_LEVEL) {
            throw ValidationException.of(field, "must be between 1 and " + Directory.MAX_LEVEL + " (was " + level + ")");
        }
    }
}
