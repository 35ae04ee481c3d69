package dev.oakit.core.internal.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The membership commands: save and remove. They keep the primary rule: exactly one membership
 * of a user is primary as soon as the user has any (the first always is; making another primary
 * demotes the old one; removing the primary promotes the remaining one with the smallest
 * department id). The checks and the two writes are shared with the bulk import.
 */
@Singleton
final class MembershipCommands {
    private final DirectoryCache cache;
    private final MembershipRepository memberships;
    private final DepartmentRepository departments;
    private final PositionRepository positions;
    private final UserCommands users;

    @Inject
    private MembershipCommands(DirectoryCache cache, MembershipRepository memberships, DepartmentRepository departments,
                       PositionRepository positions, UserCommands users) {
        this.cache = cache;
        this.memberships = memberships;
        this.departments = departments;
        this.positions = positions;
        this.users = users;
    }

    Membership save(Actor actor, Membership membership) {
        Checks.notNull("actor", actor).requireAdmin("change memberships in the directory");
        Checks.notNull("membership", membership);
        return cache.execute(CommandSpec.of(actor, "core.membership.save").withTarget("user", membership.userId()),
                Membership.class, ctx -> {
                    Handle h = ctx.handle();
                    String t = ctx.tenantId();
                    users.lock(h, t, membership.userId());
                    checkReferences(h, t, membership);
                    Membership stored = write(ctx, membership);
                    ctx.summary("saved membership of " + membership.userId() + " in " + membership.departmentId());
                    return stored;
                });
    }

    void remove(Actor actor, String userId, String departmentId) {
        Checks.notNull("actor", actor).requireAdmin("change memberships in the directory");
        Checks.id("userId", userId);
        Checks.id("departmentId", departmentId);
        cache.execute(CommandSpec.of(actor, "core.membership.remove").withTarget("user", userId), Void.class, ctx -> {
            users.lock(ctx.handle(), ctx.tenantId(), userId);
            delete(ctx, userId, departmentId);
            ctx.summary("removed membership of " + userId + " in " + departmentId);
            return null;
        });
    }

    /** The department and the position, if any, must exist. */
    void checkReferences(Handle h, String t, Membership m) {
        if (!departments.exists(h, t, m.departmentId())) {
            throw DirectoryErrors.departmentNotFound(t, m.departmentId());
        }
        if (m.positionCode() != null && !positions.exists(h, t, m.positionCode())) {
            throw new NotFoundException(CoreErrors.POSITION_NOT_FOUND, "position '" + m.positionCode()
                    + "' does not exist in tenant '" + t + "'; create it with savePosition first");
        }
    }

    /** Upserts one membership and keeps exactly one primary membership per user. @return it as stored */
    Membership write(CommandContext ctx, Membership m) {
        Handle h = ctx.handle();
        String t = ctx.tenantId();
        List<Membership> current = memberships.ofUser(h, t, m.userId());
        Optional<Membership> old = current.stream().filter(x -> x.departmentId().equals(m.departmentId())).findFirst();
        boolean hasOtherPrimary = current.stream().anyMatch(x -> x.primary() && !x.departmentId().equals(m.departmentId()));
        boolean primary = m.primary() || !hasOtherPrimary;
        Membership next = new Membership(m.userId(), m.departmentId(), m.positionCode(), primary);
        if (old.isPresent() && old.get().equals(next)) {
            return next;
        }
        if (primary && hasOtherPrimary) {
            memberships.demoteAll(h, t, m.userId());
        }
        if (old.isPresent()) {
            memberships.update(h, t, next);
        } else {
            memberships.insert(h, t, next, ctx.now());
        }
        ctx.publish(DirectoryEvents.MEMBERSHIP_SAVED, "user", m.userId(), Map.of("userId", m.userId(), "departmentId", m.departmentId()));
        return next;
    }

    /** Removes one membership, promoting another when it was the primary one; a no-op when there is none. */
    void delete(CommandContext ctx, String userId, String departmentId) {
        Handle h = ctx.handle();
        String t = ctx.tenantId();
        List<Membership> current = memberships.ofUser(h, t, userId);
        Optional<Membership> old = current.stream().filter(x -> x.departmentId().equals(departmentId)).findFirst();
        if (old.isEmpty()) {
            return;
        }
        memberships.delete(h, t, userId, departmentId);
        if (old.get().primary()) {
            current.stream().map(Membership::departmentId).filter(d -> !d.equals(departmentId)).sorted().findFirst()
                    .ifPresent(next -> memberships.promote(h, t, userId, next));
        }
        ctx.publish(DirectoryEvents.MEMBERSHIP_REMOVED, "user", userId, Map.of("userId", userId, "departmentId", departmentId));
    }
}
