package dev.oakit.core.internal.command;

/**
 * A command context that oa-core services writing jobs by their own statements (not through
 * {@code schedule}) tell so: the workers are then woken when the command commits.
 */
public interface WakesWorkers {
    /** Jobs were written in this command: wake the workers after the commit. */
    void jobsWritten();
}
