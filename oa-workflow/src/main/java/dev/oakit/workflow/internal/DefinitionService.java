package dev.oakit.workflow.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.form.FormField;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.Deployment;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.Route;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.definition.DefinitionValidator;
import dev.oakit.workflow.internal.definition.SubProcessCalls;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stores definitions by key and version; parsed definitions are cached by id (they never change). */
@Singleton
public final class DefinitionService implements ProcessDefinitions {
    /**
     * A stored definition, with what every command looks up in it made once (nodes by id, routes by the node they leave,
     * whether the form takes options from a source): it is cached for the JVM's life and shared by all commands on it.
     * Immutable and thread-safe.
     */
    public static final class Stored {
        private final long id;
        private final String tenantId;
        private final String key;
        private final int version;
        private final ProcessDefinition definition;
        private final Map<String, Node> nodes;
        private final Map<String, List<Route>> routesFrom;
        private final boolean sourcedForm;
        private final boolean subProcesses;
        private final boolean services;
        /** The start form's permissions, made at the first start (null before, and for a definition without a form). */
        private volatile dev.oakit.core.form.FormAccess startAccess;
        /** The start form as its initiator reads it (the start node's permissions, read-only otherwise), made at the first start. */
        private volatile dev.oakit.core.form.FormAccess startView;

        public Stored(long id, String tenantId, String key, int version, ProcessDefinition definition) {
            this.id = id;
            this.tenantId = tenantId;
            this.key = key;
            this.version = version;
            this.definition = definition;
            Map<String, Node> byNode = new HashMap<>();
            if (definition.nodes() != null) {
                for (Node n : definition.nodes()) {
                    byNode.putIfAbsent(n.id(), n); // the first of a duplicate id, as ProcessDefinition.node finds it
                }
            }
            this.nodes = byNode;
            Map<String, List<Route>> leaving = new HashMap<>();
            for (Route r : definition.routes()) {
                leaving.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r);
            }
            leaving.replaceAll((k, v) -> List.copyOf(v));
            this.routesFrom = leaving;
            this.sourcedForm = sourced(definition.form());
            boolean sub = false;
            boolean service = false;
            for (Node n : definition.nodes() == null ? List.<Node>of() : definition.nodes()) {
                sub |= n instanceof Node.SubProcess;
                service |= n instanceof Node.Service;
            }
            this.subProcesses = sub;
            this.services = service;
        }

        /** @return whether the definition has a sub-process node */
        public boolean hasSubProcesses() {
            return subProcesses;
        }

        /** @return whether the definition has a service node */
        public boolean hasServices() {
            return services;
        }

        /**
         * @return the permissions of the start form's fields (what the start node allows), made once per stored definition;
         *         null for a definition without a form
         */
        public dev.oakit.core.form.FormAccess startAccess() {
            dev.oakit.core.form.FormAccess access = startAccess;
            if (access == null && definition.form() != null) {
                access = dev.oakit.core.form.FormAccess.of(definition.form(), startNode().fields(),
                        dev.oakit.core.form.FieldAccess.EDITABLE);
                startAccess = access;
            }
            return access;
        }

        /**
         * @return the start form as the initiator sees it (the start node's permissions, other fields read-only), made once
         *         per stored definition instead of looked up by the form schema's deep hash at every start; null for a
         *         definition without a form
         */
        public dev.oakit.core.form.FormAccess startView() {
            dev.oakit.core.form.FormAccess view = startView;
            if (view == null && definition.form() != null) {
                view = dev.oakit.core.form.FormAccess.of(definition.form(), startNode().fields(),
                        dev.oakit.core.form.FieldAccess.READ_ONLY);
                startView = view;
            }
            return view;
        }

        private Node.Start startNode() {
            for (Node n : definition.nodes()) {
                if (n instanceof Node.Start s) {
                    return s;
                }
            }
            throw new IllegalStateException("process '" + key + "' v" + version + " has no start node");
        }

        public long id() {
            return id;
        }

        public String tenantId() {
            return tenantId;
        }

        public String key() {
            return key;
        }

        public int version() {
            return version;
        }

        public ProcessDefinition definition() {
            return definition;
        }

        /** @return the node with the id, or null (what {@link ProcessDefinition#node} finds, without a search) */
        public Node node(String nodeId) {
            return nodes.get(nodeId);
        }

        /** @return the routes leaving a node, in definition order (what {@link ProcessDefinition#routesFrom} gives) */
        public List<Route> routesFrom(String nodeId) {
            return routesFrom.getOrDefault(nodeId, List.of());
        }

        /** @return whether some field of the form (or a table column) takes its options from an option source */
        public boolean sourcedForm() {
            return sourcedForm;
        }

        private static boolean sourced(FormSchema form) {
            if (form == null) {
                return false;
            }
            for (FormField f : form.fields()) {
                if (f.optionSource() != null) {
                    return true;
                }
                for (FormField column : f.fields()) {
                    if (column.optionSource() != null) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "Stored[id=" + id + ", tenantId=" + tenantId + ", key=" + key + ", version=" + version + "]";
        }
    }

    /**
     * The latest version of a key: the whole key in the index's order, descending, so that H2 reads the index backwards and
     * stops at the first row; ordered by version alone it sorted every version of the key, and each deploy of a key cost
     * more than the one before.
     */
    static final String LATEST = """
            SELECT id, def_key, version, name, deployed_at, content_hash FROM oa_wf_definition
            WHERE tenant_id = :t AND def_key = :k ORDER BY tenant_id DESC, def_key DESC, version DESC""";

    private final Commands commands;
    private final DefinitionChecks checks;
    private final Map<Long, Stored> byId = new ConcurrentHashMap<>();
    /**
     * The latest version seen per tenant and key. A start uses it without a query and guards its
     * insert with "no newer version exists" (see CommandRunner), so a version deployed by another
     * node is never missed: the guard fails, the entry is dropped and the start reads again.
     */
    private final Map<String, Stored> latestByKey = new ConcurrentHashMap<>();

    @Inject
    private DefinitionService(Commands commands, DefinitionChecks checks) {
        this.commands = commands;
        this.checks = checks;
    }

    @Override
    public Deployment deploy(Actor actor, ProcessDefinition definition) {
        Checks.notNull("actor", actor).requireAdmin("deploy process definitions");
        Checks.notNull("definition", definition);
        checks.validate(definition);
        String content = definition.toJson();
        String hash = sha256(content);
        return commands.execute(CommandSpec.of(actor, "wf.definition.deploy").withTarget("process", definition.key()),
                Deployment.class, ctx -> {
                    Handle h = ctx.handle();
                    Optional<Deployment> latest = h.createQuery(LATEST)
                            .bind("t", actor.tenantId()).bind("k", definition.key()).setMaxRows(1)
                            .map((rs, c) -> rs.getString("content_hash").equals(hash)
                                    ? new Deployment(rs.getLong("id"), rs.getString("def_key"), rs.getInt("version"), rs.getString("name"),
                                    rs.getObject("deployed_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), false)
                                    : new Deployment(-1, rs.getString("def_key"), rs.getInt("version"), null, null, true))
                            .findOne();
                    if (latest.isPresent() && !latest.get().created()) {
                        ctx.summary("deployed process '" + definition.key() + "': unchanged, still version " + latest.get().version());
                        return latest.get();
                    }
                    refuseCycles(h, actor.tenantId(), definition);
                    int version = latest.map(d -> d.version() + 1).orElse(1);
                    long id = h.createUpdate("""
                            INSERT INTO oa_wf_definition (tenant_id, def_key, version, name, content, content_hash, deployed_at, deployed_by)
                            VALUES (:t, :k, :v, :n, :c, :h, :now, :by)""")
                            .bind("t", actor.tenantId()).bind("k", definition.key()).bind("v", version).bind("n", definition.name())
                            .bind("c", content).bind("h", hash).bind("now", LocalDateTime.ofInstant(ctx.now(), ZoneOffset.UTC))
                            .bind("by", actor.userId()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                    latestByKey.remove(cacheKey(actor.tenantId(), definition.key()));
                    ctx.summary("deployed process '" + definition.key() + "' version " + version);
                    ctx.publish("wf.definition.deployed", "process", definition.key(), Map.of("version", version, "id", id));
                    return new Deployment(id, definition.key(), version, definition.name(), ctx.now(), true);
                });
    }

    /** Sub-process calls through the latest versions may not lead back to the definition being deployed. */
    private void refuseCycles(Handle h, String tenantId, ProcessDefinition d) {
        if (d.nodes().stream().noneMatch(dev.oakit.workflow.Node.SubProcess.class::isInstance)) {
            return;
        }
        Map<String, Optional<ProcessDefinition>> read = new java.util.HashMap<>();
        List<dev.oakit.core.ValidationException.Problem> cycles = SubProcessCalls.cycles(d, key -> read.computeIfAbsent(key,
                k -> latestIfAny(h, tenantId, k).map(Stored::definition)));
        if (!cycles.isEmpty()) {
            throw new dev.oakit.core.ValidationException(WorkflowErrors.DEFINITION_INVALID, "process definition '" + d.key() + "'",
                    cycles);
        }
    }

    @Override
    public void validate(ProcessDefinition definition) {
        checks.validate(Checks.notNull("definition", definition));
    }

    @Override
    public ProcessDefinition latest(Actor actor, String key) {
        Checks.notNull("actor", actor);
        Checks.id("key", key);
        return commands.query(h -> latest(h, actor.tenantId(), key)).definition();
    }

    @Override
    public ProcessDefinition version(Actor actor, String key, int version) {
        Checks.notNull("actor", actor);
        Checks.id("key", key);
        return commands.query(h -> version(h, actor.tenantId(), key, version).orElseThrow(() -> new NotFoundException(
                WorkflowErrors.PROCESS_NOT_FOUND, "process '" + key + "' has no version " + version + " in tenant '" + actor.tenantId()
                        + "'; see deployments() for the versions deployed"))).definition();
    }

    /** @return one version of a process in a tenant, or empty */
    public Optional<Stored> version(Handle h, String tenantId, String key, int version) {
        return h.createQuery("SELECT id FROM oa_wf_definition WHERE tenant_id = :t AND def_key = :k AND version = :v")
                .bind("t", tenantId).bind("k", key).bind("v", version).mapTo(Long.class).findOne().map(id -> byId(h, id));
    }

    /** @return the latest version of a key in a tenant */
    public Stored latest(Handle h, String tenantId, String key) {
        return latestIfAny(h, tenantId, key).orElseThrow(() -> new NotFoundException(WorkflowErrors.PROCESS_NOT_FOUND, "process '" + key
                + "' is not deployed in tenant '" + tenantId + "'; deploy it first"));
    }

    private Optional<Stored> latestIfAny(Handle h, String tenantId, String key) {
        Optional<Long> id = h.createQuery("SELECT id FROM oa_wf_definition WHERE tenant_id = :t AND def_key = :k "
                        + "ORDER BY tenant_id DESC, def_key DESC, version DESC")
                .bind("t", tenantId).bind("k", key).setMaxRows(1).mapTo(Long.class).findOne();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Stored s = byId(h, id.get());
        latestByKey.merge(cacheKey(tenantId, key), s, (a, b) -> a.version() >= b.version() ? a : b);
        return Optional.of(s);
    }

    /** @return the latest version this node has seen, or null; callers must guard against a newer one */
    public Stored latestSeen(String tenantId, String key) {
        return latestByKey.get(cacheKey(tenantId, key));
    }

    /** Drops the latest version seen for a key (a newer one exists). */
    public void forgetLatest(String tenantId, String key) {
        latestByKey.remove(cacheKey(tenantId, key));
    }

    private static String cacheKey(String tenantId, String key) {
        return tenantId + '\u0000' + key;
    }

    /** @return a definition by id (cached) */
    public Stored byId(Handle h, long id) {
        Stored s = byId.get(id);
        if (s != null) {
            return s;
        }
        Stored loaded = h.createQuery("SELECT id, tenant_id, def_key, version, content FROM oa_wf_definition WHERE id = :id")
                .bind("id", id)
                .map((rs, c) -> new Stored(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("def_key"),
                        rs.getInt("version"), ProcessDefinition.fromJson(rs.getString("content"))))
                .findOne().orElseThrow(() -> new NotFoundException(WorkflowErrors.DEFINITION_NOT_FOUND, "process definition " + id + " does not exist"));
        // its first command that reaches a condition only CEL reads then finds CEL built, rather than building it in its transaction
        DefinitionChecks.prepareConditions(loaded.definition());
        byId.put(id, loaded);
        return loaded;
    }

    @Override
    public List<Deployment> deployments(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("""
                SELECT id, def_key, version, name, deployed_at FROM oa_wf_definition WHERE tenant_id = :t ORDER BY def_key, version""")
                .bind("t", actor.tenantId())
                .map((rs, c) -> new Deployment(rs.getLong("id"), rs.getString("def_key"), rs.getInt("version"), rs.getString("name"),
                        rs.getObject("deployed_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), true))
                .list());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
