package dev.oakit.workflow.internal.proxy;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.OutOfOffice;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.ApproverResolution;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.Rows;
import dev.oakit.workflow.internal.store.TaskRepository;
import dev.oakit.workflow.internal.runner.CommandRunner;
import dev.oakit.workflow.internal.runner.SystemTask;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Proxy rules, absences and handovers; the engine applies the rules through {@link Proxies}. */
@Singleton
public final class OutOfOfficeService implements OutOfOffice {
    private final Commands commands;
    private final CommandRunner runner;
    private final Proxies proxies;
    private final ApproverResolution resolution;
    private final Directory directory;
    private final java.time.Clock clock;
    private final ProxyRepository repository;
    private final TaskRepository tasks;
    private final InstanceRepository instances;

    @Inject
    private OutOfOfficeService(Commands commands, CommandRunner runner, Proxies proxies, ApproverResolution resolution,
                              Directory directory, java.time.Clock clock, ProxyRepository repository, TaskRepository tasks,
                              InstanceRepository instances) {
        this.repository = repository;
        this.tasks = tasks;
        this.instances = instances;
        this.clock = clock;
        this.commands = commands;
        this.runner = runner;
        this.proxies = proxies;
        this.resolution = resolution;
        this.directory = directory;
    }

    private static void requireSelfOrAdmin(Actor actor, String userId, String what) {
        if (!actor.isAdmin() && !actor.userId().equals(userId)) {
            throw new ForbiddenException(WorkflowErrors.PROXY_FORBIDDEN, "user '" + actor.userId() + "' may not " + what + " for '" + userId
                    + "'; the user themselves and administrators may");
        }
    }

    private void requireActive(String tenant, String field, String userId) {
        if (!resolution.isActive(tenant, userId)) {
            throw ValidationException.of(field, "user '" + userId + "' is unknown or inactive in tenant '" + tenant + "'");
        }
    }

    private static void requireRange(Instant from, Instant until) {
        Checks.notNull("from", from);
        Checks.notNull("until", until);
        if (!until.isAfter(from)) {
            throw ValidationException.of("until", "must be after from (" + from + "), was " + until);
        }
    }

    @Override
    public ProxyRule setProxy(Actor actor, ProxyRequest request) {
        Checks.notNull("actor", actor);
        Checks.notNull("request", request);
        Checks.id("userId", request.userId());
        Checks.id("proxyId", request.proxyId());
        requireRange(request.from(), request.until());
        requireSelfOrAdmin(actor, request.userId(), "set a proxy");
        if (request.userId().equals(request.proxyId())) {
            throw ValidationException.of("proxyId", "name someone other than '" + request.userId() + "' as the proxy");
        }
        String keys = String.join(",", request.processKeys());
        if (keys.length() > 2000) {
            throw ValidationException.of("processKeys", "list at most 2,000 characters of process keys");
        }
        requireActive(actor.tenantId(), "proxyId", request.proxyId());
        ProxyRule rule = commands.execute(CommandSpec.of(actor, "wf.proxy.set"), ProxyRule.class, ctx -> {
            long id = repository.insertRule(ctx.handle(), ctx.tenantId(), request, keys, ctx.actor().userId(), ctx.now());
            ctx.target("proxy-rule", Long.toString(id));
            proxies.invalidate(ctx.tenantId());
            int moved = 0;
            if (request.moveOpenTasks() && !ctx.now().isBefore(request.from()) && ctx.now().isBefore(request.until())) {
                moved = moveOpen(ctx, request);
            }
            ctx.summary("proxy for " + request.userId() + " → " + request.proxyId() + " from " + request.from() + " until "
                    + request.until() + (keys.isEmpty() ? "" : " for " + keys) + (moved > 0 ? "; moved " + moved + " open tasks" : ""));
            return new ProxyRule(id, request.userId(), request.proxyId(), request.from(), request.until(), request.processKeys(), moved);
        });
        proxies.invalidate(actor.tenantId());
        return rule;
    }

    private int moveOpen(CommandContext ctx, ProxyRequest request) {
        List<Rows.TaskRow> open = tasks.openOfAssignee(ctx.handle(), ctx.tenantId(), request.userId());
        int moved = 0;
        for (Rows.TaskRow t : open) {
            if (!request.processKeys().isEmpty() && !request.processKeys().contains(t.key())) {
                continue;
            }
            boolean[] done = {false};
            runner.onOpenTask(ctx, t.id(), s -> {
                // the chain is followed under the instance's lock: each proxy passes the one check at the task's node
                Proxies.Assignment to = proxies.assignFresh(ctx, t.key(), request.userId(), u -> {
                    AssigneeCheck.Verdict v = s.mayTake(u, AssigneeCheck.Path.PROXY);
                    return v.allowed() ? null : v.reason();
                });
                if (to.principal() != null) {
                    s.reassign(to.userId(), to.principal(), "proxy-moved", to.note());
                    done[0] = true;
                } else if (to.note() != null) {
                    s.note("proxy-kept", to.note()); // a loop, or nobody on the chain may take it: the task stays
                }
            });
            moved += done[0] ? 1 : 0;
        }
        return moved;
    }

    @Override
    public void revokeProxy(Actor actor, long ruleId) {
        Checks.notNull("actor", actor);
        commands.execute(CommandSpec.of(actor, "wf.proxy.revoke").withTarget("proxy-rule", Long.toString(ruleId)), Void.class, ctx -> {
            String user = repository.ruleOwner(ctx.handle(), ctx.tenantId(), ruleId)
                    .orElseThrow(() -> new NotFoundException(WorkflowErrors.PROXY_NOT_FOUND, "proxy rule " + ruleId
                            + " does not exist in tenant '" + ctx.tenantId() + "' or was revoked"));
            requireSelfOrAdmin(ctx.actor(), user, "revoke a proxy");
            repository.revoke(ctx.handle(), ruleId, ctx.now());
            ctx.summary("revoked proxy rule " + ruleId + " of " + user);
            return null;
        });
        proxies.invalidate(actor.tenantId());
    }

    @Override
    public List<ProxyRule> proxies(Actor actor, String userId) {
        Checks.notNull("actor", actor);
        Checks.id("userId", userId);
        requireSelfOrAdmin(actor, userId, "read the proxies");
        return commands.query(h -> repository.rulesOf(h, actor.tenantId(), userId));
    }

    @Override
    public Absence markAbsent(Actor actor, String userId, Instant from, Instant until, String note) {
        Checks.notNull("actor", actor);
        Checks.id("userId", userId);
        requireRange(from, until);
        requireSelfOrAdmin(actor, userId, "record an absence");
        if (note != null && note.length() > 500) {
            throw ValidationException.of("note", "write at most 500 characters");
        }
        Absence a = commands.execute(CommandSpec.of(actor, "wf.absence.record"), Absence.class, ctx -> {
            long id = repository.insertAbsence(ctx.handle(), ctx.tenantId(), userId, from, until, note, ctx.actor().userId(), ctx.now());
            ctx.target("absence", Long.toString(id));
            ctx.summary(userId + " is away from " + from + " until " + until);
            return new Absence(id, userId, from, until, note);
        });
        proxies.invalidate(actor.tenantId());
        return a;
    }

    @Override
    public List<AbsentApprover> absentWithoutProxy(Actor admin, Duration longerThan) {
        Checks.notNull("admin", admin);
        Checks.notNull("longerThan", longerThan);
        admin.requireAdmin("list absent approvers");
        return commands.query(h -> {
            // absences in force now, longer than the limit, of users with open tasks and no all-process proxy in force
            Instant now = clock.instant();
            return repository.absentWithoutProxy(h, admin.tenantId(), now).stream()
                    .filter(a -> a.openTasks() > 0 && Duration.between(a.from(), a.until()).compareTo(longerThan) > 0)
                    .toList();
        });
    }

    @Override
    public HandoverReport handover(Actor admin, String userId, String successorId) {
        Checks.notNull("admin", admin);
        Checks.id("userId", userId);
        admin.requireAdmin("hand over a user's work");
        String successor = successorId != null ? successorId : resolution.manager(admin.tenantId(), userId)
                .orElseThrow(() -> ValidationException.of("successorId", "user '" + userId
                        + "' has no manager; name the successor who takes over their open tasks"));
        if (successor.equals(userId)) {
            throw ValidationException.of("successorId", "name someone other than '" + userId + "'");
        }
        requireActive(admin.tenantId(), "successorId", successor);
        return commands.execute(CommandSpec.of(admin, "wf.user.handover").withTarget("user", userId), HandoverReport.class, ctx -> {
            List<Long> open = tasks.openOfAssignee(ctx.handle(), ctx.tenantId(), userId).stream().map(Rows.TaskRow::id).toList();
            List<Long> moved = new ArrayList<>();
            List<HandoverReport.Redirect> redirected = new ArrayList<>();
            for (long taskId : open) {
                runner.onOpenTask(ctx, taskId, s -> handOver(ctx, s, userId, successor, moved, redirected));
            }
            List<Long> started = instances.unendedStartedBy(ctx.handle(), ctx.tenantId(), userId);
            repository.insertHandover(ctx.handle(), ctx.tenantId(), userId, successor, ctx.actor().userId(), ctx.now());
            if (directory.findUser(ctx.actor(), userId).filter(dev.oakit.core.directory.User::active).isPresent()) {
                directory.deactivateUser(ctx.actor(), userId);
            }
            ctx.summary("handed over " + moved.size() + " open tasks of " + userId + " to " + successor);
            return new HandoverReport(userId, successor, List.copyOf(moved), started, List.copyOf(redirected));
        });
    }

    /**
     * Hands the tasks a deactivated user still holds (open or waiting, also on suspended instances)
     * to who the handover rules name, as the system: a delegated task goes back to its owner; else
     * the user's proxy (委托) in force, then the managers above the user, then the node's onEmpty
     * fallback, then the tenant's administrators. Each move is in the timeline ({@code handed-over}
     * with {@code why}) and the command's audit record. Does nothing for a user who is active
     * again or holds nothing, so a repeated delivery of the deactivation changes nothing.
     *
     * @param why what happened to the user, for the timeline: "'bob' was deactivated"
     * @return how many tasks moved
     */
    public int handOverFromInactive(String tenantId, String userId, String why) {
        if (resolution.isActive(tenantId, userId)
                || commands.query(h -> tasks.heldBy(h, tenantId, userId)).isEmpty()) {
            return 0;
        }
        return commands.execute(CommandSpec.of(dev.oakit.core.Actor.system(tenantId), "wf.user.deactivated-handover")
                .withTarget("user", userId), Integer.class, ctx -> {
            List<Long> moved = new ArrayList<>();
            for (long taskId : tasks.heldBy(ctx.handle(), ctx.tenantId(), userId)) {
                runner.onHeldTask(ctx, taskId, s -> {
                    if (takeOverFromInactive(ctx, s, userId, why)) {
                        moved.add(taskId);
                    }
                });
            }
            ctx.summary("handed over " + moved.size() + " tasks of inactive user " + userId + " (" + why + ")");
            return moved.size();
        });
    }

    private boolean takeOverFromInactive(CommandContext ctx, SystemTask s, String userId, String why) {
        Rows.TaskRow t = s.task();
        if (t.ownerId() != null && !t.ownerId().equals(userId) && resolution.isActive(ctx.tenantId(), t.ownerId())) {
            s.returnToOwner("handed-over", why);
            return true;
        }
        Proxies.Assignment proxy = proxies.assignFresh(ctx, t.key(), userId, u -> {
            AssigneeCheck.Verdict v = s.mayTake(u, AssigneeCheck.Path.HANDOVER);
            return v.allowed() ? null : v.reason();
        });
        String to = proxy.principal() != null ? proxy.userId() : null;
        String how = to == null ? null : "to the proxy of " + userId;
        if (to == null) {
            to = s.firstAllowedUpFrom(null, userId, true, AssigneeCheck.Path.HANDOVER, why).userId();
            how = to == null ? null : "by the handover rules (managers, then the node's fallback)";
        }
        if (to == null) {
            to = resolution.admins(ctx.tenantId()).stream().filter(a -> s.mayTake(a, AssigneeCheck.Path.HANDOVER).allowed())
                    .findFirst().orElse(null);
            how = "to an administrator: no proxy, manager or fallback of the node may take it";
        }
        if (to == null) {
            s.note("handover-kept", why + "; nobody may take the task (no proxy, manager, fallback or administrator who may):"
                    + " an administrator must transfer it");
            return false;
        }
        s.reassign(to, null, "handed-over", why + "; " + how);
        return true;
    }

    /**
     * Moves one task of a leaving user to the successor; where the successor may not take it (the
     * one check: the initiator, separated, already at the node), to the next manager above the
     * successor, then the node's onEmpty fallback. When nobody may, the task stays with the leaver.
     */
    private static void handOver(CommandContext ctx, SystemTask s, String userId, String successor, List<Long> moved,
                                 List<HandoverReport.Redirect> redirected) {
        String why = userId + " left; handed over by " + ctx.actor().userId();
        SystemTask.Choice to = s.firstAllowedUpFrom(successor, successor, true, AssigneeCheck.Path.HANDOVER, why);
        String reason = to.passedOver().isEmpty() ? null : to.passedOver().get(0).reason();
        if (to.userId() == null) {
            s.note("handover-kept", "nobody may take the task in place of " + userId + " (" + reason + "); it stays with " + userId
                    + " until an administrator transfers it");
        } else {
            s.reassign(to.userId(), null, "handed-over", why + (reason == null ? "" : " to " + to.userId() + " in place of "
                    + successor + ": " + reason));
            moved.add(s.task().id());
        }
        if (reason != null) {
            redirected.add(new HandoverReport.Redirect(s.task().id(), to.userId(), reason));
        }
    }
}
