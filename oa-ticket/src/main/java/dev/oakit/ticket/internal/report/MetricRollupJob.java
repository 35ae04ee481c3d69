package dev.oakit.ticket.internal.report;

import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.PluginLifecycle;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.internal.store.QueueRepository;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Rolls a tenant's new creations and assignments up into the report figures per day, {@code ticket.rollupBatch} per
 * run ({@link TicketConfig#rollupBatch}), each run its own short command ({@link ReportEngine#rollUp}). A full batch
 * schedules the next run at once, else the next run comes {@code ticket.rollupInterval} later (dedupe key
 * {@code tk.report.rollup}: one chain per tenant). Saving a queue starts the
 * chain of its tenant, and so does OAKit's start for every tenant with queues and no chain. The reports are exact whether the
 * chain runs or not: they add what it has not counted yet; it keeps that tail short. A run with nothing to roll up
 * writes nothing but its successor (no audit record).
 */
public final class MetricRollupJob implements JobHandler {
    static final String TYPE = "tk.report.rollup";

    private final ReportEngine reports;
    private final TicketConfig config;

    @Inject
    public MetricRollupJob(ReportEngine reports, TicketConfig config) {
        this.reports = reports;
        this.config = config;
    }

    /** @return the run of the chain due at the instant */
    public static JobRequest at(Instant due) {
        return JobRequest.of(TYPE, Map.of()).at(due).dedupe(TYPE);
    }

    /** @return the next run after a run that rolled up {@code rows} of at most {@code limit}: now, or {@code idle} later */
    static JobRequest next(Instant now, int rows, int limit, Duration idle) {
        return at(rows >= limit ? now : now.plus(idle));
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * A run that finds nothing to roll up only schedules the next one, in the job's own transaction: no command, no
     * audit record, no other write. A run that rolls up is one command, audited with its count.
     */
    @Override
    public void handle(JobContext job) {
        if (!reports.hasUnrolled(job.handle(), job.tenantId())) {
            job.schedule(next(job.now(), 0, config.rollupBatch(), config.rollupInterval()));
            return;
        }
        reports.rollUp(job.tenantId(), config.rollupBatch());
    }

    /**
     * Starts the chain of every tenant with queues whose chain is gone (no rollup job waits or runs): a restart with
     * the chain alive runs no command and writes no audit record.
     */
    public static final class Start implements PluginLifecycle {
        private final Commands commands;
        private final QueueRepository queues;

        @Inject
        public Start(Commands commands, QueueRepository queues) {
            this.commands = commands;
            this.queues = queues;
        }

        @Override
        public void onStart() {
            List<String> tenants = commands.query(queues::tenantsWithQueues);
            for (String tenant : tenants) {
                if (commands.jobWaiting(tenant, TYPE)) {
                    continue; // the chain is alive: nothing to write, no audit record
                }
                commands.execute(CommandSpec.of(Actor.system(tenant), "tk.report.rollup-start").withTarget("report", "figures"), Void.class, ctx -> {
                    ctx.schedule(at(ctx.now()));
                    ctx.summary("started the rollup of the report figures per day");
                    return null;
                });
            }
        }
    }
}
