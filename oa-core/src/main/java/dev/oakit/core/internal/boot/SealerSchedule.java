package dev.oakit.core.internal.boot;

import dev.oakit.core.internal.audit.AuditSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Seals the audit log every second on nodes that run workers, and once more on close. */
final class SealerSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SealerSchedule.class);

    private final AuditSealer sealer;
    private final boolean enabled;
    private ScheduledExecutorService executor;

    SealerSchedule(AuditSealer sealer, boolean enabled) {
        this.sealer = sealer;
        this.enabled = enabled;
    }

    synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oakit-audit-sealer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sealQuietly, 1, 1, TimeUnit.SECONDS);
    }

    private void sealQuietly() {
        try {
            sealer.sealAll();
        } catch (RuntimeException e) {
            LOG.warn("sealing the audit log failed; trying again in a second", e);
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
