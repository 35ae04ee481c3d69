package dev.oakit.core.internal.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user commands: create, update, deactivate, reactivate. Every check runs before the first
 * write, so a failing command writes nothing even inside a host transaction. The checks and the
 * activation step are shared with the bulk import.
 */
@Singleton
final class UserCommands {
    private final DirectoryCache cache;
    private final UserRepository users;

    @Inject
    private UserCommands(DirectoryCache cache, UserRepository users) {
        this.cache = cache;
        this.users = users;
    }

    User create(Actor actor, User user) {
        Checks.notNull("actor", actor).requireAdmin("create users in the directory");
        Checks.notNull("user", user);
        return cache.execute(CommandSpec.of(actor, "core.user.create").withTarget("user", user.id()), User.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            if (users.exists(h, t, user.id())) {
                throw new ConflictException(CoreErrors.USER_EXISTS, "user '" + user.id() + "' already exists in tenant '" + t
                        + "'; use updateUser to change it");
            }
            checkManager(h, t, user.id(), user.managerId());
            checkExternalIds(h, t, user.id(), user.externalIds());
            users.insert(h, t, user, ctx.now());
            ctx.summary("created user " + user.id() + " (" + user.name() + ")");
            ctx.publish(DirectoryEvents.USER_CREATED, "user", user.id(), Map.of("userId", user.id()));
            return users.find(h, t, user.id()).orElseThrow();
        });
    }

    User update(Actor actor, User user) {
        Checks.notNull("actor", actor).requireAdmin("update users in the directory");
        Checks.notNull("user", user);
        return cache.execute(CommandSpec.of(actor, "core.user.update").withTarget("user", user.id()), User.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            User old = lock(h, t, user.id());
            User next = user.withActive(old.active());
            checkManager(h, t, user.id(), next.managerId());
            checkExternalIds(h, t, user.id(), next.externalIds());
            if (!next.equals(old)) {
                users.update(h, t, next, ctx.now());
                ctx.publish(DirectoryEvents.USER_UPDATED, "user", user.id(), Map.of("userId", user.id()));
            }
            ctx.summary("updated user " + user.id());
            return users.find(h, t, user.id()).orElseThrow();
        });
    }

    /** Deactivates or reactivates a user; a no-op when the user already is so. */
    User setActive(Actor actor, String userId, boolean active) {
        Checks.notNull("actor", actor).requireAdmin((active ? "reactivate" : "deactivate") + " users in the directory");
        Checks.id("userId", userId);
        String action = active ? "core.user.reactivate" : "core.user.deactivate";
        return cache.execute(CommandSpec.of(actor, action).withTarget("user", userId), User.class, ctx -> {
            Handle h = ctx.handle();
            User old = lock(h, ctx.tenantId(), userId);
            if (old.active() != active) {
                writeActive(ctx, userId, active, "directory");
            }
            ctx.summary((active ? "reactivated" : "deactivated") + " user " + userId + (old.active() == active ? " (no change)" : ""));
            return users.find(h, ctx.tenantId(), userId).orElseThrow();
        });
    }

    /**
     * Writes the active flag and publishes the matching event.
     *
     * @param source where the change came from, for the event's listeners: {@code directory} or {@code import}
     */
    void writeActive(CommandContext ctx, String userId, boolean active, String source) {
        users.setActive(ctx.handle(), ctx.tenantId(), userId, active, ctx.now());
        ctx.publish(active ? DirectoryEvents.USER_REACTIVATED : DirectoryEvents.USER_DEACTIVATED, "user", userId,
                Map.of("userId", userId, "source", source));
    }

    /** Locks the user's row for the rest of the transaction. @return the user */
    User lock(Handle h, String tenantId, String userId) {
        return users.lock(h, tenantId, userId).orElseThrow(() -> DirectoryErrors.userNotFound(tenantId, userId));
    }

    /** Each external id must be free or the user's own. */
    void checkExternalIds(Handle h, String tenantId, String userId, Map<String, String> ids) {
        for (Map.Entry<String, String> e : ids.entrySet()) {
            Optional<String> owner = users.externalIdOwner(h, tenantId, e.getKey(), e.getValue());
            if (owner.isPresent() && !owner.get().equals(userId)) {
                throw new ConflictException(CoreErrors.EXTERNAL_ID_TAKEN, "external id '" + e.getValue() + "' of system '"
                        + e.getKey() + "' already belongs to user '" + owner.get() + "'; remove it there first");
            }
        }
    }

    /** The manager must exist and must not, through explicit managers, lead back to the user. */
    void checkManager(Handle h, String tenantId, String userId, String managerId) {
        if (managerId == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        String current = managerId;
        while (current != null && seen.add(current)) {
            if (current.equals(userId)) {
                throw new ValidationException(CoreErrors.MANAGER_CYCLE, "manager of user '" + userId + "'", List.of(
                        new ValidationException.Problem("managerId", "user '" + managerId + "' is managed (directly or through others) by '"
                                + userId + "'; making them the manager would make a cycle")));
            }
            Optional<Optional<String>> next = users.managerIdOf(h, tenantId, current);
            if (next.isEmpty()) {
                if (current.equals(managerId)) {
                    throw new NotFoundException(CoreErrors.USER_NOT_FOUND, "manager '" + managerId + "' of user '" + userId
                            + "' does not exist in tenant '" + tenantId + "'; create the manager first");
                }
                return;
            }
            current = next.get().orElse(null);
        }
    }
}
