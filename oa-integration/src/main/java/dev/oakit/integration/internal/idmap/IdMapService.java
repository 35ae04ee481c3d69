package dev.oakit.integration.internal.idmap;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdLink;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IdMapChange;
import dev.oakit.integration.IntegrationErrors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link IdMap}: each change one command (audited) with its history lines. */
@Singleton
public final class IdMapService implements IdMap {
    private static final int LOCAL_MAX = 128;
    private static final String TARGET = "id-link";

    private final Commands commands;
    private final IdMapRepository repo;

    @Inject
    public IdMapService(Commands commands, IdMapRepository repo) {
        this.commands = commands;
        this.repo = repo;
    }

    @Override
    public IdLink link(Actor actor, ExternalRef ref, String localId) {
        check(actor, "link records in the ID map", ref);
        Checks.text("localId", localId, LOCAL_MAX);
        return commands.execute(spec(actor, "integration.id.link", ref), IdLink.class, ctx -> {
            String t = ctx.tenantId();
            Optional<IdLink> existing = repo.byExternal(ctx.handle(), t, ref);
            if (existing.isPresent()) {
                if (existing.get().localId().equals(localId)) {
                    ctx.summary(ref + " was already linked to " + localId);
                    return existing.get();
                }
                throw new ConflictException(IntegrationErrors.EXTERNAL_TAKEN, ref + " is linked to " + existing.get().localId()
                        + ", not " + localId + "; split it (IdMap.split) or unlink it first");
            }
            Optional<IdLink> other = repo.byLocal(ctx.handle(), t, ref.system(), ref.entityType(), localId);
            if (other.isPresent()) {
                throw new ConflictException(IntegrationErrors.LOCAL_TAKEN, ref.entityType() + " " + localId + " is already "
                        + other.get().ref() + " in " + ref.system() + "; unlink that, or merge the two records in "
                        + ref.system() + " and then here (IdMap.merge)");
            }
            repo.insert(ctx.handle(), t, ref, localId, ctx.now());
            record(ctx, List.of(new IdMapChange(IdMapChange.Action.LINK, ref, null, localId, actor.userId(), ctx.now())));
            ctx.summary("linked " + ref + " to " + localId);
            return new IdLink(ref, localId, ctx.now());
        });
    }

    @Override
    public boolean unlink(Actor actor, ExternalRef ref) {
        check(actor, "unlink records in the ID map", ref);
        return commands.execute(spec(actor, "integration.id.unlink", ref), Boolean.class, ctx -> {
            Optional<IdLink> existing = repo.byExternal(ctx.handle(), ctx.tenantId(), ref);
            if (existing.isEmpty()) {
                ctx.summary(ref + " was not linked");
                return false;
            }
            repo.delete(ctx.handle(), ctx.tenantId(), ref);
            record(ctx, List.of(new IdMapChange(IdMapChange.Action.UNLINK, ref, existing.get().localId(), null, actor.userId(), ctx.now())));
            ctx.summary("unlinked " + ref + " from " + existing.get().localId());
            return true;
        });
    }

    @Override
    public Optional<String> localId(Actor actor, ExternalRef ref) {
        Checks.notNull("actor", actor);
        Checks.notNull("ref", ref);
        return commands.query(h -> repo.byExternal(h, actor.tenantId(), ref).map(IdLink::localId));
    }

    @Override
    public Optional<IdLink> external(Actor actor, String system, String entityType, String localId) {
        Checks.notNull("actor", actor);
        Checks.id("system", system);
        Checks.id("entityType", entityType);
        Checks.text("localId", localId, LOCAL_MAX);
        return commands.query(h -> repo.byLocal(h, actor.tenantId(), system, entityType, localId));
    }

    @Override
    public List<IdLink> links(Actor actor, String entityType, String localId) {
        Checks.notNull("actor", actor);
        Checks.id("entityType", entityType);
        Checks.text("localId", localId, LOCAL_MAX);
        return commands.query(h -> repo.allOfLocal(h, actor.tenantId(), entityType, localId));
    }

    @Override
    public List<IdLink> merge(Actor actor, String entityType, String survivorLocalId, String mergedLocalId) {
        Checks.notNull("actor", actor);
        actor.requireAdmin("merge records in the ID map");
        Checks.id("entityType", entityType);
        Checks.text("survivorLocalId", survivorLocalId, LOCAL_MAX);
        Checks.text("mergedLocalId", mergedLocalId, LOCAL_MAX);
        if (survivorLocalId.equals(mergedLocalId)) {
            throw dev.oakit.core.ValidationException.of("mergedLocalId", "a record cannot be merged into itself (" + mergedLocalId + ")");
        }
        CommandSpec spec = new CommandSpec(actor, "integration.id.merge", entityType, survivorLocalId, null);
        return commands.execute(spec, IdLinks.class, ctx -> {
            String t = ctx.tenantId();
            MergePlan plan = MergePlan.of(repo.allOfLocal(ctx.handle(), t, entityType, survivorLocalId),
                    repo.allOfLocal(ctx.handle(), t, entityType, mergedLocalId));
            List<IdMapChange> changes = new ArrayList<>();
            for (IdLink l : plan.dropped()) {
                repo.delete(ctx.handle(), t, l.ref());
                changes.add(new IdMapChange(IdMapChange.Action.MERGE_DROP, l.ref(), mergedLocalId, null, actor.userId(), ctx.now()));
            }
            for (IdLink l : plan.moved()) {
                repo.move(ctx.handle(), t, l.ref(), survivorLocalId, ctx.now());
                changes.add(new IdMapChange(IdMapChange.Action.MERGE, l.ref(), mergedLocalId, survivorLocalId, actor.userId(), ctx.now()));
            }
            record(ctx, changes);
            ctx.summary("merged " + entityType + " " + mergedLocalId + " into " + survivorLocalId + ": " + plan.moved().size()
                    + " link(s) moved, " + plan.dropped().size() + " dropped");
            return new IdLinks(repo.allOfLocal(ctx.handle(), t, entityType, survivorLocalId));
        }).links();
    }

    @Override
    public IdLink split(Actor actor, ExternalRef ref, String newLocalId) {
        check(actor, "split records in the ID map", ref);
        Checks.text("newLocalId", newLocalId, LOCAL_MAX);
        return commands.execute(spec(actor, "integration.id.split", ref), IdLink.class, ctx -> {
            String t = ctx.tenantId();
            IdLink existing = repo.byExternal(ctx.handle(), t, ref).orElseThrow(() -> new NotFoundException(IntegrationErrors.NOT_LINKED,
                    ref + " is not in the ID map; link it (IdMap.link) instead of splitting"));
            if (existing.localId().equals(newLocalId)) {
                return existing;
            }
            Optional<IdLink> other = repo.byLocal(ctx.handle(), t, ref.system(), ref.entityType(), newLocalId);
            if (other.isPresent()) {
                throw new ConflictException(IntegrationErrors.LOCAL_TAKEN, ref.entityType() + " " + newLocalId + " is already "
                        + other.get().ref() + " in " + ref.system() + "; split into a record without one");
            }
            repo.move(ctx.handle(), t, ref, newLocalId, ctx.now());
            record(ctx, List.of(new IdMapChange(IdMapChange.Action.SPLIT, ref, existing.localId(), newLocalId, actor.userId(), ctx.now())));
            ctx.summary("split " + ref + " from " + existing.localId() + " to " + newLocalId);
            return new IdLink(ref, newLocalId, ctx.now());
        });
    }

    @Override
    public List<IdMapChange> history(Actor actor, String entityType, String localId) {
        Checks.notNull("actor", actor);
        Checks.id("entityType", entityType);
        Checks.text("localId", localId, LOCAL_MAX);
        return commands.query(h -> repo.history(h, actor.tenantId(), entityType, localId));
    }

    private void record(CommandContext ctx, List<IdMapChange> changes) {
        repo.record(ctx.handle(), ctx.tenantId(), changes);
    }

    private static void check(Actor actor, String what, ExternalRef ref) {
        Checks.notNull("actor", actor);
        Checks.notNull("ref", ref);
        actor.requireAdmin(what);
    }

    private static CommandSpec spec(Actor actor, String action, ExternalRef ref) {
        return new CommandSpec(actor, action, TARGET, dev.oakit.integration.internal.Columns.cut(ref.toString(), 128), null);
    }

    /** The result type of a merge, so that a command result is one object. */
    record IdLinks(List<IdLink> links) {
    }
}
