package dev.oakit.integration.internal.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.mapping.MappedPayload;
import dev.oakit.integration.mapping.MappingDocument;
import dev.oakit.integration.mapping.MappingIssue;
import dev.oakit.integration.mapping.MappingStatus;
import dev.oakit.integration.mapping.MappingStatus.State;
import dev.oakit.integration.mapping.Mappings;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteMetadata;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The {@link Mappings}: use refused while quarantined; checks read the remote first, then record each outcome in its own command. */
@Singleton
public final class MappingService implements Mappings {
    private final MappingRegistry registry;
    private final MappingStateRepository repo;
    private final Commands commands;
    private final Map<String, Connector> connectors = new HashMap<>();
    private final IntegrationConfig config;
    private final MappingVersionRepository versions;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    @Inject
    public MappingService(MappingRegistry registry, MappingStateRepository repo, Commands commands, Set<Connector> connectors,
                          IntegrationConfig config, MappingVersionRepository versions) {
        this.registry = registry;
        this.repo = repo;
        this.versions = versions;
        this.commands = commands;
        connectors.forEach(c -> this.connectors.put(c.id(), c));
        this.config = config;
    }

    @Override
    public FieldMapping mapping(String id) {
        return registry.latest(Checks.text("id", id, 64));
    }

    @Override
    public FieldMapping mapping(String id, int version) {
        return registry.version(Checks.text("id", id, 64), version);
    }

    @Override
    public List<FieldMapping> mappings() {
        return registry.all();
    }

    @Override
    public FieldMapping usable(Actor actor, String id) {
        return usable(actor, id, mapping(id).version());
    }

    @Override
    public MappedPayload toRemote(Actor actor, String id, JsonNode local) {
        return toRemote(actor, id, mapping(id).version(), local);
    }

    @Override
    public MappedPayload toRemote(Actor actor, String id, int version, JsonNode local) {
        FieldMapping m = usable(actor, id, version);
        return new MappedPayload(m.id(), m.version(), m.toRemote(local));
    }

    @Override
    public ObjectNode toLocal(Actor actor, String id, int version, JsonNode remote) {
        return usable(actor, id, version).toLocal(remote);
    }

    private FieldMapping usable(Actor actor, String id, int version) {
        Checks.notNull("actor", actor);
        FieldMapping m = mapping(id, version);
        verify(actor, m);
        Optional<MappingStateRepository.Row> state = commands.query(h -> repo.find(h, actor.tenantId(), id, version));
        if (state.isPresent() && state.get().quarantined()) {
            MappingStateRepository.Row r = state.get();
            throw new IntegrationException(IntegrationErrors.MAPPING_QUARANTINED, m.label() + " is quarantined since " + r.since()
                    + ": the remote " + m.target() + " no longer fits it: " + r.issues().stream().map(MappingIssue::toString)
                    .collect(Collectors.joining("; ")) + ". Fix the remote or register a new version of the mapping, then run Mappings.check",
                    false, null);
        }
        return m;
    }

    /** @return true when some registered mapping's target reads metadata, so that {@link #check} has something to compare */
    boolean readsMetadata() {
        return registry.all().stream().anyMatch(m -> connectors.get(m.target()) instanceof RemoteMetadata);
    }

    @Override
    public List<MappingStatus> check(Actor actor) {
        Checks.notNull("actor", actor);
        actor.requireAdmin("check mappings against the remote's metadata");
        // read every entity once, outside any transaction
        Map<String, Optional<RemoteEntity>> read = new HashMap<>();
        Map<String, String> failed = new HashMap<>();
        List<MappingStatus> out = new ArrayList<>();
        for (FieldMapping m : registry.all()) {
            verify(actor, m);
            Connector c = connectors.get(m.target());
            if (!(c instanceof RemoteMetadata meta)) {
                out.add(stored(actor, m, c == null ? "no connector '" + m.target() + "' is installed"
                        : "connector '" + m.target() + "' reads no metadata (it does not implement RemoteMetadata)"));
                continue;
            }
            Map<String, Optional<RemoteEntity>> entities = new LinkedHashMap<>();
            String failure = null;
            for (FieldMapping.RemoteUse u : m.remoteUses()) {
                String key = m.target() + "\u0000" + u.entity();
                if (!read.containsKey(key) && !failed.containsKey(key)) {
                    try {
                        read.put(key, meta.entity(new CallContext(actor.tenantId(), m.target(), "metadata", config.callTimeout()), u.entity()));
                    } catch (RemoteCallException e) {
                        failed.put(key, e.getMessage());
                    }
                }
                failure = failure != null ? failure : failed.get(key);
                entities.put(u.entity(), read.getOrDefault(key, Optional.empty()));
            }
            if (failure != null) {
                out.add(stored(actor, m, "the metadata could not be read (" + failure + "); the last state holds"));
                continue;
            }
            out.add(record(actor, m, MetadataComparison.issues(m, entities)));
        }
        return List.copyOf(out);
    }

    /**
     * Stores the version's document the first time it is used (one audited command), and refuses a
     * document that differs from the one stored under its version: a payload's recorded version must
     * name what was sent.
     */
    private void verify(Actor actor, FieldMapping m) {
        String key = m.id() + "@" + m.version();
        if (verified.contains(key)) {
            return;
        }
        Optional<MappingVersionRepository.Stored> stored = commands.query(h -> versions.find(h, m.id(), m.version()));
        if (stored.isEmpty()) {
            try {
                commands.execute(new CommandSpec(actor, "integration.mapping.register", "mapping", key, null), Boolean.class, ctx -> {
                    versions.insert(ctx.handle(), m, ctx.now());
                    ctx.summary("registered " + m.label() + " from " + m.document().source() + " (sha256 " + m.checksum() + ")");
                    return true;
                });
            } catch (RuntimeException e) {
                // another node stored it first: read what it stored
                if (commands.query(h -> versions.find(h, m.id(), m.version())).isEmpty()) {
                    throw e;
                }
            }
            stored = commands.query(h -> versions.find(h, m.id(), m.version()));
        }
        MappingVersionRepository.Stored s = stored.orElseThrow();
        if (!s.checksum().equals(m.checksum())) {
            throw new ConflictException(IntegrationErrors.MAPPING_CHANGED, m.label() + " (" + m.document().source()
                    + ") differs from the v" + m.version() + " first used on " + s.registeredAt() + " (from " + s.source() + ", sha256 "
                    + s.checksum() + "); payloads record their mapping version, so a changed mapping needs a new version: raise it to v"
                    + (registry.latest(m.id()).version() + 1));
        }
        verified.add(key);
    }

    @Override
    public Optional<MappingDocument> used(String id, int version) {
        Checks.text("id", id, 64);
        return commands.query(h -> versions.find(h, id, version)).map(s -> new MappingDocument(s.source(), s.document()));
    }

    private MappingStatus record(Actor actor, FieldMapping m, List<MappingIssue> issues) {
        CommandSpec spec = new CommandSpec(actor, "integration.mapping.check", "mapping", m.id() + "@" + m.version(), null);
        return commands.execute(spec, MappingStatus.class, ctx -> {
            Optional<MappingStateRepository.Row> before = repo.find(ctx.handle(), ctx.tenantId(), m.id(), m.version());
            boolean quarantined = !issues.isEmpty();
            boolean changed = before.isEmpty() || before.get().quarantined() != quarantined || !before.get().issues().equals(issues);
            var since = changed ? ctx.now() : before.get().since();
            repo.save(ctx.handle(), ctx.tenantId(), new MappingStateRepository.Row(m.id(), m.version(), quarantined, issues, since, ctx.now()));
            boolean wasQuarantined = before.isPresent() && before.get().quarantined();
            ctx.summary(quarantined ? (wasQuarantined ? "still quarantined " : "quarantined ") + m.label() + ": "
                    + issues.stream().map(i -> i.change() + " " + i.entity() + "." + i.field()).collect(Collectors.joining(", "))
                    : (wasQuarantined ? "lifted the quarantine of " : "passed ") + m.label());
            if (changed && (quarantined || wasQuarantined)) {
                ctx.publish(quarantined ? "integration.mapping.quarantined" : "integration.mapping.released", "mapping",
                        m.id() + "@" + m.version(), Map.of("mapping", m.id(), "version", m.version(), "issues", issues.size()));
            }
            return new MappingStatus(m.id(), m.version(), quarantined ? State.QUARANTINED : State.PASSED, issues, since, null);
        });
    }

    private MappingStatus stored(Actor actor, FieldMapping m, String note) {
        return commands.query(h -> repo.find(h, actor.tenantId(), m.id(), m.version()))
                .map(r -> new MappingStatus(m.id(), m.version(), State.NOT_CHECKED, r.issues(), r.since(),
                        note + (r.quarantined() ? "; it stays quarantined" : "")))
                .orElse(new MappingStatus(m.id(), m.version(), State.NOT_CHECKED, List.of(), null, note));
    }

    @Override
    public void checkEvery(Actor actor, Duration every) {
        Checks.notNull("actor", actor);
        actor.requireAdmin("schedule the check of mappings");
        Checks.notNull("every", every);
        if (every.compareTo(Duration.ofMinutes(1)) < 0 || every.compareTo(Duration.ofDays(7)) > 0) {
            throw ValidationException.of("every", "must be 1 minute to 7 days, was " + every);
        }
        commands.execute(CommandSpec.of(actor, "integration.mapping.schedule"), Long.class, ctx -> {
            int cancelled = ctx.cancelJobsByKeyPrefix(MappingCheckJob.KEY_PREFIX);
            ctx.summary("mappings checked now and every " + every + (cancelled > 0 ? " (replaces the previous schedule)" : ""));
            return MappingCheckJob.schedule(ctx, every, ctx.now());
        });
    }

    @Override
    public List<MappingStatus> statuses(Actor actor) {
        Checks.notNull("actor", actor);
        Map<String, MappingStateRepository.Row> rows = new HashMap<>();
        commands.query(h -> repo.all(h, actor.tenantId())).forEach(r -> rows.put(r.mapping() + "@" + r.version(), r));
        List<MappingStatus> out = new ArrayList<>();
        for (FieldMapping m : registry.all()) {
            MappingStateRepository.Row r = rows.get(m.id() + "@" + m.version());
            out.add(r == null ? new MappingStatus(m.id(), m.version(), State.NOT_CHECKED, List.of(), null, "never checked")
                    : new MappingStatus(m.id(), m.version(), r.quarantined() ? State.QUARANTINED : State.PASSED, r.issues(), r.since(), null));
        }
        return List.copyOf(out);
    }
}
