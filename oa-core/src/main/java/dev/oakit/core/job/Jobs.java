package dev.oakit.core.job;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

/**
 * Durable jobs: schedule, inspect, and replay dead ones. Workers start with {@code OaKit.start()}
 * on every node; each job runs to completion exactly once per successful attempt (see
 * {@link dev.oakit.core.spi.JobHandler}). Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Jobs {
    /**
     * Schedules a job for the actor's tenant (administrators only, audited); returns its id. OAKit's
     * own job types ({@code core.*}, {@code wf.*}, {@code tk.*}) are refused: they are scheduled by
     * the commands that own them.
     */
    long schedule(Actor actor, JobRequest request);

    /**
     * @return the job with its payload and last error (administrators only: both may carry
     *     business data and details of other systems); NotFoundException if it does not exist in
     *     the actor's tenant
     */
    JobInfo get(Actor actor, long jobId);

    /** @return dead jobs of the actor's tenant, newest first, at most {@code limit} (1..1000); admins only */
    List<JobInfo> dead(Actor actor, int limit);

    /**
     * @param type the job type, e.g. a plugin's {@code wf.service}
     * @return dead jobs of the type in the actor's tenant, newest first, at most {@code limit} (1..1000); admins only
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    List<JobInfo> dead(Actor actor, String type, int limit);

    /** Puts a dead job back to READY with fresh attempts and a fresh retry budget (admins only, audited). */
    JobInfo replay(Actor actor, long jobId);

    /**
     * Puts the tenant's dead jobs of one type created within a time range back to READY, with
     * fresh attempts and retry budgets (admins only; audited as one entry naming the type, the
     * range and the jobs). They are claimed in order of creation.
     *
     * @return ids of the replayed jobs, in order of creation; empty when none matched
     * @since 0.1
     */
    List<Long> replayDead(Actor actor, DeadJobSelection selection);

    /** @return number of jobs per status in the actor's tenant */
    Map<JobStatus, Long> counts(Actor actor);

    /**
     * @return the number of the actor's tenant's jobs that are ready or running and due at or before {@code dueBy}:
     *     what the workers still have to run by then (a test that moved its clock waits for this to reach 0)
     */
    long pending(Actor actor, java.time.Instant dueBy);
}
