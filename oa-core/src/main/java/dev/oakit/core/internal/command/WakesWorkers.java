package dev.oakit.core.internal.command;

/**
 * A command context that oa-core services writing jobs by their own statements (not through
 * {@code schedule}) tell so: the workers are then woken when the command commits. Such a service
 * also takes the command's gathered new jobs into its batch, so they cost no statement of their own.
 */
public interface WakesWorkers {
    /** Jobs were written in this command: wake the workers after the commit. */
    void jobsWritten();

    /**
     * @return the jobs {@link dev.oakit.core.spi.CommandContext#scheduleNew} gathered and not yet written, now handed
     *     to the caller, who writes them in its own batch of jobs (and wakes the workers)
     */
    default java.util.List<dev.oakit.core.job.JobRequest> takeNewJobs() {
        return java.util.List.of();
    }
}
