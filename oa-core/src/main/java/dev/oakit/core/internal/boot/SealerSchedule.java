package dev.oakit.core.internal.boot;

import dev.oakit.core.internal.audit.AuditSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Seals the audit log every {@code core.audit.sealInterval} on every node, whether it runs job
 * workers or not (an entry is protected only once sealed), and once more on close.
 */
final class SealerSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SealerSchedule.class);

    private final AuditSealer sealer;
    private final Duration interval;
    private final Periodic periodic;

    /** @param interval how often to seal; zero for never (reads and checks of the log still seal) */
    SealerSchedule(AuditSealer sealer, Duration interval) {
        this.sealer = sealer;
        this.interval = interval;
        this.periodic = new Periodic("oakit-audit-sealer", this::sealQuietly);
    }

    void start() {
        if (!interval.isZero()) {
            long ms = Math.max(1, interval.toMillis());
            periodic.start(ms, ms);
        }
    }

    private void sealQuietly() {
        try {
            sealer.sealAll();
        } catch (RuntimeException e) {
            LOG.warn("sealing the audit log failed; trying again in {}", interval, e);
        }
    }

    @Override
    public void close() {
        if (periodic.stop()) {
            sealQuietly();
        }
    }
}
