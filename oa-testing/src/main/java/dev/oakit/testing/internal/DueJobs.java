package dev.oakit.testing.internal;

import dev.oakit.testing.base.TestClock;

import dev.oakit.core.Actor;
import dev.oakit.core.job.Jobs;

/**
 * Waits until OAKit's job workers (polling every 20 ms on the test clock) have run every job due at the
 * clock's time, asking {@link Jobs#pending} of the kit's tenant; the workers themselves run the jobs, exactly as in
 * production.
 */
final class DueJobs {
    private static final long TIMEOUT_MILLIS = 30_000;

    private final Jobs jobs;
    private final Actor admin;
    private final TestClock clock;

    DueJobs(Jobs jobs, Actor admin, TestClock clock) {
        this.jobs = jobs;
        this.admin = admin;
        this.clock = clock;
    }

    void run() {
        long until = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        int quiet = 0;
        long left = -1;
        // two quiet reads in a row: a job that just finished may have scheduled a follow-up due now
        while (quiet < 2) {
            left = due();
            quiet = left == 0 ? quiet + 1 : 0;
            if (System.nanoTime() > until) {
                throw new AssertionError(left + " due job(s) still ready or running after " + TIMEOUT_MILLIS / 1000
                        + " s at clock time " + clock.instant() + "; a job that keeps failing is retried on the test clock: see Jobs.dead(..)");
            }
            sleep();
        }
    }

    private long due() {
        return jobs.pending(admin, clock.instant());
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for due jobs", e);
        }
    }
}
