package dev.oakit.integration.internal.write;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.internal.Connectors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link RemoteWrites} facade: requests, reads, dead letters and their replay, each change one command. */
@Singleton
public final class RemoteWriteService implements RemoteWrites {
    static final String TARGET = "remote-write";

    private final Commands commands;
    private final WriteRepository repo;
    private final Connectors connectors;

    @Inject
    public RemoteWriteService(Commands commands, WriteRepository repo, Connectors connectors) {
        this.commands = commands;
        this.repo = repo;
        this.connectors = connectors;
    }

    @Override
    public RemoteWrite request(Actor actor, NewRemoteWrite write) {
        Checks.notNull("actor", actor);
        Checks.notNull("write", write);
        actor.requireAdmin("request remote writes");
        connectors.requireCreate(write.target(), write.operation());
        return commands.execute(CommandSpec.of(actor, "integration.write.request"), RemoteWrite.class, ctx -> {
            String t = ctx.tenantId();
            Optional<RemoteWrite> existing = repo.byKey(ctx.handle(), t, write.target(), write.operation(), write.key());
            if (existing.isPresent()) {
                ctx.target(TARGET, Long.toString(existing.get().id()));
                ctx.summary("remote write " + write.target() + "/" + write.operation() + " '" + write.key() + "' was already requested");
                return existing.get();
            }
            String payload = ctx.json().valueToTree(write.payload()).toString();
            long id = repo.insert(ctx.handle(), t, write, payload, ctx.now());
            schedule(ctx, id, ctx.now());
            ctx.target(TARGET, Long.toString(id));
            ctx.summary("requested remote write " + write.target() + "/" + write.operation() + " with key '" + write.key() + "'");
            return repo.get(ctx.handle(), t, id).orElseThrow();
        });
    }

    @Override
    public Optional<RemoteWrite> get(Actor actor, long id) {
        Checks.notNull("actor", actor);
        return commands.query(h -> repo.get(h, actor.tenantId(), id));
    }

    @Override
    public Optional<RemoteWrite> byKey(Actor actor, String target, String operation, String key) {
        Checks.notNull("actor", actor);
        Checks.id("target", target);
        Checks.id("operation", operation);
        Checks.text("key", key, 191);
        return commands.query(h -> repo.byKey(h, actor.tenantId(), target, operation, key));
    }

    @Override
    public List<RemoteWrite> deadLetters(Actor admin, String target, int limit) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("read dead letters");
        if (target != null) {
            Checks.id("target", target);
        }
        if (limit < 1 || limit > 10_000) {
            throw dev.oakit.core.ValidationException.of("limit", "must be 1 to 10000, was " + limit);
        }
        return commands.query(h -> repo.failed(h, admin.tenantId(), target, limit));
    }

    @Override
    public List<RemoteWrite> replay(Actor admin, List<Long> ids) {
        Checks.notNull("admin", admin);
        Checks.elements("ids", ids);
        admin.requireAdmin("replay dead letters");
        List<RemoteWrite> replayed = new ArrayList<>();
        for (Long id : ids) {
            RemoteWrite w = commands.execute(new CommandSpec(admin, "integration.write.replay", TARGET, Long.toString(id), null),
                    RemoteWrite.class, ctx -> {
                        if (!repo.replay(ctx.handle(), ctx.tenantId(), id, WriteMachine.replayed(), ctx.now())) {
                            ctx.summary("remote write " + id + " is not a dead letter; nothing replayed");
                            return null;
                        }
                        schedule(ctx, id, ctx.now());
                        RemoteWrite now = repo.get(ctx.handle(), ctx.tenantId(), id).orElseThrow();
                        ctx.summary("replayed dead letter " + id + " (" + now.target() + "/" + now.operation() + " '" + now.key()
                                + "'): it is looked up by its key before anything is created");
                        return now;
                    });
            if (w != null) {
                replayed.add(w);
            }
        }
        return replayed;
    }

    /** Schedules the write's next attempt at {@code at}; one waiting job per write. */
    static void schedule(CommandContext ctx, long id, Instant at) {
        ctx.schedule(JobRequest.of(RemoteWriteJob.TYPE, Map.of("id", id)).at(at).dedupe(RemoteWriteJob.TYPE + ":" + id));
    }
}
