package dev.oakit.core.internal.boot;

import dev.oakit.core.CoreConfig;
import dev.oakit.core.internal.command.RequestRepository;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.event.Outbox;
import dev.oakit.core.internal.job.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Purges what has served its purpose ({@code core.retention}): ended jobs, delivered outbox
 * events and old request ids, on every node with workers. Each statement deletes a bounded batch
 * in its own short transaction, so a purge never holds many locks; nodes that purge at the same
 * time only find less to delete.
 */
public final class RetentionSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);
    /** Statements per table and run at most; what is left waits for the next run. */
    private static final int MAX_BATCHES = 100;

    private final CoreConfig.Retention config;
    private final boolean workers;
    private final Database db;
    private final JobRepository jobs;
    private final Outbox outbox;
    private final Clock clock;
    private final Periodic periodic = new Periodic("oakit-retention", this::purgeQuietly);

    RetentionSchedule(CoreConfig config, Database db, JobRepository jobs, Outbox outbox, Clock clock) {
        this.config = config.retention();
        this.workers = config.jobs().enabled();
        this.db = db;
        this.jobs = jobs;
        this.outbox = outbox;
        this.clock = clock;
    }

    void start() {
        if (workers && config.enabled()) {
            long every = config.interval().toMillis();
            // nodes started together spread their runs over the interval
            periodic.start(every / 2 + ThreadLocalRandom.current().nextLong(every / 2 + 1), every);
        }
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn("purging old jobs, events and request ids failed; trying again in {}", config.interval(), e);
        }
    }

    /** Purges once, now. */
    public void purge() {
        Instant now = clock.instant();
        int batch = config.batchSize();
        int jobRows = jobs.purgeEnded(now.minus(config.doneJobs()), config.deadJobs() == null ? null : now.minus(config.deadJobs()),
                batch, MAX_BATCHES);
        int events = outbox.purgeDelivered(db.poolJdbi(), now.minus(config.deliveredEvents()), batch, MAX_BATCHES);
        int requests = RequestRepository.purge(db.poolJdbi(), now.minus(config.requestIds()), batch, MAX_BATCHES);
        if (jobRows + events + requests > 0) {
            LOG.info("retention: purged {} ended job(s), {} delivered event(s), {} request id(s)", jobRows, events, requests);
        }
    }

    @Override
    public void close() {
        periodic.stop();
    }
}
