package dev.oakit.workflow.internal.definition;

import dev.oakit.core.ValidationException.Problem;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The state of one check of a definition, which the rule classes share: the definition, its nodes
 * and routes indexed as a graph, what is registered, and the problems found so far, in the order
 * they are reported. Confined to one thread.
 */
final class DefinitionCheck {
    final ProcessDefinition d;
    final Function<String, List<String>> conditionProblems;
    final Set<String> knownResolvers;
    final Set<String> knownServiceHandlers;
    private final List<Problem> problems = new ArrayList<>();
    final List<Node> nodes;
    final List<Route> routes;
    /** First index of each node id. */
    final Map<String, Integer> index = new LinkedHashMap<>();
    /** Indexes of the routes leaving each node index; only routes whose both ends exist. */
    private final Map<Integer, List<Integer>> out = new HashMap<>();
    private final Map<Integer, List<Integer>> in = new HashMap<>();

    DefinitionCheck(ProcessDefinition d, Function<String, List<String>> conditionProblems, Set<String> knownResolvers,
                    Set<String> knownServiceHandlers) {
        this.d = d;
        this.conditionProblems = conditionProblems;
        this.knownResolvers = knownResolvers;
        this.knownServiceHandlers = knownServiceHandlers;
        this.nodes = d.nodes() == null ? List.of() : d.nodes();
        this.routes = d.routes() == null ? List.of() : d.routes();
        indexGraph();
    }

    void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    void problems(List<Problem> more) {
        problems.addAll(more);
    }

    /** @return the problems found, in the order they were reported; immutable */
    List<Problem> result() {
        return List.copyOf(problems);
    }

    void indexGraph() {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n != null && n.id() != null) {
                index.putIfAbsent(n.id(), i);
            }
        }
        for (int j = 0; j < routes.size(); j++) {
            Route r = routes.get(j);
            if (r == null || r.from() == null || r.to() == null) {
                continue;
            }
            Integer from = index.get(r.from());
            Integer to = index.get(r.to());
            if (from != null && to != null) {
                out.computeIfAbsent(from, k -> new ArrayList<>()).add(j);
                in.computeIfAbsent(to, k -> new ArrayList<>()).add(j);
            }
        }
    }

    List<Integer> outgoing(int node) {
        return out.getOrDefault(node, List.of());
    }

    List<Integer> incoming(int node) {
        return in.getOrDefault(node, List.of());
    }

    Node nodeOf(String id) {
        Integer i = id == null ? null : index.get(id);
        return i == null ? null : nodes.get(i);
    }

    void checkName(String path, String name) {
        if (name != null && name.length() > DefinitionValidator.MAX_NAME) {
            problem(path, "is " + name.length() + " characters long; at most " + DefinitionValidator.MAX_NAME + " are allowed");
        }
    }

    /** @return the registered ids for a message: " (registered: a, b)" or " (none is registered)" */
    static String known(Set<String> ids) {
        return ids.isEmpty() ? " (none is registered)" : " (registered: " + String.join(", ", new TreeSet<>(ids)) + ")";
    }
}
