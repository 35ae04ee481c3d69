package dev.oakit.integration.internal.write;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.IntegrationMetrics;
import dev.oakit.integration.TargetStats;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** The {@link IntegrationMetrics}: two grouped queries on {@code oa_int_write}. */
@Singleton
public final class MetricsService implements IntegrationMetrics {
    private final Commands commands;
    private final WriteRepository repo;

    @Inject
    public MetricsService(Commands commands, WriteRepository repo) {
        this.commands = commands;
        this.repo = repo;
    }

    @Override
    public Map<String, TargetStats> targets(Actor admin) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("read integration metrics");
        return commands.query(h -> repo.stats(h, admin.tenantId()));
    }

    @Override
    public TargetStats target(Actor admin, String target) {
        Checks.id("target", target);
        return targets(admin).getOrDefault(target, new TargetStats(target, 0, 0, 0, 0, 0, null, null));
    }
}
