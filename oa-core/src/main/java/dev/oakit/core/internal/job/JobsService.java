package dev.oakit.core.internal.job;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.DeadJobSelection;
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
    private final JobRepository store;
    private final com.google.inject.Provider<JobWorker> worker;

    @Inject
    private JobsService(Commands commands, JobRepository store, com.google.inject.Provider<JobWorker> worker) {
        this.commands = commands;
        this.store = store;
        this.worker = worker;
    }

    @Override
    public long schedule(Actor actor, JobRequest request) {
        Checks.notNull("actor", actor).requireAdmin("schedule jobs");
        Checks.notNull("request", request);
        if (request.type().startsWith("core.") || request.type().startsWith("wf.") || request.type().startsWith("tk.")) {
            throw ValidationException.of("type", "job type '" + request.type()
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
        Checks.notNull("actor", actor).requireAdmin("read jobs (their payloads and errors)");
        return commands.query(h -> find(h, actor, jobId));
    }

    private JobInfo find(org.jdbi.v3.core.Handle h, Actor actor, long jobId) {
        return store.find(h, actor.tenantId(), jobId).orElseThrow(() -> new NotFoundException(CoreErrors.JOB_NOT_FOUND,
                "job " + jobId + " does not exist in tenant '" + actor.tenantId() + "'"));
    }

    @Override
    public List<JobInfo> dead(Actor actor, int limit) {
        return deadOf(actor, null, limit);
    }

    @Override
    public List<JobInfo> dead(Actor actor, String type, int limit) {
        Checks.notNull("actor", actor).requireAdmin("list dead jobs");
        return deadOf(actor, Checks.text("type", type, 100), limit);
    }

    private List<JobInfo> deadOf(Actor actor, String type, int limit) {
        Checks.notNull("actor", actor).requireAdmin("list dead jobs");
        if (limit < 1 || limit > 1000) {
            throw ValidationException.of("limit", "must be between 1 and 1000, was " + limit);
        }
        return commands.query(h -> store.dead(h, actor.tenantId(), type, limit));
    }

    @Override
    public JobInfo replay(Actor actor, long jobId) {
        Checks.notNull("actor", actor).requireAdmin("replay jobs");
        commands.execute(CommandSpec.of(actor, "core.job.replay").withTarget("job", Long.toString(jobId)), Void.class, ctx -> {
            JobInfo job = find(ctx.handle(), actor, jobId);
            if (job.status() != JobStatus.DEAD) {
                throw new ConflictException(CoreErrors.JOB_NOT_DEAD, "job " + jobId + " is " + job.status()
                        + "; only dead jobs can be replayed");
            }
            store.replay(ctx.handle(), actor.tenantId(), List.of(jobId), ctx.now());
            ctx.summary("replayed dead job " + jobId + " (" + job.type() + "), last error: " + job.lastError());
            ctx.afterCommit(() -> worker.get().wakeUp());
            return null;
        });
        return get(actor, jobId);
    }

    @Override
    public List<Long> replayDead(Actor actor, DeadJobSelection selection) {
        Checks.notNull("actor", actor).requireAdmin("replay jobs");
        Checks.notNull("selection", selection);
        Long[] ids = commands.execute(CommandSpec.of(actor, "core.job.replay.bulk").withTarget("job-type", selection.type()),
                Long[].class, ctx -> {
                    List<Long> found = store.deadIds(ctx.handle(), actor.tenantId(), selection.type(), selection.createdFrom(),
                            selection.createdBefore(), selection.limit());
                    int n = store.replay(ctx.handle(), actor.tenantId(), found, ctx.now());
                    ctx.summary("replayed " + n + " dead job(s) of type " + selection.type() + " created from "
                            + (selection.createdFrom() == null ? "the start" : selection.createdFrom()) + " to before "
                            + (selection.createdBefore() == null ? "now" : selection.createdBefore())
                            + (found.isEmpty() ? "" : ": ids " + ids(found)));
                    if (n > 0) {
                        ctx.afterCommit(() -> worker.get().wakeUp());
                    }
                    return found.toArray(Long[]::new);
                });
        return List.of(ids);
    }

    /** @return the ids for an audit summary: all of them when few, else the first and last few */
    private static String ids(List<Long> ids) {
        if (ids.size() <= 20) {
            return ids.toString();
        }
        return ids.subList(0, 10) + " ... " + ids.subList(ids.size() - 10, ids.size()) + " (" + ids.size() + " in all)";
    }

    @Override
    public Map<JobStatus, Long> counts(Actor actor) {
        Checks.notNull("actor", actor);
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            counts.put(s, 0L);
        }
        commands.query(h -> store.counts(h, actor.tenantId())).forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    @Override
    public long pending(Actor actor, java.time.Instant dueBy) {
        Checks.notNull("actor", actor);
        Checks.notNull("dueBy", dueBy);
        return commands.query(h -> store.pending(h, actor.tenantId(), dueBy));
    }
}
