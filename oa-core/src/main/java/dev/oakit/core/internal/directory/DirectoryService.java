package dev.oakit.core.internal.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.ImportReport;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.Position;
import dev.oakit.core.directory.Role;
import dev.oakit.core.directory.User;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.Reader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directory facade: reads go to {@link DirectoryReads}, the commands to the command class of
 * their aggregate (users, departments, roles and positions, memberships) and imports to
 * {@link UserImport}.
 */
@Singleton
public final class DirectoryService implements Directory {
    private final DirectoryReads reads;
    private final UserCommands users;
    private final DepartmentCommands departments;
    private final RoleAndPositionCommands rolesAndPositions;
    private final MembershipCommands memberships;
    private final UserImport userImport;
    private final OrganisationImport organisationImport;

    @Inject
    private DirectoryService(DirectoryReads reads, UserCommands users, DepartmentCommands departments,
                     RoleAndPositionCommands rolesAndPositions, MembershipCommands memberships, UserImport userImport,
                     OrganisationImport organisationImport) {
        this.organisationImport = organisationImport;
        this.reads = reads;
        this.users = users;
        this.departments = departments;
        this.rolesAndPositions = rolesAndPositions;
        this.memberships = memberships;
        this.userImport = userImport;
    }

    // ---- reads ------------------------------------------------------------------------------

    @Override
    public Optional<User> findUser(Actor actor, String userId) {
        return reads.findUser(actor, userId);
    }

    @Override
    public java.util.Map<String, User> findUsers(Actor actor, java.util.Collection<String> userIds) {
        return reads.findUsers(actor, userIds);
    }

    @Override
    public User user(Actor actor, String userId) {
        return reads.user(actor, userId);
    }

    @Override
    public Optional<User> findUserByExternalId(Actor actor, String system, String externalId) {
        return reads.findUserByExternalId(actor, system, externalId);
    }

    @Override
    public Department department(Actor actor, String departmentId) {
        return reads.department(actor, departmentId);
    }

    @Override
    public List<Department> childDepartments(Actor actor, String parentId) {
        return reads.childDepartments(actor, parentId);
    }

    @Override
    public List<Membership> memberships(Actor actor, String userId) {
        return reads.memberships(actor, userId);
    }

    @Override
    public Set<String> rolesOf(Actor actor, String userId) {
        return reads.rolesOf(actor, userId);
    }

    @Override
    public List<Role> roles(Actor actor) {
        return reads.roles(actor);
    }

    @Override
    public List<Position> positions(Actor actor) {
        return reads.positions(actor);
    }

    @Override
    public List<User> usersWithRole(Actor actor, String roleCode, boolean activeOnly) {
        return reads.usersWithRole(actor, roleCode, activeOnly);
    }

    @Override
    public List<User> members(Actor actor, String departmentId, boolean includeSubDepartments, boolean activeOnly) {
        return reads.members(actor, departmentId, includeSubDepartments, activeOnly);
    }

    @Override
    public Optional<User> departmentHead(Actor actor, String departmentId) {
        return reads.departmentHead(actor, departmentId);
    }

    @Override
    public Optional<User> headOfDepartmentOf(Actor actor, String userId) {
        return reads.headOfDepartmentOf(actor, userId);
    }

    @Override
    public Optional<User> managerOf(Actor actor, String userId, int level) {
        return reads.managerOf(actor, userId, level);
    }

    @Override
    public List<User> managerChain(Actor actor, String userId, int upToLevel, boolean activeOnly) {
        return reads.managerChain(actor, userId, upToLevel, activeOnly);
    }

    @Override
    public List<User> managerChainUpToRole(Actor actor, String userId, String roleCode) {
        return reads.managerChainUpToRole(actor, userId, roleCode);
    }

    @Override
    public List<User> activeUsersByEmail(Actor actor, String email) {
        return reads.activeUsersByEmail(actor, email);
    }

    @Override
    public Map<String, String> primaryDepartments(Actor actor, Collection<String> userIds) {
        return reads.primaryDepartments(actor, userIds);
    }

    // ---- commands ---------------------------------------------------------------------------

    @Override
    public User createUser(Actor actor, User user) {
        return users.create(actor, user);
    }

    @Override
    public User updateUser(Actor actor, User user) {
        return users.update(actor, user);
    }

    @Override
    public User deactivateUser(Actor actor, String userId) {
        return users.setActive(actor, userId, false);
    }

    @Override
    public User reactivateUser(Actor actor, String userId) {
        return users.setActive(actor, userId, true);
    }

    @Override
    public Department createDepartment(Actor actor, Department department) {
        return departments.create(actor, department);
    }

    @Override
    public Department updateDepartment(Actor actor, Department department) {
        return departments.update(actor, department);
    }

    @Override
    public Department moveDepartment(Actor actor, String departmentId, String newParentId) {
        return departments.move(actor, departmentId, newParentId);
    }

    @Override
    public Role saveRole(Actor actor, Role role) {
        return rolesAndPositions.saveRole(actor, role);
    }

    @Override
    public void assignRole(Actor actor, String userId, String roleCode) {
        rolesAndPositions.changeRole(actor, userId, roleCode, true);
    }

    @Override
    public void revokeRole(Actor actor, String userId, String roleCode) {
        rolesAndPositions.changeRole(actor, userId, roleCode, false);
    }

    @Override
    public Position savePosition(Actor actor, Position position) {
        return rolesAndPositions.savePosition(actor, position);
    }

    @Override
    public Membership saveMembership(Actor actor, Membership membership) {
        return memberships.save(actor, membership);
    }

    @Override
    public void removeMembership(Actor actor, String userId, String departmentId) {
        memberships.remove(actor, userId, departmentId);
    }

    @Override
    public ImportReport importUsers(Actor actor, ImportFormat format, Reader input) {
        return userImport.importUsers(actor, format, input);
    }

    @Override
    public dev.oakit.core.directory.OrgImportReport importOrganisation(Actor actor, ImportFormat format, Reader input) {
        return organisationImport.importOrganisation(actor, format, input);
    }
}
