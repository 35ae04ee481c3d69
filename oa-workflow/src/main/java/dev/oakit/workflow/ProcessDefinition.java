package dev.oakit.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.form.FormSchema;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * A process definition (流程定义): a form and a graph of nodes and routes. Defined in JSON/YAML
 * ({@link #fromJson}, {@link #fromYaml}) or in Java ({@link #builder}); both produce equal values.
 * Deploying it by key ({@link ProcessDefinitions#deploy}) validates it and reports every problem
 * with its JSON path; a changed definition gets a new version, identical content does not.
 * Immutable and thread-safe.
 *
 * @param key stable key, e.g. {@code leave}: letters, digits, '-', '_', '.', at most 64
 * @param name display name
 * @param description optional description
 * @param form the start form, or null for a process without a form
 * @param nodes the nodes; exactly one {@link Node.Start}
 * @param routes the routes between nodes
 * @param deadline the deadline of every approval node that does not set its own fields, or null (since 0.2)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessDefinition(String key, String name, String description, FormSchema form, List<Node> nodes,
                                List<Route> routes, Deadline deadline) {
    /** Copies the lists (nulls stay null so that validation can name them). */
    public ProcessDefinition {
        nodes = nodes == null ? null : List.copyOf(nodes);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** A definition without a process-wide deadline. */
    public ProcessDefinition(String key, String name, String description, FormSchema form, List<Node> nodes, List<Route> routes) {
        this(key, name, description, form, nodes, routes, null);
    }

    /**
     * @return the deadline of an approval node: its own fields completed by the definition's; null
     *     when neither gives a working time
     */
    public Deadline deadlineOf(Node.Approval node) {
        Deadline own = node.deadline();
        Deadline d = own == null ? deadline : own.orElse(deadline);
        return d == null || (d.normal() == null && d.urgent() == null) ? null : d;
    }

    /** @return a Java builder */
    public static ProcessDefinitionBuilder builder(String key) {
        return new ProcessDefinitionBuilder(key);
    }

    /**
     * Reads a definition from JSON. Structure errors (unknown node type, wrong value types) are a
     * {@link dev.oakit.core.ValidationException} naming the path; graph rules are checked on deploy.
     */
    public static ProcessDefinition fromJson(String json) {
        return DefinitionJson.read(json, false);
    }

    /** Reads a definition from YAML; see {@link #fromJson}. */
    public static ProcessDefinition fromYaml(String yaml) {
        return DefinitionJson.read(yaml, true);
    }

    /** @return this definition as a JSON tree (the format {@link #fromJson} reads) */
    public JsonNode toTree() {
        return DefinitionJson.write(this);
    }

    /** @return this definition as compact JSON */
    public String toJson() {
        return toTree().toString();
    }

    /** @return the node with the id */
    public Optional<Node> node(String id) {
        return nodes == null ? Optional.empty() : nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** @return the routes leaving a node, in definition order */
    public List<Route> routesFrom(String nodeId) {
        return routes.stream().filter(r -> nodeId.equals(r.from())).toList();
    }

    /** @return the routes entering a node */
    public List<Route> routesTo(String nodeId) {
        return routes.stream().filter(r -> nodeId.equals(r.to())).toList();
    }
}
