package dev.oakit.core.internal.boot;

import dev.oakit.core.internal.audit.AuditSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Seals the audit log every {@code core.audit.sealInterval} on every node, whether it runs job
 * workers or not (an entry is protected only once sealed), and once more on close.
 */
final class SealerSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SealerSchedule.class);

    private final AuditSealer sealer;
    private final java.time.Duration interval;
    private ScheduledExecutorService executor;

    /** @param interval how often to seal; zero for never (reads and checks of the log still seal) */
    SealerSchedule(AuditSealer sealer, java.time.Duration interval) {
        this.sealer = sealer;
        this.interval = interval;
    }

    synchronized void start() {
        if (interval.isZero() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oakit-audit-sealer");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::sealQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void sealQuietly() {
        try {
            sealer.sealAll();
        } catch (RuntimeException e) {
            LOG.warn("sealing the audit log failed; trying again in {}", interval, e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
            sealQuietly();
        }
    }
}
