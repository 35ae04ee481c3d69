package dev.oakit.integration.internal.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.integration.IdLink;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.internal.idmap.IdMapRepository;
import dev.oakit.integration.internal.target.CallGuard;
import dev.oakit.integration.internal.target.RequestBudget;
import dev.oakit.integration.internal.write.WriteRepository;
import dev.oakit.integration.reconcile.Finding;
import dev.oakit.integration.reconcile.ReconcileReport;
import dev.oakit.integration.reconcile.ReconcileSpec;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.FieldCheck;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCallingJob;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs one reconciliation: reads every record of the entity type through the change feed from the start,
 * one page per call with no transaction open (each page takes a permit of the target's request budget),
 * runs the field checks, reads the ID map's links and OAKit's writes, compares ({@link Reconciler}) and
 * stores the report in one command, which also schedules the next run. A failed read fails the job,
 * which tries again with backoff; the last report stays until a run finishes.
 */
@Singleton
public final class ReconcileJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "int.reconcile";
    private static final int PAGE = 500;

    private final Commands commands;
    private final Connectors connectors;
    private final IdMapRepository links;
    private final WriteRepository writes;
    private final ReconcileRepository repo;
    private final IntegrationConfig config;
    private final CallGuard guard;
    private final RequestBudget budget;
    private final Set<FieldCheck> checks;

    @Inject
    public ReconcileJob(Commands commands, Connectors connectors, IdMapRepository links, WriteRepository writes, ReconcileRepository repo,
                        IntegrationConfig config, CallGuard guard, RequestBudget budget, Set<FieldCheck> checks) {
        super(TYPE);
        this.commands = commands;
        this.connectors = connectors;
        this.links = links;
        this.writes = writes;
        this.repo = repo;
        this.config = config;
        this.guard = guard;
        this.budget = budget;
        this.checks = checks;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(config.retryInitial(), 2, config.retryMax(), 0.25, 10, null);
    }

    @Override
    public void handle(JobContext job) {
        String tenant = job.tenantId();
        JsonNode p = job.payload();
        ReconcileSpec spec = new ReconcileSpec(p.path("target").asText(), p.path("entityType").asText(), p.path("linkType").asText(),
                p.path("everyMs").isNumber() ? Duration.ofMillis(p.path("everyMs").asLong()) : null);
        ChangeFeed feed = connectors.requireFeed(spec.target(), spec.entityType());
        List<RemoteRecord> remote = new ArrayList<>();
        Watermark from = Watermark.at(0);
        while (true) {
            Instant nextWindow = commands.execute(new CommandSpec(Actor.system(tenant), "integration.reconcile.page", ReconcileService.TARGET,
                    spec.target() + "/" + spec.entityType(), null), Instant.class, ctx -> {
                Instant w = budget.take(ctx, spec.target());
                if (w != null) {
                    ReconcileService.runAt(ctx, spec, w);
                }
                ctx.summary(w == null ? "reading page " + (remote.size() / PAGE + 1) + " of " + spec.target() + "/" + spec.entityType()
                        : "reconciliation of " + spec.target() + "/" + spec.entityType() + " waits for the request budget (next window " + w + ")");
                return w;
            });
            if (nextWindow != null) {
                return;
            }
            List<RemoteRecord> page = read(tenant, spec, feed, from);
            remote.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            from = from.next(page);
        }
        List<IdLink> linked = commands.query(h -> links.allOfType(h, tenant, spec.target(), spec.linkType()));
        List<RemoteWrite> ours = feed.createOperation() == null ? null
                : commands.query(h -> writes.allOf(h, tenant, spec.target(), feed.createOperation()));
        List<FieldCheck> mine = checks.stream().filter(c -> c.target().equals(spec.target()) && c.entityType().equals(spec.entityType())).toList();
        List<Finding> findings = Reconciler.compare(remote, linked, ours, (local, r) -> {
            List<String> d = new ArrayList<>();
            mine.forEach(c -> d.addAll(c.differences(local, r)));
            return d;
        });
        commands.execute(new CommandSpec(Actor.system(tenant), "integration.reconcile.report", ReconcileService.TARGET,
                spec.target() + "/" + spec.entityType(), null), Boolean.class, ctx -> {
            repo.replace(ctx.handle(), tenant, new ReconcileReport(spec, ctx.now(), remote.size(), findings,
                    Csv.of(spec.target(), spec.entityType(), findings)));
            if (spec.every() != null) {
                ReconcileService.runAt(ctx, spec, ctx.now().plus(spec.every()));
            }
            ctx.summary("reconciled " + spec.target() + "/" + spec.entityType() + ": " + remote.size() + " remote records, " + linked.size()
                    + " links, " + findings.size() + " findings");
            return true;
        });
    }

    private List<RemoteRecord> read(String tenant, ReconcileSpec spec, ChangeFeed feed, Watermark from) {
        CallContext call = new CallContext(tenant, spec.target(), "reconcile:" + feed.entityType(), config.callTimeout());
        try {
            guard.before(call);
            try {
                List<RemoteRecord> page = feed.since(call, from, PAGE);
                guard.after(call, null);
                return page;
            } catch (RemoteCallException e) {
                guard.after(call, e);
                throw e;
            }
        } catch (RemoteCallException e) {
            throw new IntegrationException(IntegrationErrors.PULL_FAILED, "reconciliation of " + spec.target() + "/" + spec.entityType()
                    + ": reading from version " + from.version() + " failed: " + e.getMessage() + "; the last report stays, the job tries again",
                    e.kind() != RemoteCallException.Kind.PERMANENT, e);
        }
    }
}
