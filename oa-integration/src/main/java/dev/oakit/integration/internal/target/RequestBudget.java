package dev.oakit.integration.internal.target;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.IntegrationConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The request budget of each target, shared by every node through the database: a call takes a
 * permit inside the transaction that claims the work it belongs to, so a call over budget is never
 * claimed, let alone sent.
 */
@Singleton
public final class RequestBudget {
    private final Commands commands;
    private final BudgetRepository repo;
    private final IntegrationConfig config;

    @Inject
    public RequestBudget(Commands commands, BudgetRepository repo, IntegrationConfig config) {
        this.commands = commands;
        this.repo = repo;
        this.config = config;
    }

    /**
     * Takes a permit for one call to {@code target} in the running command's transaction.
     *
     * @return null when taken (or the target has no budget), else when the next window starts
     */
    public Instant take(CommandContext ctx, String target) {
        IntegrationConfig.Target limits = config.target(target);
        if (limits.requests() == null) {
            return null;
        }
        long per = limits.per().toMillis();
        long window = Math.floorDiv(ctx.now().toEpochMilli(), per) * per;
        String tenant = ctx.tenantId();
        if (repo.take(ctx.handle(), tenant, target, window, limits.requests())) {
            return null;
        }
        java.util.Optional<Integer> used = repo.used(ctx.handle(), tenant, target, window);
        if (used.isEmpty()) {
            try {
                // behind a savepoint: a node that opened the window at the same moment makes this a duplicate key
                commands.execute(CommandSpec.of(Actor.system(tenant), "integration.budget.open").withTarget("target", target),
                        Boolean.class, inner -> {
                            repo.open(inner.handle(), tenant, target, window);
                            inner.summary("opened the request budget window of " + target + " at " + Instant.ofEpochMilli(window));
                            return true;
                        });
                return null;
            } catch (ConflictException e) {
                // another node opened it: take a permit from its row below
            }
        } else if (used.get() >= limits.requests()) {
            return Instant.ofEpochMilli(window + per);
        }
        // the window's row is there now but was not when the first take looked (another node opened the window and
        // committed in between): take again rather than wait a whole window with permits left
        if (repo.take(ctx.handle(), tenant, target, window, limits.requests())) {
            return null;
        }
        return Instant.ofEpochMilli(window + per);
    }
}
