package dev.oakit.integration.internal.ops;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.internal.inbox.InboxRepository;
import dev.oakit.integration.internal.write.WriteRepository;
import dev.oakit.integration.ops.DeadLetter;
import dev.oakit.integration.ops.DeadLetters;
import dev.oakit.integration.ops.PurgeReport;
import dev.oakit.integration.spi.DeadLetterStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link DeadLetters}: remote writes' dead letters and the contributed stores', and the retention purge as one command. */
@Singleton
public final class DeadLetterService implements DeadLetters {
    static final String TARGET = "integration-retention";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterService.class);

    private final Commands commands;
    private final WriteRepository writes;
    private final InboxRepository inbox;
    private final Set<DeadLetterStore> stores;
    private final IntegrationConfig.Retention retention;

    @Inject
    public DeadLetterService(Commands commands, WriteRepository writes, InboxRepository inbox, Set<DeadLetterStore> stores, IntegrationConfig config) {
        this.commands = commands;
        this.writes = writes;
        this.inbox = inbox;
        this.stores = stores;
        this.retention = config.retention();
    }

    @Override
    public List<DeadLetter> list(Actor admin, int limit) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("read dead letters");
        if (limit < 1 || limit > 10_000) {
            throw ValidationException.of("limit", "must be 1 to 10000, was " + limit);
        }
        return commands.query(h -> {
            List<DeadLetter> all = new ArrayList<>();
            for (RemoteWrite w : writes.failedNewest(h, admin.tenantId(), limit)) {
                String error = w.lastError() == null ? "" : w.lastError();
                all.add(new DeadLetter(DeadLetter.REMOTE_WRITE, w.id(), w.target(), w.key(), w.payload(),
                        w.remoteError() == null ? error : error + " — " + w.remoteError(), w.updatedAt(), false));
            }
            for (DeadLetterStore s : stores) {
                all.addAll(s.newest(h, admin.tenantId(), limit));
            }
            all.sort(Comparator.comparing(DeadLetter::at).reversed());
            return List.copyOf(all.subList(0, Math.min(limit, all.size())));
        });
    }

    @Override
    public PurgeReport purge(Actor admin) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("purge inbox deliveries and dead letters");
        return purgeAs(admin, false);
    }

    @Override
    public void scheduleRetention(Actor admin) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("schedule the retention purge");
        commands.execute(new CommandSpec(admin, "integration.retention.schedule", TARGET, admin.tenantId(), null), Boolean.class, ctx -> {
            runAt(ctx, ctx.now());
            ctx.summary("retention purge scheduled now and every " + retention.every());
            return true;
        });
    }

    /** One purge in one command, audited with its counts; the recurring job also schedules its next run in it. */
    PurgeReport purgeAs(Actor actor, boolean again) {
        PurgeReport report = commands.execute(new CommandSpec(actor, "integration.retention.purge", TARGET, actor.tenantId(), null),
                PurgeReport.class, ctx -> {
                    Instant deliveries = ctx.now().minus(retention.inboxDeliveries());
                    Instant dead = ctx.now().minus(retention.deadLetters());
                    int n = inbox.purgeDeliveries(ctx.handle(), actor.tenantId(), deliveries);
                    Map<String, Integer> perSource = new LinkedHashMap<>();
                    for (DeadLetterStore s : stores) {
                        perSource.merge(s.source(), s.purge(ctx.handle(), actor.tenantId(), dead, retention.purgeUnresolved()), Integer::sum);
                    }
                    if (again) {
                        runAt(ctx, ctx.now().plus(retention.every()));
                    }
                    PurgeReport r = new PurgeReport(deliveries, dead, n, perSource);
                    ctx.summary(r.summary());
                    return r;
                });
        LOG.info("tenant {}: {}", actor.tenantId(), report.summary());
        return report;
    }

    private static void runAt(CommandContext ctx, Instant at) {
        String key = RetentionJob.TYPE + ":" + ctx.actor().tenantId();
        ctx.cancelJobs(key);
        ctx.schedule(JobRequest.of(RetentionJob.TYPE, Map.of()).at(at).dedupe(key));
    }
}
