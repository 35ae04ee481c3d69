package dev.oakit.core.internal.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.ImportReport;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.Position;
import dev.oakit.core.directory.Role;
import dev.oakit.core.directory.User;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.DirectoryProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.io.Reader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The directory facade: reads through the bound {@link DirectoryProvider}, commands on OAKit's
 * own tables through {@link Commands}. Every check of a command runs before its first write, so
 * a failing command writes nothing even inside a host transaction.
 */
@Singleton
public final class DirectoryService implements Directory {
    private final Commands commands;
    private final DirectoryProvider provider;
    private final DbDirectoryProvider db;
    private final ObjectMapper json;

    @Inject
    public DirectoryService(Commands commands, DirectoryProvider provider, DbDirectoryProvider db, ObjectMapper json) {
        this.commands = commands;
        this.provider = provider;
        this.db = db;
        this.json = json;
    }

    /**
     * Runs a directory command; the provider's cached answers are forgotten as it begins (see
     * {@link DbDirectoryProvider#writing}), as it returns or fails, and once its transaction
     * committed, so no reader of this JVM keeps an answer from before it.
     */
    private <T> T execute(CommandSpec spec, Class<T> type, java.util.function.Function<CommandContext, T> body) {
        try {
            return commands.execute(spec, type, ctx -> {
                db.writing(ctx);
                return body.apply(ctx);
            });
        } finally {
            db.invalidateCache();
        }
    }

    // ---- reads ------------------------------------------------------------------------------

    @Override
    public Optional<User> findUser(Actor actor, String userId) {
        Checks.notNull("actor", actor);
        Checks.id("userId", userId);
        return provider.findUser(actor.tenantId(), userId);
    }

    @Override
    public User user(Actor actor, String userId) {
        return findUser(actor, userId).orElseThrow(() -> userNotFound(actor.tenantId(), userId));
    }

    @Override
    public Optional<User> findUserByExternalId(Actor actor, String system, String externalId) {
        Checks.notNull("actor", actor);
        Checks.id("system", system);
        Checks.text("externalId", externalId, 200);
        return provider.findUserByExternalId(actor.tenantId(), system, externalId);
    }

    @Override
    public Department department(Actor actor, String departmentId) {
        Checks.notNull("actor", actor);
        Checks.id("departmentId", departmentId);
        return provider.findDepartment(actor.tenantId(), departmentId)
                .orElseThrow(() -> departmentNotFound(actor.tenantId(), departmentId));
    }

    @Override
    public List<Department> childDepartments(Actor actor, String parentId) {
        Checks.notNull("actor", actor);
        if (parentId != null) {
            department(actor, parentId);
        }
        return provider.childDepartments(actor.tenantId(), parentId);
    }

    @Override
    public List<Membership> memberships(Actor actor, String userId) {
        user(actor, userId);
        return provider.memberships(actor.tenantId(), userId);
    }

    @Override
    public Set<String> rolesOf(Actor actor, String userId) {
        user(actor, userId);
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(provider.rolesOf(actor.tenantId(), userId)));
    }

    @Override
    public List<Role> roles(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("SELECT code, name FROM oa_core_role WHERE tenant_id = :t ORDER BY code")
                .bind("t", actor.tenantId()).map((rs, ctx) -> new Role(rs.getString(1), rs.getString(2))).list());
    }

    @Override
    public List<Position> positions(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("SELECT code, name, position_rank FROM oa_core_position WHERE tenant_id = :t ORDER BY position_rank DESC, code")
                .bind("t", actor.tenantId()).map((rs, ctx) -> new Position(rs.getString(1), rs.getString(2), rs.getInt(3))).list());
    }

    @Override
    public List<User> usersWithRole(Actor actor, String roleCode, boolean activeOnly) {
        Checks.notNull("actor", actor);
        Checks.id("roleCode", roleCode);
        // a replaced provider knows roles OAKit's tables do not: only the default can tell an unknown role
        if (provider instanceof DbDirectoryProvider
                && !commands.query(h -> exists(h, "oa_core_role", "code", actor.tenantId(), roleCode))) {
            throw roleNotFound(actor.tenantId(), roleCode);
        }
        return provider.usersWithRole(actor.tenantId(), roleCode, activeOnly);
    }

    @Override
    public List<User> members(Actor actor, String departmentId, boolean includeSubDepartments, boolean activeOnly) {
        department(actor, departmentId);
        return provider.members(actor.tenantId(), departmentId, includeSubDepartments, activeOnly);
    }

    @Override
    public Optional<User> departmentHead(Actor actor, String departmentId) {
        department(actor, departmentId);
        return provider.departmentHead(actor.tenantId(), departmentId);
    }

    @Override
    public Optional<User> headOfDepartmentOf(Actor actor, String userId) {
        user(actor, userId);
        return provider.headOfDepartmentOf(actor.tenantId(), userId);
    }

    @Override
    public Optional<User> managerOf(Actor actor, String userId, int level) {
        checkLevel("level", level);
        user(actor, userId);
        return provider.managerOf(actor.tenantId(), userId, level);
    }

    @Override
    public List<User> managerChain(Actor actor, String userId, int upToLevel, boolean activeOnly) {
        checkLevel("upToLevel", upToLevel);
        user(actor, userId);
        return List.copyOf(provider.managerChain(actor.tenantId(), userId, upToLevel, activeOnly));
    }

    @Override
    public List<User> managerChainUpToRole(Actor actor, String userId, String roleCode) {
        Checks.id("roleCode", roleCode);
        user(actor, userId);
        return List.copyOf(provider.managerChainUpToRole(actor.tenantId(), userId, roleCode, MAX_LEVEL));
    }

    private static void checkLevel(String field, int level) {
        if (level < 1 || level > MAX_LEVEL) {
            throw ValidationException.of(field, "must be between 1 and " + MAX_LEVEL + " (was " + level + ")");
        }
    }

    // ---- user commands ---------------------------------------------------------------------------

    @Override
    public User createUser(Actor actor, User user) {
        Checks.notNull("actor", actor).requireAdmin("create users in the directory");
        Checks.notNull("user", user);
        return execute(CommandSpec.of(actor, "core.user.create").withTarget("user", user.id()), User.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            if (exists(h, "oa_core_user", "id", t, user.id())) {
                throw new ConflictException("OA-CORE/USER_EXISTS", "user '" + user.id() + "' already exists in tenant '" + t
                        + "'; use updateUser to change it");
            }
            checkManager(h, t, user.id(), user.managerId());
            checkExternalIds(h, t, user.id(), user.externalIds());
            insertUser(h, t, user, ctx);
            ctx.summary("created user " + user.id() + " (" + user.name() + ")");
            ctx.publish(DirectoryEvents.USER_CREATED, "user", user.id(), Map.of("userId", user.id()));
            return db.findUser(h, t, user.id()).orElseThrow();
        });
    }

    @Override
    public User updateUser(Actor actor, User user) {
        Checks.notNull("actor", actor).requireAdmin("update users in the directory");
        Checks.notNull("user", user);
        return execute(CommandSpec.of(actor, "core.user.update").withTarget("user", user.id()), User.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            User old = lockUser(h, t, user.id());
            User next = user.withActive(old.active());
            checkManager(h, t, user.id(), next.managerId());
            checkExternalIds(h, t, user.id(), next.externalIds());
            if (!next.equals(old)) {
                updateUserRow(h, t, next, ctx);
                ctx.publish(DirectoryEvents.USER_UPDATED, "user", user.id(), Map.of("userId", user.id()));
            }
            ctx.summary("updated user " + user.id());
            return db.findUser(h, t, user.id()).orElseThrow();
        });
    }

    @Override
    public User deactivateUser(Actor actor, String userId) {
        return setActive(actor, userId, false);
    }

    @Override
    public User reactivateUser(Actor actor, String userId) {
        return setActive(actor, userId, true);
    }

    private User setActive(Actor actor, String userId, boolean active) {
        Checks.notNull("actor", actor).requireAdmin((active ? "reactivate" : "deactivate") + " users in the directory");
        Checks.id("userId", userId);
        String action = active ? "core.user.reactivate" : "core.user.deactivate";
        return execute(CommandSpec.of(actor, action).withTarget("user", userId), User.class, ctx -> {
            Handle h = ctx.handle();
            User old = lockUser(h, ctx.tenantId(), userId);
            if (old.active() != active) {
                writeActive(h, ctx, userId, active);
            }
            ctx.summary((active ? "reactivated" : "deactivated") + " user " + userId + (old.active() == active ? " (no change)" : ""));
            return db.findUser(h, ctx.tenantId(), userId).orElseThrow();
        });
    }

    private static void writeActive(Handle h, CommandContext ctx, String userId, boolean active) {
        h.createUpdate("UPDATE oa_core_user SET active = :a, updated_at = :now WHERE tenant_id = :t AND id = :id")
                .bind("a", active).bind("now", InstantAsUtc.toDb(ctx.now())).bind("t", ctx.tenantId()).bind("id", userId).execute();
        ctx.publish(active ? DirectoryEvents.USER_REACTIVATED : DirectoryEvents.USER_DEACTIVATED, "user", userId,
                Map.of("userId", userId));
    }

    // ---- departments ------------------------------------------------------------------------------

    @Override
    public Department createDepartment(Actor actor, Department department) {
        Checks.notNull("actor", actor).requireAdmin("create departments in the directory");
        Checks.notNull("department", department);
        return execute(CommandSpec.of(actor, "core.department.create").withTarget("department", department.id()),
                Department.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    if (exists(h, "oa_core_department", "id", t, department.id())) {
                        throw new ConflictException("OA-CORE/DEPARTMENT_EXISTS", "department '" + department.id()
                                + "' already exists in tenant '" + t + "'; use updateDepartment to change it");
                    }
                    if (department.parentId() != null && !exists(h, "oa_core_department", "id", t, department.parentId())) {
                        throw new NotFoundException("OA-CORE/DEPARTMENT_NOT_FOUND", "parent department '" + department.parentId()
                                + "' of department '" + department.id() + "' does not exist in tenant '" + t + "'; create it first");
                    }
                    checkHead(h, t, department);
                    h.createUpdate("""
                            INSERT INTO oa_core_department (tenant_id, id, parent_id, name, head_user_id, sort_order, created_at, updated_at)
                            VALUES (:t, :id, :p, :n, :head, :o, :now, :now)""")
                            .bind("t", t).bind("id", department.id()).bind("p", department.parentId()).bind("n", department.name())
                            .bind("head", department.headUserId()).bind("o", department.sortOrder())
                            .bind("now", InstantAsUtc.toDb(ctx.now())).execute();
                    ctx.summary("created department " + department.id() + " (" + department.name() + ")");
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("departmentId", department.id());
                    payload.put("parentId", department.parentId());
                    ctx.publish(DirectoryEvents.DEPARTMENT_CREATED, "department", department.id(), payload);
                    return department;
                });
    }

    @Override
    public Department updateDepartment(Actor actor, Department department) {
        Checks.notNull("actor", actor).requireAdmin("update departments in the directory");
        Checks.notNull("department", department);
        return execute(CommandSpec.of(actor, "core.department.update").withTarget("department", department.id()),
                Department.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    Department old = lockDepartments(h, t, department.id());
                    checkHead(h, t, department);
                    if (!Objects.equals(old.parentId(), department.parentId())) {
                        move(h, ctx, old, department.parentId());
                    }
                    Department moved = old.withParentId(department.parentId());
                    if (!moved.equals(department)) {
                        h.createUpdate("UPDATE oa_core_department SET name = :n, head_user_id = :head, sort_order = :o, updated_at = :now WHERE tenant_id = :t AND id = :id")
                                .bind("n", department.name()).bind("head", department.headUserId()).bind("o", department.sortOrder())
                                .bind("now", InstantAsUtc.toDb(ctx.now())).bind("t", t).bind("id", department.id()).execute();
                        ctx.publish(DirectoryEvents.DEPARTMENT_UPDATED, "department", department.id(), Map.of("departmentId", department.id()));
                    }
                    ctx.summary("updated department " + department.id());
                    return db.findDepartment(h, t, department.id()).orElseThrow();
                });
    }

    @Override
    public Department moveDepartment(Actor actor, String departmentId, String newParentId) {
        Checks.notNull("actor", actor).requireAdmin("move departments in the directory");
        Checks.id("departmentId", departmentId);
        if (newParentId != null) {
            Checks.id("newParentId", newParentId);
        }
        return execute(CommandSpec.of(actor, "core.department.move").withTarget("department", departmentId),
                Department.class, ctx -> {
                    Handle h = ctx.handle();
                    Department old = lockDepartments(h, ctx.tenantId(), departmentId);
                    if (!Objects.equals(old.parentId(), newParentId)) {
                        move(h, ctx, old, newParentId);
                    }
                    ctx.summary("moved department " + departmentId + " from " + old.parentId() + " to " + newParentId);
                    return db.findDepartment(h, ctx.tenantId(), departmentId).orElseThrow();
                });
    }

    /** Called with the tenant's departments locked, so two concurrent moves cannot build a cycle together. */
    private void move(Handle h, CommandContext ctx, Department department, String newParentId) {
        String t = ctx.tenantId();
        if (newParentId != null) {
            Map<String, String> parents = db.parents(h, t);
            if (!parents.containsKey(newParentId)) {
                throw new NotFoundException("OA-CORE/DEPARTMENT_NOT_FOUND", "new parent department '" + newParentId
                        + "' of department '" + department.id() + "' does not exist in tenant '" + t + "'");
            }
            Set<String> seen = new HashSet<>();
            for (String p = newParentId; p != null && seen.add(p); p = parents.get(p)) {
                if (p.equals(department.id())) {
                    throw new ValidationException("OA-CORE/DEPARTMENT_CYCLE", "move of department '" + department.id() + "'",
                            List.of(new ValidationException.Problem("parentId", "department '" + newParentId + "' is "
                                    + (newParentId.equals(department.id()) ? "the department itself" : "below department '"
                                    + department.id() + "'") + "; moving there would make a cycle. Move '" + newParentId
                                    + "' out first, or choose a parent outside the subtree")));
                }
            }
        }
        h.createUpdate("UPDATE oa_core_department SET parent_id = :p, updated_at = :now WHERE tenant_id = :t AND id = :id")
                .bind("p", newParentId).bind("now", InstantAsUtc.toDb(ctx.now())).bind("t", t).bind("id", department.id()).execute();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("departmentId", department.id());
        payload.put("fromParentId", department.parentId());
        payload.put("toParentId", newParentId);
        ctx.publish(DirectoryEvents.DEPARTMENT_MOVED, "department", department.id(), payload);
    }

    private static void checkHead(Handle h, String t, Department d) {
        if (d.headUserId() != null && !exists(h, "oa_core_user", "id", t, d.headUserId())) {
            throw new NotFoundException("OA-CORE/USER_NOT_FOUND", "head user '" + d.headUserId() + "' of department '"
                    + d.id() + "' does not exist in tenant '" + t + "'; create the user first");
        }
    }

    private Department lockDepartments(Handle h, String t, String departmentId) {
        // locks every department row of the tenant: tree changes are rare, and this makes cycle checks race-free
        h.createQuery("SELECT id FROM oa_core_department WHERE tenant_id = :t FOR UPDATE").bind("t", t).mapTo(String.class).list();
        return db.findDepartment(h, t, departmentId).orElseThrow(() -> departmentNotFound(t, departmentId));
    }

    // ---- roles, positions, memberships ----------------------------------------------------------

    @Override
    public Role saveRole(Actor actor, Role role) {
        Checks.notNull("actor", actor).requireAdmin("save roles in the directory");
        Checks.notNull("role", role);
        return execute(CommandSpec.of(actor, "core.role.save").withTarget("role", role.code()), Role.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            Optional<String> old = h.createQuery("SELECT name FROM oa_core_role WHERE tenant_id = :t AND code = :c FOR UPDATE")
                    .bind("t", t).bind("c", role.code()).mapTo(String.class).findOne();
            if (old.isEmpty()) {
                h.createUpdate("INSERT INTO oa_core_role (tenant_id, code, name) VALUES (:t, :c, :n)")
                        .bind("t", t).bind("c", role.code()).bind("n", role.name()).execute();
            } else if (!old.get().equals(role.name())) {
                h.createUpdate("UPDATE oa_core_role SET name = :n WHERE tenant_id = :t AND code = :c")
                        .bind("t", t).bind("c", role.code()).bind("n", role.name()).execute();
            }
            if (old.isEmpty() || !old.get().equals(role.name())) {
                ctx.publish(DirectoryEvents.ROLE_SAVED, "role", role.code(), Map.of("roleCode", role.code()));
            }
            ctx.summary((old.isEmpty() ? "created" : "saved") + " role " + role.code());
            return role;
        });
    }

    @Override
    public void assignRole(Actor actor, String userId, String roleCode) {
        changeRole(actor, userId, roleCode, true);
    }

    @Override
    public void revokeRole(Actor actor, String userId, String roleCode) {
        changeRole(actor, userId, roleCode, false);
    }

    private void changeRole(Actor actor, String userId, String roleCode, boolean assign) {
        Checks.notNull("actor", actor).requireAdmin((assign ? "assign" : "revoke") + " roles in the directory");
        Checks.id("userId", userId);
        Checks.id("roleCode", roleCode);
        execute(CommandSpec.of(actor, assign ? "core.role.assign" : "core.role.revoke").withTarget("user", userId),
                Void.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    requireUser(h, t, userId);
                    if (!exists(h, "oa_core_role", "code", t, roleCode)) {
                        throw roleNotFound(t, roleCode);
                    }
                    boolean holds = holdsRole(h, t, userId, roleCode);
                    if (assign && !holds) {
                        h.createUpdate("INSERT INTO oa_core_user_role (tenant_id, user_id, role_code) VALUES (:t, :u, :r)")
                                .bind("t", t).bind("u", userId).bind("r", roleCode).execute();
                    } else if (!assign && holds) {
                        h.createUpdate("DELETE FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u AND role_code = :r")
                                .bind("t", t).bind("u", userId).bind("r", roleCode).execute();
                    }
                    if (assign != holds) {
                        ctx.publish(assign ? DirectoryEvents.ROLE_ASSIGNED : DirectoryEvents.ROLE_REVOKED, "user", userId,
                                Map.of("userId", userId, "roleCode", roleCode));
                    }
                    ctx.summary((assign ? "assigned role " : "revoked role ") + roleCode + (assign ? " to " : " from ") + userId);
                    return null;
                });
    }

    private static boolean holdsRole(Handle h, String t, String userId, String roleCode) {
        return h.createQuery("SELECT COUNT(*) FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u AND role_code = :r")
                .bind("t", t).bind("u", userId).bind("r", roleCode).mapTo(Integer.class).one() > 0;
    }

    @Override
    public Position savePosition(Actor actor, Position position) {
        Checks.notNull("actor", actor).requireAdmin("save positions in the directory");
        Checks.notNull("position", position);
        return execute(CommandSpec.of(actor, "core.position.save").withTarget("position", position.code()),
                Position.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    Optional<Position> old = h.createQuery("SELECT code, name, position_rank FROM oa_core_position WHERE tenant_id = :t AND code = :c FOR UPDATE")
                            .bind("t", t).bind("c", position.code())
                            .map((rs, c) -> new Position(rs.getString(1), rs.getString(2), rs.getInt(3))).findOne();
                    if (old.isEmpty()) {
                        h.createUpdate("INSERT INTO oa_core_position (tenant_id, code, name, position_rank) VALUES (:t, :c, :n, :r)")
                                .bind("t", t).bind("c", position.code()).bind("n", position.name()).bind("r", position.rank()).execute();
                    } else if (!old.get().equals(position)) {
                        h.createUpdate("UPDATE oa_core_position SET name = :n, position_rank = :r WHERE tenant_id = :t AND code = :c")
                                .bind("t", t).bind("c", position.code()).bind("n", position.name()).bind("r", position.rank()).execute();
                    }
                    if (old.isEmpty() || !old.get().equals(position)) {
                        ctx.publish(DirectoryEvents.POSITION_SAVED, "position", position.code(), Map.of("positionCode", position.code()));
                    }
                    ctx.summary("saved position " + position.code());
                    return position;
                });
    }

    @Override
    public Membership saveMembership(Actor actor, Membership membership) {
        Checks.notNull("actor", actor).requireAdmin("change memberships in the directory");
        Checks.notNull("membership", membership);
        return execute(CommandSpec.of(actor, "core.membership.save").withTarget("user", membership.userId()),
                Membership.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    lockUser(h, t, membership.userId());
                    checkMembershipRefs(h, t, membership);
                    Membership stored = writeMembership(h, ctx, membership);
                    ctx.summary("saved membership of " + membership.userId() + " in " + membership.departmentId());
                    return stored;
                });
    }

    private void checkMembershipRefs(Handle h, String t, Membership m) {
        if (!exists(h, "oa_core_department", "id", t, m.departmentId())) {
            throw departmentNotFound(t, m.departmentId());
        }
        if (m.positionCode() != null && !exists(h, "oa_core_position", "code", t, m.positionCode())) {
            throw new NotFoundException("OA-CORE/POSITION_NOT_FOUND", "position '" + m.positionCode()
                    + "' does not exist in tenant '" + t + "'; create it with savePosition first");
        }
    }

    /** Upserts one membership and keeps exactly one primary membership per user. */
    private Membership writeMembership(Handle h, CommandContext ctx, Membership m) {
        String t = ctx.tenantId();
        List<Membership> current = db.memberships(h, t, m.userId());
        Optional<Membership> old = current.stream().filter(x -> x.departmentId().equals(m.departmentId())).findFirst();
        boolean hasOtherPrimary = current.stream().anyMatch(x -> x.primary() && !x.departmentId().equals(m.departmentId()));
        boolean primary = m.primary() || !hasOtherPrimary;
        Membership next = new Membership(m.userId(), m.departmentId(), m.positionCode(), primary);
        if (old.isPresent() && old.get().equals(next)) {
            return next;
        }
        if (primary && hasOtherPrimary) {
            h.createUpdate("UPDATE oa_core_membership SET is_primary = :no WHERE tenant_id = :t AND user_id = :u")
                    .bind("no", false).bind("t", t).bind("u", m.userId()).execute();
        }
        if (old.isPresent()) {
            h.createUpdate("UPDATE oa_core_membership SET position_code = :p, is_primary = :pr WHERE tenant_id = :t AND user_id = :u AND department_id = :d")
                    .bind("p", next.positionCode()).bind("pr", primary).bind("t", t).bind("u", m.userId()).bind("d", m.departmentId()).execute();
        } else {
            h.createUpdate("INSERT INTO oa_core_membership (tenant_id, user_id, department_id, position_code, is_primary, created_at) VALUES (:t, :u, :d, :p, :pr, :now)")
                    .bind("t", t).bind("u", m.userId()).bind("d", m.departmentId()).bind("p", next.positionCode()).bind("pr", primary)
                    .bind("now", InstantAsUtc.toDb(ctx.now())).execute();
        }
        ctx.publish(DirectoryEvents.MEMBERSHIP_SAVED, "user", m.userId(), Map.of("userId", m.userId(), "departmentId", m.departmentId()));
        return next;
    }

    @Override
    public void removeMembership(Actor actor, String userId, String departmentId) {
        Checks.notNull("actor", actor).requireAdmin("change memberships in the directory");
        Checks.id("userId", userId);
        Checks.id("departmentId", departmentId);
        execute(CommandSpec.of(actor, "core.membership.remove").withTarget("user", userId), Void.class, ctx -> {
            lockUser(ctx.handle(), ctx.tenantId(), userId);
            deleteMembership(ctx.handle(), ctx, userId, departmentId);
            ctx.summary("removed membership of " + userId + " in " + departmentId);
            return null;
        });
    }

    private void deleteMembership(Handle h, CommandContext ctx, String userId, String departmentId) {
        String t = ctx.tenantId();
        List<Membership> current = db.memberships(h, t, userId);
        Optional<Membership> old = current.stream().filter(x -> x.departmentId().equals(departmentId)).findFirst();
        if (old.isEmpty()) {
            return;
        }
        h.createUpdate("DELETE FROM oa_core_membership WHERE tenant_id = :t AND user_id = :u AND department_id = :d")
                .bind("t", t).bind("u", userId).bind("d", departmentId).execute();
        if (old.get().primary()) {
            current.stream().map(Membership::departmentId).filter(d -> !d.equals(departmentId)).sorted().findFirst()
                    .ifPresent(next -> h.createUpdate("UPDATE oa_core_membership SET is_primary = :yes WHERE tenant_id = :t AND user_id = :u AND department_id = :d")
                            .bind("yes", true).bind("t", t).bind("u", userId).bind("d", next).execute());
        }
        ctx.publish(DirectoryEvents.MEMBERSHIP_REMOVED, "user", userId, Map.of("userId", userId, "departmentId", departmentId));
    }

    // ---- import ---------------------------------------------------------------------------------

    @Override
    public ImportReport importUsers(Actor actor, ImportFormat format, Reader input) {
        Checks.notNull("actor", actor).requireAdmin("import users in the directory");
        Checks.notNull("format", format);
        Checks.notNull("input", input);
        List<UserImport.Row> rows = format == ImportFormat.JSON ? UserImport.parseJson(json, input) : UserImport.parseCsv(input);
        return new UserImport(this).run(actor, rows);
    }

    /** Imports one parsed, ordered row in its own command; throws {@link UserImport.RowFailure} with every problem. */
    void importRow(Actor actor, UserImport.Row row) {
        execute(CommandSpec.of(actor, "core.user.import").withTarget("user", row.userId()), Void.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            UserImport.Problems problems = new UserImport.Problems(row);
            Optional<User> old = db.findUser(h, t, row.userId());
            User next = problems.user(row.merge(old.orElse(null)));
            if (next != null) {
                problems.check("manager", () -> checkManager(h, t, next.id(), next.managerId()));
                problems.check("externalIds", () -> checkExternalIds(h, t, next.id(), next.externalIds()));
            }
            if (row.departments() != null) {
                for (int i = 0; i < row.departments().size(); i++) {
                    Membership m = row.departments().get(i);
                    problems.check("departments[" + i + "]", () -> checkMembershipRefs(h, t, m));
                }
            }
            if (row.roles() != null) {
                for (String r : row.roles()) {
                    if (!exists(h, "oa_core_role", "code", t, r)) {
                        problems.add("roles", "role '" + r + "' does not exist in tenant '" + t + "'; create it with saveRole first");
                    }
                }
            }
            problems.throwIfAny();
            // every check passed: write
            boolean changed = false;
            if (old.isEmpty()) {
                insertUser(h, t, next, ctx);
                ctx.publish(DirectoryEvents.USER_CREATED, "user", next.id(), Map.of("userId", next.id()));
            } else {
                if (old.get().active() != next.active()) {
                    writeActive(h, ctx, next.id(), next.active());
                }
                if (!old.get().withActive(next.active()).equals(next)) {
                    updateUserRow(h, t, next, ctx);
                    changed = true;
                }
            }
            if (row.departments() != null) {
                List<Membership> current = db.memberships(h, t, next.id());
                Set<String> wanted = new HashSet<>();
                row.departments().forEach(m -> wanted.add(m.departmentId()));
                for (Membership m : current) {
                    if (!wanted.contains(m.departmentId())) {
                        deleteMembership(h, ctx, next.id(), m.departmentId());
                    }
                }
                for (Membership m : row.departments()) {
                    writeMembership(h, ctx, m);
                }
            }
            if (row.roles() != null) {
                Set<String> current = new HashSet<>(h.createQuery("SELECT role_code FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u")
                        .bind("t", t).bind("u", next.id()).mapTo(String.class).list());
                for (String r : current) {
                    if (!row.roles().contains(r)) {
                        h.createUpdate("DELETE FROM oa_core_user_role WHERE tenant_id = :t AND user_id = :u AND role_code = :r")
                                .bind("t", t).bind("u", next.id()).bind("r", r).execute();
                        changed = true;
                    }
                }
                for (String r : row.roles()) {
                    if (!current.contains(r)) {
                        h.createUpdate("INSERT INTO oa_core_user_role (tenant_id, user_id, role_code) VALUES (:t, :u, :r)")
                                .bind("t", t).bind("u", next.id()).bind("r", r).execute();
                        changed = true;
                    }
                }
            }
            if (changed && old.isPresent()) {
                ctx.publish(DirectoryEvents.USER_UPDATED, "user", next.id(), Map.of("userId", next.id()));
            }
            ctx.summary((old.isEmpty() ? "imported new user " : "imported user ") + next.id() + " (row " + row.number() + ")");
            return null;
        });
    }

    // ---- shared pieces -------------------------------------------------------------------------

    private void insertUser(Handle h, String t, User user, CommandContext ctx) {
        h.createUpdate("""
                INSERT INTO oa_core_user (tenant_id, id, name, email, mobile, manager_id, active, attributes, created_at, updated_at)
                VALUES (:t, :id, :n, :e, :m, :mgr, :a, :attrs, :now, :now)""")
                .bind("t", t).bind("id", user.id()).bind("n", user.name()).bind("e", user.email()).bind("m", user.mobile())
                .bind("mgr", user.managerId()).bind("a", user.active()).bind("attrs", toJson(user.attributes()))
                .bind("now", InstantAsUtc.toDb(ctx.now())).execute();
        writeExternalIds(h, t, user.id(), user.externalIds());
    }

    private void updateUserRow(Handle h, String t, User user, CommandContext ctx) {
        h.createUpdate("""
                UPDATE oa_core_user SET name = :n, email = :e, mobile = :m, manager_id = :mgr, attributes = :attrs, updated_at = :now
                WHERE tenant_id = :t AND id = :id""")
                .bind("t", t).bind("id", user.id()).bind("n", user.name()).bind("e", user.email()).bind("m", user.mobile())
                .bind("mgr", user.managerId()).bind("attrs", toJson(user.attributes()))
                .bind("now", InstantAsUtc.toDb(ctx.now())).execute();
        h.createUpdate("DELETE FROM oa_core_user_external_id WHERE tenant_id = :t AND user_id = :u").bind("t", t).bind("u", user.id()).execute();
        writeExternalIds(h, t, user.id(), user.externalIds());
    }

    private static void writeExternalIds(Handle h, String t, String userId, Map<String, String> ids) {
        for (Map.Entry<String, String> e : ids.entrySet()) {
            h.createUpdate("INSERT INTO oa_core_user_external_id (tenant_id, user_id, ext_system, external_id) VALUES (:t, :u, :s, :x)")
                    .bind("t", t).bind("u", userId).bind("s", e.getKey()).bind("x", e.getValue()).execute();
        }
    }

    private static void checkExternalIds(Handle h, String t, String userId, Map<String, String> ids) {
        for (Map.Entry<String, String> e : ids.entrySet()) {
            Optional<String> owner = h.createQuery("SELECT user_id FROM oa_core_user_external_id WHERE tenant_id = :t AND ext_system = :s AND external_id = :x")
                    .bind("t", t).bind("s", e.getKey()).bind("x", e.getValue()).mapTo(String.class).findOne();
            if (owner.isPresent() && !owner.get().equals(userId)) {
                throw new ConflictException("OA-CORE/EXTERNAL_ID_TAKEN", "external id '" + e.getValue() + "' of system '"
                        + e.getKey() + "' already belongs to user '" + owner.get() + "'; remove it there first");
            }
        }
    }

    /** The manager must exist and must not, through explicit managers, lead back to the user. */
    private static void checkManager(Handle h, String t, String userId, String managerId) {
        if (managerId == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        String current = managerId;
        while (current != null && seen.add(current)) {
            if (current.equals(userId)) {
                throw new ValidationException("OA-CORE/MANAGER_CYCLE", "manager of user '" + userId + "'", List.of(
                        new ValidationException.Problem("managerId", "user '" + managerId + "' is managed (directly or through others) by '"
                                + userId + "'; making them the manager would make a cycle")));
            }
            String c = current;
            Optional<Optional<String>> next = h.createQuery("SELECT manager_id FROM oa_core_user WHERE tenant_id = :t AND id = :id")
                    .bind("t", t).bind("id", c).map((rs, ctx) -> Optional.ofNullable(rs.getString(1))).findOne();
            if (next.isEmpty()) {
                if (c.equals(managerId)) {
                    throw new NotFoundException("OA-CORE/USER_NOT_FOUND", "manager '" + managerId + "' of user '" + userId
                            + "' does not exist in tenant '" + t + "'; create the manager first");
                }
                return;
            }
            current = next.get().orElse(null);
        }
    }

    private User lockUser(Handle h, String t, String userId) {
        h.createQuery("SELECT id FROM oa_core_user WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .bind("t", t).bind("id", userId).mapTo(String.class).findOne();
        return db.findUser(h, t, userId).orElseThrow(() -> userNotFound(t, userId));
    }

    private static void requireUser(Handle h, String t, String userId) {
        if (!exists(h, "oa_core_user", "id", t, userId)) {
            throw userNotFound(t, userId);
        }
    }

    private String toJson(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attributes cannot be written as JSON", e);
        }
    }

    static boolean exists(Handle h, String table, String keyColumn, String t, String key) {
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t AND " + keyColumn + " = :k")
                .bind("t", t).bind("k", key).mapTo(Integer.class).one() > 0;
    }

    static NotFoundException userNotFound(String t, String userId) {
        return new NotFoundException("OA-CORE/USER_NOT_FOUND", "user '" + userId + "' does not exist in tenant '" + t
                + "'; check the id or create the user first");
    }

    static NotFoundException departmentNotFound(String t, String departmentId) {
        return new NotFoundException("OA-CORE/DEPARTMENT_NOT_FOUND", "department '" + departmentId
                + "' does not exist in tenant '" + t + "'; check the id or create the department first");
    }

    static NotFoundException roleNotFound(String t, String roleCode) {
        return new NotFoundException("OA-CORE/ROLE_NOT_FOUND", "role '" + roleCode + "' does not exist in tenant '" + t
                + "'; create it with saveRole first");
    }

}
