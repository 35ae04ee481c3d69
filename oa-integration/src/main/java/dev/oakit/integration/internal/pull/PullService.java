package dev.oakit.integration.internal.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.pull.PullState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@link ChangePulls} facade: each change one audited command that also schedules the pull's job. */
@Singleton
public final class PullService implements ChangePulls {
    static final String TARGET = "change-pull";

    private final Commands commands;
    private final PullRepository repo;
    private final Connectors connectors;

    @Inject
    public PullService(Commands commands, PullRepository repo, Connectors connectors) {
        this.commands = commands;
        this.repo = repo;
        this.connectors = connectors;
    }

    @Override
    public PullState schedule(Actor admin, PullSpec spec) {
        Checks.notNull("admin", admin);
        Checks.notNull("spec", spec);
        admin.requireAdmin("schedule change pulls");
        connectors.requireFeed(spec.target(), spec.entityType());
        return commands.execute(new CommandSpec(admin, "integration.pull.schedule", TARGET, spec.target() + "/" + spec.entityType(), null),
                PullState.class, ctx -> {
                    repo.save(ctx.handle(), ctx.tenantId(), spec, ctx.now());
                    runAt(ctx, spec.target(), spec.entityType(), ctx.now());
                    ctx.summary("pull of " + spec.target() + "/" + spec.entityType() + (spec.every() == null ? " when asked" : " every " + spec.every())
                            + ", overlap " + spec.overlap() + ", " + spec.pageSize() + " per page; runs now");
                    return repo.row(ctx.handle(), ctx.tenantId(), spec.target(), spec.entityType()).orElseThrow().state();
                });
    }

    @Override
    public PullState pullNow(Actor admin, String target, String entityType) {
        Checks.notNull("admin", admin);
        Checks.id("target", target);
        Checks.id("entityType", entityType);
        admin.requireAdmin("run change pulls");
        connectors.requireFeed(target, entityType);
        return commands.execute(new CommandSpec(admin, "integration.pull.now", TARGET, target + "/" + entityType, null), PullState.class, ctx -> {
            if (repo.row(ctx.handle(), ctx.tenantId(), target, entityType).isEmpty()) {
                repo.save(ctx.handle(), ctx.tenantId(), PullSpec.of(target, entityType), ctx.now());
            }
            runAt(ctx, target, entityType, ctx.now());
            ctx.summary("pull of " + target + "/" + entityType + " asked to run now");
            return repo.row(ctx.handle(), ctx.tenantId(), target, entityType).orElseThrow().state();
        });
    }

    @Override
    public Optional<PullState> state(Actor actor, String target, String entityType) {
        Checks.notNull("actor", actor);
        Checks.id("target", target);
        Checks.id("entityType", entityType);
        return commands.query(h -> repo.row(h, actor.tenantId(), target, entityType).map(PullRepository.Row::state));
    }

    /** Schedules the pull's next run at {@code at}, moving a waiting run there; one waiting run per pull. */
    static void runAt(CommandContext ctx, String target, String entityType, Instant at) {
        String key = PullJob.TYPE + ":" + target + "/" + entityType;
        ctx.cancelJobs(key);
        ctx.schedule(JobRequest.of(PullJob.TYPE, Map.of("target", target, "entityType", entityType)).at(at).dedupe(key));
    }
}
