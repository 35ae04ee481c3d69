package dev.oakit.core.internal.boot;

import dev.oakit.core.internal.audit.AuditSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Seals the audit log every second on nodes that run workers, and once more on close. */
final class SealerSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SealerSchedule.class);

    private final AuditSealer sealer;
    private final boolean enabled;
    private final Periodic periodic;

    SealerSchedule(AuditSealer sealer, boolean enabled) {
        this.sealer = sealer;
        this.enabled = enabled;
        this.periodic = new Periodic("oakit-audit-sealer", this::sealQuietly);
    }

    void start() {
        if (enabled) {
            periodic.start(1000, 1000);
        }
    }

    private void sealQuietly() {
        try {
            sealer.sealAll();
        } catch (RuntimeException e) {
            LOG.warn("sealing the audit log failed; trying again in a second", e);
        }
    }

    @Override
    public void close() {
        if (periodic.stop()) {
            sealQuietly();
        }
    }
}
