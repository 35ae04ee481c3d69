package dev.oakit.integration.internal.reconcile;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.reconcile.ReconcileReport;
import dev.oakit.integration.reconcile.ReconcileSpec;
import dev.oakit.integration.reconcile.Reconciliations;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link Reconciliations} facade: scheduling is one audited command; the job does the rest. */
@Singleton
public final class ReconcileService implements Reconciliations {
    static final String TARGET = "reconciliation";

    private final Commands commands;
    private final ReconcileRepository repo;
    private final Connectors connectors;

    @Inject
    public ReconcileService(Commands commands, ReconcileRepository repo, Connectors connectors) {
        this.commands = commands;
        this.repo = repo;
        this.connectors = connectors;
    }

    @Override
    public void schedule(Actor admin, ReconcileSpec spec) {
        Checks.notNull("admin", admin);
        Checks.notNull("spec", spec);
        admin.requireAdmin("schedule reconciliations");
        connectors.requireFeed(spec.target(), spec.entityType());
        commands.execute(new CommandSpec(admin, "integration.reconcile.schedule", TARGET, spec.target() + "/" + spec.entityType(), null),
                Boolean.class, ctx -> {
                    runAt(ctx, spec, ctx.now());
                    ctx.summary("reconciliation of " + spec.target() + "/" + spec.entityType() + " with the ID map's " + spec.linkType()
                            + (spec.every() == null ? ", now" : ", now and every " + spec.every()));
                    return true;
                });
    }

    @Override
    public Optional<ReconcileReport> last(Actor admin, String target, String entityType) {
        Checks.notNull("admin", admin);
        Checks.id("target", target);
        Checks.id("entityType", entityType);
        admin.requireAdmin("read reconciliation reports");
        return commands.query(h -> repo.last(h, admin.tenantId(), target, entityType));
    }

    /** Schedules a run at {@code at}, replacing a waiting one; one waiting run per target and entity type. */
    static void runAt(CommandContext ctx, ReconcileSpec spec, Instant at) {
        String key = ReconcileJob.TYPE + ":" + spec.target() + "/" + spec.entityType();
        Map<String, Object> payload = new HashMap<>();
        payload.put("target", spec.target());
        payload.put("entityType", spec.entityType());
        payload.put("linkType", spec.linkType());
        payload.put("everyMs", spec.every() == null ? null : spec.every().toMillis());
        ctx.cancelJobs(key);
        ctx.schedule(JobRequest.of(ReconcileJob.TYPE, payload).at(at).dedupe(key));
    }
}
