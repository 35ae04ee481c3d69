package dev.oakit.workflow.internal.proxy;

import dev.oakit.core.Actor;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.workflow.WorkflowConfig;
import dev.oakit.workflow.WorkflowTemplateKeys;
import dev.oakit.workflow.internal.ApproverResolution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Applies proxy rules where the engine assigns a task; a person on a chain who may not take the
 * task (the engine's one check, AssigneeCheck) is passed over like someone absent. The rules and absences of a tenant are
 * cached for {@code workflow.proxyRefresh} (default 30 s; changes made through this node apply
 * at once), so a tenant without proxies costs no statement on the hot path.
 */
@Singleton
public final class Proxies {
    private final ApproverResolution resolution;
    private final Notifications notifications;
    private final ProxyRepository repository;
    private final long refreshNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Rules and absences of one tenant as loaded at {@code loadedAt} (System.nanoTime). */
    record Cached(List<ProxyChain.Rule> rules, List<Absence> absences, long loadedAt) {
    }

    /** An absence in {@code [from, until)}. */
    record Absence(String userId, Instant from, Instant until) {
    }

    /**
     * Who gets a task.
     *
     * @param userId the assignee
     * @param principal the approver a proxy works for, or null
     * @param note a history detail when a proxy rule applied (or looped), else null
     * @param loop the chain when the proxy rules loop (administrators are told: {@link #loopNotice}), else null
     */
    public record Assignment(String userId, String principal, String note, List<String> loop) {
        /** @return the assignee unchanged */
        public static Assignment unchanged(String userId) {
            return new Assignment(userId, null, null, null);
        }
    }

    @Inject
    private Proxies(ApproverResolution resolution, Notifications notifications, WorkflowConfig config, ProxyRepository repository) {
        this.resolution = resolution;
        this.repository = repository;
        this.notifications = notifications;
        this.refreshNanos = config.proxyRefresh().toNanos();
    }

    /** Forgets the cached rules of a tenant (after this node changed them). */
    public void invalidate(String tenantId) {
        cache.remove(tenantId);
    }

    /**
     * @param refusal the one check of who may get a task (AssigneeCheck): why a person on the
     *                chain may not take this task (inactive, the initiator, separated, already at
     *                the node), or null when they may; asked only for people on a chain
     * @return who gets a new task of {@code userId} in process {@code processKey} now (a loop is the caller's to report)
     */
    public Assignment assign(CommandContext ctx, String processKey, String userId, Function<String, String> refusal) {
        return assign(ctx, processKey, userId, cached(ctx.handle(), ctx.tenantId(), ctx.now()), refusal);
    }

    /**
     * Like {@link #assign}, with the rules read in the command's own transaction (it may have just
     * written one); a loop is reported to the administrators at once.
     */
    public Assignment assignFresh(CommandContext ctx, String processKey, String userId, Function<String, String> refusal) {
        Assignment a = assign(ctx, processKey, userId, load(ctx.handle(), ctx.tenantId(), ctx.now().minusSeconds(86_400),
                System.nanoTime()), refusal);
        loopNotice(ctx.tenantId(), processKey, a).ifPresent(n -> notifications.send(Actor.system(ctx.tenantId()), n));
        return a;
    }

    /** @return the notification telling the administrators that the proxy rules of an assignment loop, if they do and there are any */
    public java.util.Optional<NotificationRequest> loopNotice(String tenantId, String processKey, Assignment a) {
        if (a.loop() == null) {
            return java.util.Optional.empty();
        }
        List<String> admins = resolution.admins(tenantId);
        return admins.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(NotificationRequest.of(
                WorkflowTemplateKeys.PROXY_LOOP, admins, Map.of("user", a.userId(), "chain", String.join(" → ", a.loop()),
                        "process", processKey)));
    }

    private Assignment assign(CommandContext ctx, String processKey, String userId, Cached c, Function<String, String> refusal) {
        if (c.rules().isEmpty()) {
            return Assignment.unchanged(userId);
        }
        Instant now = ctx.now();
        List<String> passedOver = new ArrayList<>();
        ProxyChain.Result r = ProxyChain.resolve(c.rules(), userId, processKey, now, u -> {
            if (absent(c, u, now)) {
                return false;
            }
            String why = refusal.apply(u);
            if (why != null) {
                passedOver.add(why);
            }
            return why == null;
        });
        String skipped = passedOver.isEmpty() ? "" : "; passed over: " + String.join("; ", passedOver);
        if (r.loop()) {
            return new Assignment(userId, null, "proxy rules loop " + r.chain() + "; the task stays with " + userId, r.chain());
        }
        if (r.principal() == null) {
            return r.chain().size() > 1 ? new Assignment(userId, null, "no proxy on the chain " + r.chain()
                    + " is available or may take the task" + skipped + "; the task stays with " + userId, null)
                    : Assignment.unchanged(userId);
        }
        return new Assignment(r.userId(), r.principal(), r.userId() + " on behalf of " + r.principal() + " (proxy chain " + r.chain() + ")"
                + skipped, null);
    }

    private static boolean absent(Cached c, String userId, Instant at) {
        return c.absences().stream().anyMatch(a -> a.userId().equals(userId) && !at.isBefore(a.from()) && at.isBefore(a.until()));
    }

    Cached cached(Handle h, String tenantId, Instant at) {
        long now = System.nanoTime();
        Cached c = cache.get(tenantId);
        if (c == null || now - c.loadedAt() > refreshNanos) {
            c = load(h, tenantId, at.minusSeconds(86_400), now);
            cache.put(tenantId, c);
        }
        return c;
    }

    private Cached load(Handle h, String tenantId, Instant since, long nanos) {
        // rules and absences that have not ended yet
        return new Cached(repository.rulesInForce(h, tenantId, since), repository.absencesInForce(h, tenantId, since), nanos);
    }

    static List<String> keys(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.stream(stored.split(",")).map(String::trim).toList();
    }
}
