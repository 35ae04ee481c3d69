package dev.oakit.erp.masterdata.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.erp.masterdata.MasterData;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.SyncReport;
import dev.oakit.integration.spi.RemoteCallingJob;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Runs a scheduled sync of one kind (outside any transaction: it calls the ERP), then schedules the next. */
@Singleton
public final class MasterSyncJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "erp.masterdata.sync";

    private final Provider<MasterData> masterData;
    private final Commands commands;

    @Inject
    public MasterSyncJob(Provider<MasterData> masterData, Commands commands) {
        super(TYPE);
        this.masterData = masterData;
        this.commands = commands;
    }

    @Override
    public void handle(JobContext job) {
        String target = job.payload().path("target").asText();
        MasterKind kind = MasterKind.valueOf(job.payload().path("kind").asText());
        Duration every = Duration.ofMillis(job.payload().path("everyMillis").asLong());
        Actor system = Actor.system(job.tenantId());
        SyncReport report = masterData.get().sync(system, target, kind);
        commands.execute(new CommandSpec(system, "erp.masterdata.schedule", "erp-master-sync", target + "/" + kind, null), Boolean.class, ctx -> {
            runAt(ctx, target, kind, every, ctx.now().plus(every));
            ctx.summary("synced " + report.applied() + " of " + report.pulled() + " " + kind + " of " + target + "; next in " + every);
            return true;
        });
    }

    /** Schedules the next run at {@code at}, replacing a waiting one. */
    static void runAt(CommandContext ctx, String target, MasterKind kind, Duration every, Instant at) {
        String key = TYPE + ":" + target + "/" + kind;
        ctx.cancelJobs(key);
        ctx.schedule(JobRequest.of(TYPE, Map.of("target", target, "kind", kind.name(), "everyMillis", every.toMillis())).at(at).dedupe(key));
    }
}
