package dev.oakit.core.testing;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.Role;
import dev.oakit.core.directory.User;

import java.util.List;

/**
 * Seeds a tenant's directory through its API, one call per line of the organisation chart, for the
 * fixtures of the modules' tests and the benchmarks:
 * <pre>
 * DirectorySeed.of(directory, admin).users("root", "bob", "alice").admins("root")
 *         .department("eng", null, "研发部").members("eng", "bob", "alice").head("eng", "bob")
 *         .role("director", "总监", "carol");
 * </pre>
 * Users are named after their id in upper case; memberships are primary.
 */
public final class DirectorySeed {
    private final Directory directory;
    private final Actor admin;

    private DirectorySeed(Directory directory, Actor admin) {
        this.directory = directory;
        this.admin = admin;
    }

    /** @param admin an administrator of the tenant to seed */
    public static DirectorySeed of(Directory directory, Actor admin) {
        return new DirectorySeed(directory, admin);
    }

    /** Creates users named after their id in upper case ({@code bob}: {@code BOB}). */
    public DirectorySeed users(String... ids) {
        return users(List.of(ids));
    }

    /** Creates users named after their id in upper case ({@code bob}: {@code BOB}). */
    public DirectorySeed users(List<String> ids) {
        for (String id : ids) {
            directory.createUser(admin, User.of(id, id.toUpperCase(java.util.Locale.ROOT)));
        }
        return this;
    }

    /** Creates a department; {@code parent} null for a root. */
    public DirectorySeed department(String id, String parent, String name) {
        directory.createDepartment(admin, parent == null ? Department.root(id, name) : Department.of(id, parent, name));
        return this;
    }

    /** Makes the department the primary one of each user. */
    public DirectorySeed members(String department, String... users) {
        return members(department, List.of(users));
    }

    /** Makes the department the primary one of each user. */
    public DirectorySeed members(String department, List<String> users) {
        for (String u : users) {
            directory.saveMembership(admin, Membership.primary(u, department));
        }
        return this;
    }

    /** Makes the user the head of the department. */
    public DirectorySeed head(String department, String user) {
        directory.updateDepartment(admin, directory.department(admin, department).withHead(user));
        return this;
    }

    /** Saves a role and gives it to the users. */
    public DirectorySeed role(String code, String name, String... users) {
        directory.saveRole(admin, new Role(code, name));
        for (String u : users) {
            directory.assignRole(admin, u, code);
        }
        return this;
    }

    /** Saves the administrators' role and gives it to the users. */
    public DirectorySeed admins(String... users) {
        return role(Actor.ADMIN_ROLE, "管理员", users);
    }
}
