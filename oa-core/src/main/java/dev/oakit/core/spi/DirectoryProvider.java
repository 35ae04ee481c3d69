package dev.oakit.core.spi;

import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the organisation directory: the minimal questions approval routing and
 * assignment ask. OAKit's default answers from its own tables; a host whose people live
 * elsewhere (its own user tables, LDAP, an HR system) replaces it in a plugin with
 * {@code context.replace(DirectoryProvider.class, myProvider)}, and
 * {@link dev.oakit.core.directory.Directory} reads, the manager rule included, then answer from it.
 *
 * <p>A provider implements the abstract lookups; the manager rule is given as default methods
 * built on them (documented in {@link dev.oakit.core.directory.Directory}) and may be overridden,
 * for instance to answer from an LDAP {@code manager} attribute, as long as it keeps the rule's
 * guarantees: the chain never contains the user, never repeats anyone and, when active only,
 * holds only active users.
 *
 * <p>Arguments are never null: OAKit validates them before calling. Unknown ids give empty
 * results, never exceptions. Implementations must be thread-safe; they are called from any
 * thread, possibly inside an OAKit transaction.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DirectoryProvider {
    /** Safety net against endless walks in a provider whose data has cycles. */
    int MAX_STEPS = 1000;

    /** @return the user of the tenant, active or not, or empty */
    Optional<User> findUser(String tenantId, String userId);

    /**
     * @return the tenant's users of these ids, active or not, by id; unknown ids are left out. The
     *     default asks {@link #findUser} for each; a provider with a database answers in one query.
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default java.util.Map<String, User> findUsers(String tenantId, java.util.Collection<String> userIds) {
        java.util.Map<String, User> out = new java.util.TreeMap<>();
        for (String id : userIds) {
            findUser(tenantId, id).ifPresent(u -> out.put(u.id(), u));
        }
        return out;
    }

    /** @return the user whose external id in {@code system} is {@code externalId}, or empty */
    Optional<User> findUserByExternalId(String tenantId, String system, String externalId);

    /** @return the department of the tenant, or empty */
    Optional<Department> findDepartment(String tenantId, String departmentId);

    /** @return the direct children of a department (of the roots when {@code parentId} is null), by sort order then id */
    List<Department> childDepartments(String tenantId, String parentId);

    /** @return the user's memberships, primary first; empty for an unknown user */
    List<Membership> memberships(String tenantId, String userId);

    /** @return the role codes the user holds; empty for an unknown user */
    Set<String> rolesOf(String tenantId, String userId);

    /** @return the users holding the role, by id; inactive ones only when {@code activeOnly} is false */
    List<User> usersWithRole(String tenantId, String roleCode, boolean activeOnly);

    /** @return the members of the department (and of every department below it if asked), each once, by id */
    List<User> members(String tenantId, String departmentId, boolean includeSubDepartments, boolean activeOnly);

    /**
     * The active users whose e-mail address equals {@code email} ignoring case. This interface
     * cannot list users, so the default knows no address: a provider that knows them should
     * override it. Until it does, every address counts as unknown (the ticket mail channel, for
     * one, then takes a sender for an outside contact, never for one of the host's users).
     *
     * @param email the address, stripped
     * @return the active users with the address, by id; empty when none
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default List<User> activeUsersByEmail(String tenantId, String email) {
        return List.of();
    }

    /**
     * The primary department of each of the given users. The default asks
     * {@link #primaryMembership} once per user; a provider that can answer in one round trip
     * should override it.
     *
     * @param userIds distinct user ids
     * @return department id by user id; users without a primary membership and unknown users are absent
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default Map<String, String> primaryDepartments(String tenantId, Set<String> userIds) {
        Map<String, String> departments = new HashMap<>();
        for (String userId : userIds) {
            primaryMembership(tenantId, userId).ifPresent(m -> departments.put(userId, m.departmentId()));
        }
        return departments;
    }

    /** @return the user's primary membership, or empty */
    default Optional<Membership> primaryMembership(String tenantId, String userId) {
        return memberships(tenantId, userId).stream().filter(Membership::primary).findFirst();
    }

    /** @return the head of the department, active or not, or empty */
    default Optional<User> departmentHead(String tenantId, String departmentId) {
        return findDepartment(tenantId, departmentId)
                .map(Department::headUserId)
                .flatMap(head -> findUser(tenantId, head));
    }

    /**
     * The head of the user's primary department. Providers that can answer it in one round trip
     * should override this; approval nodes ask it on every start.
     *
     * @return the head, active or not, or empty when the user has no primary department or it has no head
     */
    default Optional<User> headOfDepartmentOf(String tenantId, String userId) {
        return primaryMembership(tenantId, userId).flatMap(m -> departmentHead(tenantId, m.departmentId()));
    }

    /**
     * The manager chain by the rule described in {@link dev.oakit.core.directory.Directory}.
     *
     * @param upToLevel the longest chain wanted, at least 1
     * @param activeOnly true to skip inactive managers, which then do not count as a level
     * @return the managers from the direct one upwards; empty for an unknown user
     */
    default List<User> managerChain(String tenantId, String userId, int upToLevel, boolean activeOnly) {
        List<User> chain = new ArrayList<>();
        Optional<User> start = findUser(tenantId, userId);
        if (start.isEmpty()) {
            return chain;
        }
        Set<String> seen = new HashSet<>();
        seen.add(userId);
        User current = start.get();
        for (int step = 0; step < MAX_STEPS && chain.size() < upToLevel; step++) {
            Optional<User> next = nextManager(tenantId, current, seen);
            if (next.isEmpty()) {
                break;
            }
            User manager = next.get();
            seen.add(manager.id());
            if (manager.active() || !activeOnly) {
                chain.add(manager);
            }
            current = manager;
        }
        return chain;
    }

    /**
     * One step of the manager rule: the explicit manager of {@code user} when set, known and not
     * in {@code exclude}; else the head of the user's primary department or of its nearest
     * ancestor whose head is known and not in {@code exclude} (the user being in it).
     *
     * @param exclude ids that may not be returned: the user and the chain so far
     * @return the next manager, active or not, or empty at the top
     */
    default Optional<User> nextManager(String tenantId, User user, Set<String> exclude) {
        if (user.managerId() != null && !exclude.contains(user.managerId())
                && !user.managerId().equals(user.id())) {
            Optional<User> explicit = findUser(tenantId, user.managerId());
            if (explicit.isPresent()) {
                return explicit;
            }
        }
        Optional<Membership> primary = primaryMembership(tenantId, user.id());
        Set<String> visited = new HashSet<>();
        String departmentId = primary.map(Membership::departmentId).orElse(null);
        while (departmentId != null && visited.add(departmentId) && visited.size() <= MAX_STEPS) {
            Optional<Department> d = findDepartment(tenantId, departmentId);
            if (d.isEmpty()) {
                break;
            }
            String head = d.get().headUserId();
            if (head != null && !head.equals(user.id()) && !exclude.contains(head)) {
                Optional<User> found = findUser(tenantId, head);
                if (found.isPresent()) {
                    return found;
                }
            }
            departmentId = d.get().parentId();
        }
        return Optional.empty();
    }

    /**
     * @param level 1 for the direct manager
     * @return the active manager {@code level} levels up, or empty
     */
    default Optional<User> managerOf(String tenantId, String userId, int level) {
        List<User> chain = managerChain(tenantId, userId, level, true);
        return chain.size() >= level ? Optional.of(chain.get(level - 1)) : Optional.empty();
    }

    /**
     * @return the active managers up to and including the first who holds the role; the whole
     *         chain (at most {@code maxLevels}) when nobody in it does
     */
    default List<User> managerChainUpToRole(String tenantId, String userId, String roleCode, int maxLevels) {
        List<User> chain = managerChain(tenantId, userId, maxLevels, true);
        for (int i = 0; i < chain.size(); i++) {
            if (rolesOf(tenantId, chain.get(i).id()).contains(roleCode)) {
                return List.copyOf(chain.subList(0, i + 1));
            }
        }
        return chain;
    }
}
