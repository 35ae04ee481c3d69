package dev.oakit.core.internal.boot;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One task run again and again on its own daemon thread, with a fixed delay between runs, until stopped. */
final class Periodic {
    private final String threadName;
    private final Runnable task;
    private ScheduledExecutorService executor;

    Periodic(String threadName, Runnable task) {
        this.threadName = threadName;
        this.task = task;
    }

    synchronized void start(long initialDelayMillis, long delayMillis) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(task, initialDelayMillis, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops it, waiting up to 5 s for a run in progress; returns false if it was not running. */
    synchronized boolean stop() {
        if (executor == null) {
            return false;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        return true;
    }
}
