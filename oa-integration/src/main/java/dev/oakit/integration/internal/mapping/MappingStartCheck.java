package dev.oakit.integration.internal.mapping;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Tenant;
import dev.oakit.core.directory.Tenants;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.PluginLifecycle;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * At start, queues the check of every mapping against the remote's metadata, one durable job per active
 * tenant that the workers run at once: start() never waits on a remote. Nothing is queued when no
 * mapping's connector reads metadata.
 */
@Singleton
public final class MappingStartCheck implements PluginLifecycle {
    // a provider: hooks are made while OAKit is built, and the registry's build errors are reported once, by the registry
    private final Provider<MappingService> mappings;
    private final Tenants tenants;
    private final Commands commands;

    @Inject
    public MappingStartCheck(Provider<MappingService> mappings, Tenants tenants, Commands commands) {
        this.mappings = mappings;
        this.tenants = tenants;
        this.commands = commands;
    }

    @Override
    public void onStart() {
        if (!mappings.get().readsMetadata()) {
            return;
        }
        for (Tenant t : tenants.list(Actor.system(Actor.SYSTEM_USER))) {
            if (t.active()) {
                commands.execute(CommandSpec.of(Actor.system(t.id()), "integration.mapping.schedule"), Long.class, ctx -> {
                    ctx.summary("mappings checked against the remote's metadata now that OAKit started");
                    return MappingCheckJob.scheduleOnce(ctx);
                });
            }
        }
    }
}
