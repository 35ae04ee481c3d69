package dev.oakit.core.internal.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The department commands: create, update, move. Changes of the tree lock the tenant's
 * department rows, so two concurrent moves cannot build a cycle together.
 */
@Singleton
final class DepartmentCommands {
    private final DirectoryCache cache;
    private final DepartmentRepository departments;
    private final UserRepository users;

    @Inject
    private DepartmentCommands(DirectoryCache cache, DepartmentRepository departments, UserRepository users) {
        this.cache = cache;
        this.departments = departments;
        this.users = users;
    }

    Department create(Actor actor, Department department) {
        Checks.notNull("actor", actor).requireAdmin("create departments in the directory");
        Checks.notNull("department", department);
        return cache.execute(CommandSpec.of(actor, "core.department.create").withTarget("department", department.id()),
                Department.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    if (departments.exists(h, t, department.id())) {
                        throw new ConflictException(CoreErrors.DEPARTMENT_EXISTS, "department '" + department.id()
                                + "' already exists in tenant '" + t + "'; use updateDepartment to change it");
                    }
                    if (department.parentId() != null && !departments.exists(h, t, department.parentId())) {
                        throw new NotFoundException(CoreErrors.DEPARTMENT_NOT_FOUND, "parent department '" + department.parentId()
                                + "' of department '" + department.id() + "' does not exist in tenant '" + t + "'; create it first");
                    }
                    checkHead(h, t, department);
                    departments.insert(h, t, department, ctx.now());
                    ctx.summary("created department " + department.id() + " (" + department.name() + ")");
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("departmentId", department.id());
                    payload.put("parentId", department.parentId());
                    ctx.publish(DirectoryEvents.DEPARTMENT_CREATED, "department", department.id(), payload);
                    return department;
                });
    }

    Department update(Actor actor, Department department) {
        Checks.notNull("actor", actor).requireAdmin("update departments in the directory");
        Checks.notNull("department", department);
        return cache.execute(CommandSpec.of(actor, "core.department.update").withTarget("department", department.id()),
                Department.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    Department old = lockTree(h, t, department.id());
                    checkHead(h, t, department);
                    if (!Objects.equals(old.parentId(), department.parentId())) {
                        move(ctx, old, department.parentId());
                    }
                    Department moved = old.withParentId(department.parentId());
                    if (!moved.equals(department)) {
                        departments.update(h, t, department, ctx.now());
                        ctx.publish(DirectoryEvents.DEPARTMENT_UPDATED, "department", department.id(), Map.of("departmentId", department.id()));
                    }
                    ctx.summary("updated department " + department.id());
                    return departments.find(h, t, department.id()).orElseThrow();
                });
    }

    Department move(Actor actor, String departmentId, String newParentId) {
        Checks.notNull("actor", actor).requireAdmin("move departments in the directory");
        Checks.id("departmentId", departmentId);
        if (newParentId != null) {
            Checks.id("newParentId", newParentId);
        }
        return cache.execute(CommandSpec.of(actor, "core.department.move").withTarget("department", departmentId),
                Department.class, ctx -> {
                    Handle h = ctx.handle();
                    Department old = lockTree(h, ctx.tenantId(), departmentId);
                    if (!Objects.equals(old.parentId(), newParentId)) {
                        move(ctx, old, newParentId);
                    }
                    ctx.summary("moved department " + departmentId + " from " + old.parentId() + " to " + newParentId);
                    return departments.find(h, ctx.tenantId(), departmentId).orElseThrow();
                });
    }

    /** Called with the tenant's departments locked, so two concurrent moves cannot build a cycle together. */
    private void move(CommandContext ctx, Department department, String newParentId) {
        Handle h = ctx.handle();
        String t = ctx.tenantId();
        if (newParentId != null) {
            Map<String, String> parents = departments.parents(h, t);
            if (!parents.containsKey(newParentId)) {
                throw new NotFoundException(CoreErrors.DEPARTMENT_NOT_FOUND, "new parent department '" + newParentId
                        + "' of department '" + department.id() + "' does not exist in tenant '" + t + "'");
            }
            Set<String> seen = new HashSet<>();
            for (String p = newParentId; p != null && seen.add(p); p = parents.get(p)) {
                if (p.equals(department.id())) {
                    throw new ValidationException(CoreErrors.DEPARTMENT_CYCLE, "move of department '" + department.id() + "'",
                            List.of(new ValidationException.Problem("parentId", "department '" + newParentId + "' is "
                                    + (newParentId.equals(department.id()) ? "the department itself" : "below department '"
                                    + department.id() + "'") + "; moving there would make a cycle. Move '" + newParentId
                                    + "' out first, or choose a parent outside the subtree")));
                }
            }
        }
        departments.setParent(h, t, department.id(), newParentId, ctx.now());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("departmentId", department.id());
        payload.put("fromParentId", department.parentId());
        payload.put("toParentId", newParentId);
        ctx.publish(DirectoryEvents.DEPARTMENT_MOVED, "department", department.id(), payload);
    }

    private void checkHead(Handle h, String t, Department d) {
        if (d.headUserId() != null && !users.exists(h, t, d.headUserId())) {
            throw new NotFoundException(CoreErrors.USER_NOT_FOUND, "head user '" + d.headUserId() + "' of department '"
                    + d.id() + "' does not exist in tenant '" + t + "'; create the user first");
        }
    }

    /** Locks every department row of the tenant. @return the department */
    private Department lockTree(Handle h, String t, String departmentId) {
        departments.lockAll(h, t);
        return departments.find(h, t, departmentId).orElseThrow(() -> DirectoryErrors.departmentNotFound(t, departmentId));
    }
}
