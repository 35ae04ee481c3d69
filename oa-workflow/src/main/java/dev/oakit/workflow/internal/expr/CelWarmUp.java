package dev.oakit.workflow.internal.expr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds CEL's environment ({@link CelConditions}) on a daemon thread, once per JVM, as soon as a definition with a condition
 * only CEL reads is deployed or loaded ({@link Conditions#prepare}), and runs one throw-away condition through it, so that
 * the first command reaching such a condition finds CEL built and its classes loaded. Without it that command built it (about 250 ms of a fresh JVM's CPU and 1,400 classes) on its own thread, inside
 * its transaction, holding its row locks. Core's {@code Preinitializer} does the same for the libraries of {@code start()}:
 * started once, a daemon below normal priority, best effort.
 *
 * <p>A thread that needs the environment while the build runs waits for it ({@link #awaitBuild}) rather than building a
 * second one; if the build failed, that thread builds it itself and reports the error as it would without this class.
 * Names no CEL type, so that loading it loads none of CEL. {@code oakit.preinitialize=false} turns it off, as it does
 * core's preparation; the first condition that needs CEL then builds it. Thread-safe.
 */
public final class CelWarmUp {
    /** The name of the thread that builds. */
    static final String THREAD = "oakit-conditions-init";
    private static final Logger LOG = LoggerFactory.getLogger(CelWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch ENDED = new CountDownLatch(1);

    private CelWarmUp() {
    }

    /** Starts the build unless it was started in this JVM before or {@code oakit.preinitialize} is {@code false}; returns at once. */
    static void start() {
        if (wanted(System.getProperty("oakit.preinitialize"))) {
            startOnce();
        }
    }

    /**
     * @return whether {@code oakit.preinitialize}'s value lets the background work run: unset or {@code true} (any case,
     *     blanks around), as core reads it; core's {@code build()} fails on any value but true or false before this runs
     */
    public static boolean wanted(String value) {
        return value == null || value.strip().equalsIgnoreCase("true");
    }

    /** @return the thread that builds, or null when it was started in this JVM before */
    static Thread startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return null;
        }
        Thread t;
        try {
            t = new Thread(CelWarmUp::run, THREAD);
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            t.start();
        } catch (Throwable e) { // NOPMD: whatever keeps the thread from starting (no memory, a security manager's refusal)
            // no thread to be had: nobody may wait for a build that never runs
            ENDED.countDown();
            LOG.debug("no thread to build the condition language in the background; the first condition that needs it builds it", e);
            return null;
        }
        return t;
    }

    private static void run() {
        try {
            CelConditions.buildInBackground();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("building the condition language in the background failed; the first condition that needs it builds it", e);
        } finally {
            ENDED.countDown();
        }
    }

    /**
     * Waits until the build started in this JVM has ended, built or failed; returns at once when none was started. An
     * interrupt ends the wait (the interrupt stays set): the caller then builds, or waits for the build on its lock.
     */
    static void awaitBuild() {
        if (!STARTED.get()) {
            return;
        }
        try {
            ENDED.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
