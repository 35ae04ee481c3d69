package dev.oakit.core.internal.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.directory.Position;
import dev.oakit.core.directory.Role;
import dev.oakit.core.spi.CommandSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Map;
import java.util.Optional;

/** The role and position commands: save a role, assign and revoke it, save a position. */
@Singleton
final class RoleAndPositionCommands {
    private final DirectoryCache cache;
    private final RoleRepository roles;
    private final PositionRepository positions;
    private final UserRepository users;

    @Inject
    private RoleAndPositionCommands(DirectoryCache cache, RoleRepository roles, PositionRepository positions, UserRepository users) {
        this.cache = cache;
        this.roles = roles;
        this.positions = positions;
        this.users = users;
    }

    Role saveRole(Actor actor, Role role) {
        Checks.notNull("actor", actor).requireAdmin("save roles in the directory");
        Checks.notNull("role", role);
        return cache.execute(CommandSpec.of(actor, "core.role.save").withTarget("role", role.code()), Role.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            Optional<String> old = roles.lockName(h, t, role.code());
            if (old.isEmpty()) {
                roles.insert(h, t, role);
            } else if (!old.get().equals(role.name())) {
                roles.rename(h, t, role);
            }
            if (old.isEmpty() || !old.get().equals(role.name())) {
                ctx.publish(DirectoryEvents.ROLE_SAVED, "role", role.code(), Map.of("roleCode", role.code()));
            }
            ctx.summary((old.isEmpty() ? "created" : "saved") + " role " + role.code());
            return role;
        });
    }

    /** Assigns or revokes a role; a no-op when the user already holds it or does not. */
    void changeRole(Actor actor, String userId, String roleCode, boolean assign) {
        Checks.notNull("actor", actor).requireAdmin((assign ? "assign" : "revoke") + " roles in the directory");
        Checks.id("userId", userId);
        Checks.id("roleCode", roleCode);
        cache.execute(CommandSpec.of(actor, assign ? "core.role.assign" : "core.role.revoke").withTarget("user", userId),
                Void.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    if (!users.exists(h, t, userId)) {
                        throw DirectoryErrors.userNotFound(t, userId);
                    }
                    if (!roles.exists(h, t, roleCode)) {
                        throw DirectoryErrors.roleNotFound(t, roleCode);
                    }
                    boolean holds = roles.holds(h, t, userId, roleCode);
                    if (assign && !holds) {
                        roles.grant(h, t, userId, roleCode);
                    } else if (!assign && holds) {
                        roles.revoke(h, t, userId, roleCode);
                    }
                    if (assign != holds) {
                        ctx.publish(assign ? DirectoryEvents.ROLE_ASSIGNED : DirectoryEvents.ROLE_REVOKED, "user", userId,
                                Map.of("userId", userId, "roleCode", roleCode));
                    }
                    ctx.summary((assign ? "assigned role " : "revoked role ") + roleCode + (assign ? " to " : " from ") + userId);
                    return null;
                });
    }

    Position savePosition(Actor actor, Position position) {
        Checks.notNull("actor", actor).requireAdmin("save positions in the directory");
        Checks.notNull("position", position);
        return cache.execute(CommandSpec.of(actor, "core.position.save").withTarget("position", position.code()),
                Position.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    Optional<Position> old = positions.lock(h, t, position.code());
                    if (old.isEmpty()) {
                        positions.insert(h, t, position);
                    } else if (!old.get().equals(position)) {
                        positions.update(h, t, position);
                    }
                    if (old.isEmpty() || !old.get().equals(position)) {
                        ctx.publish(DirectoryEvents.POSITION_SAVED, "position", position.code(), Map.of("positionCode", position.code()));
                    }
                    ctx.summary("saved position " + position.code());
                    return position;
                });
    }
}
