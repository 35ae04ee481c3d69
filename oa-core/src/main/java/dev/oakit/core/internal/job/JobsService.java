package dev.oakit.core.internal.job;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The public face of durable jobs. */
@Singleton
public final class JobsService implements Jobs {
    private final Commands commands;
    private final JobStore store;
    private final com.google.inject.Provider<JobWorker> worker;

    @Inject
    public JobsService(Commands commands, JobStore store, com.google.inject.Provider<JobWorker> worker) {
        this.commands = commands;
        this.store = store;
        this.worker = worker;
    }

    @Override
    public long schedule(Actor actor, JobRequest request) {
        Checks.notNull("actor", actor).requireAdmin("schedule jobs");
        Checks.notNull("request", request);
        if (request.type().startsWith("core.") || request.type().startsWith("wf.") || request.type().startsWith("tk.")) {
            throw dev.oakit.core.ValidationException.of("type", "job type '" + request.type()
                    + "' belongs to OAKit itself and cannot be scheduled through the API; use your plugin's own job types");
        }
        return commands.execute(CommandSpec.of(actor, "core.job.schedule"), Long.class, ctx -> {
            long id = ctx.schedule(request);
            ctx.target("job", Long.toString(id));
            ctx.summary("scheduled job of type " + request.type());
            return id;
        });
    }

    @Override
    public JobInfo get(Actor actor, long jobId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("SELECT * FROM oa_core_job WHERE id = :id AND tenant_id = :t")
                .bind("id", jobId).bind("t", actor.tenantId()).map(store.infoMapper()).findOne()
                .orElseThrow(() -> new NotFoundException("OA-CORE/JOB_NOT_FOUND", "job " + jobId
                        + " does not exist in tenant '" + actor.tenantId() + "'")));
    }

    @Override
    public List<JobInfo> dead(Actor actor, int limit) {
        dev.oakit.core.Checks.notNull("actor", actor).requireAdmin("list dead jobs");
        if (limit < 1 || limit > 1000) {
            throw ValidationException.of("limit", "must be between 1 and 1000, was " + limit);
        }
        return commands.query(h -> h.createQuery("SELECT * FROM oa_core_job WHERE tenant_id = :t AND status = 'DEAD' ORDER BY updated_at DESC, id DESC")
                .bind("t", actor.tenantId()).setMaxRows(limit).map(store.infoMapper()).list());
    }

    @Override
    public JobInfo replay(Actor actor, long jobId) {
        dev.oakit.core.Checks.notNull("actor", actor).requireAdmin("replay jobs");
        commands.execute(CommandSpec.of(actor, "core.job.replay").withTarget("job", Long.toString(jobId)), Void.class, ctx -> {
            JobInfo job = get(actor, jobId);
            if (job.status() != JobStatus.DEAD) {
                throw new ConflictException("OA-CORE/JOB_NOT_DEAD", "job " + jobId + " is " + job.status()
                        + "; only dead jobs can be replayed");
            }
            ctx.handle().createUpdate("""
                    UPDATE oa_core_job SET status = 'READY', attempts = 0, due_at = :now, last_error = NULL, updated_at = :now
                    WHERE id = :id AND tenant_id = :t AND status = 'DEAD'""")
                    .bind("now", InstantAsUtc.toDb(ctx.now())).bind("id", jobId).bind("t", actor.tenantId()).execute();
            ctx.summary("replayed dead job " + jobId + " (" + job.type() + "), last error: " + job.lastError());
            ctx.afterCommit(() -> worker.get().wakeUp());
            return null;
        });
        return get(actor, jobId);
    }

    @Override
    public Map<JobStatus, Long> counts(Actor actor) {
        Checks.notNull("actor", actor);
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            counts.put(s, 0L);
        }
        commands.query(h -> h.createQuery("SELECT status, COUNT(*) FROM oa_core_job WHERE tenant_id = :t GROUP BY status")
                .bind("t", actor.tenantId()).map((rs, ctx) -> Map.entry(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list()).forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

}
