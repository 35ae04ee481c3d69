package dev.oakit.integration.internal.ops;

import dev.oakit.core.Actor;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The recurring retention purge of a tenant: one audited command that purges and schedules the next run. */
@Singleton
public final class RetentionJob implements JobHandler {
    public static final String TYPE = "int.retention";
    private final DeadLetterService service;

    @Inject
    public RetentionJob(DeadLetterService service) {
        this.service = service;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean runsInTransaction() {
        return false; // the purge is a command of its own, audited
    }

    @Override
    public void handle(JobContext job) {
        service.purgeAs(Actor.system(job.tenantId()), true);
    }
}
