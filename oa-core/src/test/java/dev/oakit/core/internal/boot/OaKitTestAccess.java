package dev.oakit.core.internal.boot;

import dev.oakit.core.OaKit;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.internal.job.JobWorker;

import java.time.Instant;

/** Reaches into OAKit's injector from tests that simulate crashed nodes. */
public final class OaKitTestAccess {
    private OaKitTestAccess() {
    }

    public static com.google.inject.Injector injector(OaKit oa) {
        return ((OaKitImpl) oa).injector();
    }

    public static JobRepository jobStore(OaKit oa) {
        return ((OaKitImpl) oa).injector().getInstance(JobRepository.class);
    }

    public static JobWorker worker(OaKit oa) {
        return ((OaKitImpl) oa).injector().getInstance(JobWorker.class);
    }

    /** Purges what the retention settings allow, now. */
    public static void purge(OaKit oa) {
        ((OaKitImpl) oa).injector().getInstance(RetentionSchedule.class).purge();
    }

    public static dev.oakit.core.spi.Commands commands(OaKit oa) {
        return ((OaKitImpl) oa).injector().getInstance(dev.oakit.core.spi.Commands.class);
    }

    /** What a plugin's classes get injected to notify inside their commands. */
    public static dev.oakit.core.spi.CommandNotifications commandNotifications(OaKit oa) {
        return ((OaKitImpl) oa).injector().getInstance(dev.oakit.core.spi.CommandNotifications.class);
    }

    public static boolean complete(OaKit oa, JobRepository.Claimed c, String owner) {
        Database db = ((OaKitImpl) oa).injector().getInstance(Database.class);
        return db.poolJdbi().inTransaction(h -> jobStore(oa).complete(h, c, owner, Instant.now()));
    }
}
