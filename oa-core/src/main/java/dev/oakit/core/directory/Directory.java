package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.io.Reader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The organisation directory of the actor's tenant: who works where, who manages whom, who holds
 * which role. Reads go through the bound {@link dev.oakit.core.spi.DirectoryProvider} (OAKit's
 * own tables by default, or the host's when a plugin replaces it); commands write OAKit's own
 * tables.
 *
 * <p><b>Reads</b> are open to every actor of the tenant. An id of another tenant is reported
 * exactly like an unknown id ({@link dev.oakit.core.NotFoundException}).
 *
 * <p><b>Commands</b> are for administrators only ({@link Actor#isAdmin()}); others get a
 * {@link dev.oakit.core.ForbiddenException}. Each runs in one transaction with an audit entry
 * and, when it changed something, a domain event (see {@link DirectoryEvents}). Bad input raises
 * a {@link dev.oakit.core.ValidationException} listing every problem; a referenced id that does
 * not exist raises a {@link dev.oakit.core.NotFoundException} naming it; a duplicate id a
 * {@link dev.oakit.core.ConflictException}. Nothing is changed when a command throws.
 *
 * <p><b>Manager rule</b> (直属上级, 第N级主管): the direct manager of a user is their explicit
 * {@link User#managerId()} when set; otherwise the head of their primary department, or, when the
 * department has no head or the user is that head, the head of the nearest ancestor department
 * with another head. Inactive managers are skipped: resolution continues from the inactive
 * manager to their own manager, and they do not count as a level. The chain stops at the top
 * and never contains the user or anyone twice.
 *
 * <p>Null arguments are rejected with a {@link dev.oakit.core.ValidationException} unless a
 * parameter says otherwise; no method returns null. Implementations are thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Directory {
    /** Highest level {@link #managerOf} and {@link #managerChain} accept. */
    int MAX_LEVEL = 50;

    // ---- reads ------------------------------------------------------------------------------

    /** @return the user, active or not, or empty when the tenant has no such user */
    Optional<User> findUser(Actor actor, String userId);

    /**
     * The users of many ids at once, active or not, in one lookup (one statement for OAKit's own
     * directory, cached like {@link #findUser}); ids the tenant does not know are left out.
     *
     * @param userIds the ids, each checked like {@link #findUser}'s; may be empty
     * @return the users found, by id
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    java.util.Map<String, User> findUsers(Actor actor, java.util.Collection<String> userIds);

    /**
     * @return the user
     * @throws dev.oakit.core.NotFoundException if the tenant has no such user
     */
    User user(Actor actor, String userId);

    /** @return the user known in another system ({@code sso}, {@code erp}) by {@code externalId}, or empty */
    Optional<User> findUserByExternalId(Actor actor, String system, String externalId);

    /**
     * @return the department
     * @throws dev.oakit.core.NotFoundException if the tenant has no such department
     */
    Department department(Actor actor, String departmentId);

    /**
     * @param parentId the parent, or null for the root departments
     * @return the direct children, by sort order then id
     * @throws dev.oakit.core.NotFoundException if {@code parentId} is given and unknown
     */
    List<Department> childDepartments(Actor actor, String parentId);

    /** @return the user's memberships, primary first; empty when the user belongs to no department */
    List<Membership> memberships(Actor actor, String userId);

    /** @return the codes of the roles the user holds (also when inactive), sorted */
    Set<String> rolesOf(Actor actor, String userId);

    /** @return every role of the tenant, by code (read from OAKit's tables) */
    List<Role> roles(Actor actor);

    /** @return every position of the tenant, most senior first (read from OAKit's tables) */
    List<Position> positions(Actor actor);

    /**
     * @param activeOnly true to leave out inactive users (for assignment and approver resolution)
     * @return the users holding the role, by id
     * @throws dev.oakit.core.NotFoundException if the role is unknown (checked with the default provider only)
     */
    List<User> usersWithRole(Actor actor, String roleCode, boolean activeOnly);

    /**
     * @param includeSubDepartments true to include members of every department below
     * @param activeOnly true to leave out inactive users
     * @return the members, each once, by id
     */
    List<User> members(Actor actor, String departmentId, boolean includeSubDepartments, boolean activeOnly);

    /** @return the head of the department, active or not, or empty when it has none */
    Optional<User> departmentHead(Actor actor, String departmentId);

    /** @return the head of the user's primary department (possibly the user), or empty when there is none */
    Optional<User> headOfDepartmentOf(Actor actor, String userId);

    /**
     * @param level 1 for the direct manager, 2 for their manager, ... up to {@link #MAX_LEVEL}
     * @return the active manager {@code level} levels up by the manager rule, or empty when the chain is shorter
     */
    Optional<User> managerOf(Actor actor, String userId, int level);

    /**
     * @param upToLevel the longest chain wanted, 1 to {@link #MAX_LEVEL}
     * @param activeOnly true to skip inactive managers (they then do not count as a level)
     * @return the managers from the direct one upwards, at most {@code upToLevel}
     */
    List<User> managerChain(Actor actor, String userId, int upToLevel, boolean activeOnly);

    /**
     * @return the active managers from the direct one up to and including the first who holds the
     *         role; the whole chain when nobody in it does
     */
    List<User> managerChainUpToRole(Actor actor, String userId, String roleCode);

    /**
     * The active users with an e-mail address, compared without regard to case: for mapping an
     * incoming mail or a login to a user. Several users may share an address; a caller that needs
     * one person should treat more than one as nobody.
     *
     * @param email the address (surrounding blanks are ignored), at most 254 characters
     * @return the active users of the tenant with the address, by id; empty when there is none
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    List<User> activeUsersByEmail(Actor actor, String email);

    /**
     * The primary department of each of the given users, for reports that count by department:
     * look up the users a report counted in one call instead of one per user. OAKit's own
     * provider answers with one statement per 500 ids.
     *
     * @param userIds ids of users of the tenant; unknown ids and users without a department are
     *                left out of the answer
     * @return department id by user id, sorted by user id, unmodifiable
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    Map<String, String> primaryDepartments(Actor actor, Collection<String> userIds);

    // ---- commands (administrators only) ------------------------------------------------------

    /** Creates a user; a manager, if named, must exist. @return the stored user */
    User createUser(Actor actor, User user);

    /**
     * Replaces a user's name, contact data, manager, attributes and external ids. The active flag
     * of {@code user} is ignored: use {@link #deactivateUser} and {@link #reactivateUser}.
     *
     * @return the stored user
     */
    User updateUser(Actor actor, User user);

    /** Deactivates a user, keeping all their data; a no-op for an inactive user. @return the stored user */
    User deactivateUser(Actor actor, String userId);

    /** Reactivates a user; a no-op for an active user. @return the stored user */
    User reactivateUser(Actor actor, String userId);

    /** Creates a department; its parent and head, if named, must exist. @return the stored department */
    Department createDepartment(Actor actor, Department department);

    /**
     * Replaces a department's name, head and sort order, and moves it when the parent differs
     * (as {@link #moveDepartment} does). @return the stored department
     */
    Department updateDepartment(Actor actor, Department department);

    /**
     * Moves a department, with everything below it, under another parent.
     *
     * @param newParentId the new parent, or null to make it a root
     * @return the stored department
     * @throws dev.oakit.core.ValidationException if the new parent is the department or lies below it (a cycle)
     */
    Department moveDepartment(Actor actor, String departmentId, String newParentId);

    /** Creates a role or renames an existing one. @return the stored role */
    Role saveRole(Actor actor, Role role);

    /** Gives a user a role; a no-op when the user holds it already. */
    void assignRole(Actor actor, String userId, String roleCode);

    /** Takes a role from a user; a no-op when the user does not hold it. */
    void revokeRole(Actor actor, String userId, String roleCode);

    /** Creates a position or changes an existing one. @return the stored position */
    Position savePosition(Actor actor, Position position);

    /**
     * Adds a membership or changes its position and primary flag. Making a membership primary
     * makes the user's other memberships secondary; a user's first membership is always primary.
     *
     * @return the stored membership
     */
    Membership saveMembership(Actor actor, Membership membership);

    /**
     * Removes a membership; when it was the primary one, the remaining membership with the
     * smallest department id becomes primary. A no-op when there is no such membership.
     */
    void removeMembership(Actor actor, String userId, String departmentId);

    /**
     * Imports users with their departments, manager and roles, upserting by user id. Each row is
     * imported in its own transaction, completely or not at all; invalid rows are reported and the
     * others imported. A manager may be a user created by a later row of the same input. Formats
     * are described in {@code docs/directory.md}.
     *
     * @param input read to the end, not closed
     * @return what was imported and why the other rows were not
     * @throws dev.oakit.core.ValidationException if the input as a whole cannot be read (not JSON, no CSV header)
     */
    ImportReport importUsers(Actor actor, ImportFormat format, Reader input);

    /**
     * Bootstraps or refreshes an organisation from one input holding departments and users together (formats in
     * {@code docs/directory.md}): departments are created or updated first, parents before children; then the users
     * with their departments, manager and roles, as {@link #importUsers} does; then each department's head, once the
     * users exist. Every department and user is written in its own audited command, completely or not at all; a row
     * that changes nothing writes nothing, so running the same input again (a second boot) changes nothing and fails
     * on nothing; the import is audited once ({@code core.directory.import}) when it changed something. Administrators
     * only.
     *
     * @param input read to the end, not closed
     * @return per row: created, updated, unchanged or failed with each problem's field and fix
     * @throws dev.oakit.core.ValidationException if the input as a whole cannot be read (not JSON, no CSV header)
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    OrgImportReport importOrganisation(Actor actor, ImportFormat format, Reader input);
}
