package dev.oakit.integration.internal.mapping;

import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.integration.spi.RemoteCallingJob;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * The scheduled check of every mapping against the remote's metadata: runs {@code Mappings.check} as the
 * tenant's system actor outside any transaction (it calls the remotes), then schedules the next run.
 */
@Singleton
public final class MappingCheckJob extends RemoteCallingJob {
    static final String TYPE = "integration.mapping.check";
    /** Each run's dedupe key is this prefix and its due time, so a new schedule can cancel the pending run by the prefix. */
    static final String KEY_PREFIX = "integration.mapping.check-";

    /** Dedupe key of the one-off check that start schedules, so nodes starting together queue one check per tenant. */
    static final String AT_START = "integration.mapping.check-at-start";

    /** The job's payload: how long from one check to the next; null for a single check (the one at start). */
    public record Every(Duration every) {
    }

    // a provider: job handlers are made while OAKit is built, and the registry's build errors are reported once, by the registry
    private final Provider<MappingService> mappings;
    private final Commands commands;

    @Inject
    public MappingCheckJob(Provider<MappingService> mappings, Commands commands) {
        super(TYPE);
        this.mappings = mappings;
        this.commands = commands;
    }

    @Override
    public void handle(JobContext context) {
        Duration every = context.payload(Every.class).every();
        Actor system = Actor.system(context.tenantId());
        if (every == null) {
            mappings.get().check(system);
            return;
        }
        try {
            mappings.get().check(system);
        } finally {
            commands.execute(CommandSpec.of(system, "integration.mapping.schedule"), Long.class, ctx -> {
                ctx.summary("next mapping check in " + every);
                return schedule(ctx, every, ctx.now().plus(every));
            });
        }
    }

    /** Schedules one check now, as start does. */
    static long scheduleOnce(CommandContext ctx) {
        return ctx.schedule(JobRequest.of(TYPE, new Every(null)).dedupe(AT_START));
    }

    /** Schedules a check at {@code due}, repeating every {@code every}. */
    static long schedule(CommandContext ctx, Duration every, Instant due) {
        return ctx.schedule(JobRequest.of(TYPE, new Every(every)).at(due).dedupe(KEY_PREFIX + due.toEpochMilli()));
    }
}
