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
    /** What kind of problem some of them are, by their index: what {@link Consequences} needs to know. */
    final Map<Integer, Kind> kinds = new HashMap<>();
    /** Route ends that name no node, in order. */
    final List<Dangling> dangling = new ArrayList<>();
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

    /**
     * The problems {@link Consequences} looks for: a route end naming no node, a node with too few or too many routes
     * out, a node the start does not reach.
     */
    enum Kind { DANGLING, ROUTE_COUNT, UNREACHABLE }

    /**
     * A route end that names no node.
     *
     * @param route the route's index
     * @param to whether it is the route's {@code to} (else its {@code from})
     * @param problem the index of its problem
     * @param guess the id of the node it probably meant (a typo away), or null
     */
    record Dangling(int route, boolean to, int problem, String guess) {
    }

    void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /** A problem about node {@code node} that {@link Consequences} looks for. */
    void problem(String path, String message, Kind kind, int node) {
        kinds.put(problems.size(), kind);
        nodeOfProblem.put(problems.size(), node);
        problems.add(new Problem(path, message));
    }

    /** Reports a route end that names no node, with the node it probably meant. */
    void dangling(int route, boolean to, String path, String id) {
        String guess = id == null ? null : closestNodeId(id);
        dangling.add(new Dangling(route, to, problems.size(), guess));
        kinds.put(problems.size(), Kind.DANGLING);
        problems.add(new Problem(path, id == null || id.isBlank() ? "is required: a node id"
                : "names no node '" + id + "'" + (guess == null ? "" : "; did you mean '" + guess + "'?")));
    }

    /** The node index each {@link Kind#ROUTE_COUNT} and {@link Kind#UNREACHABLE} problem is about. */
    final Map<Integer, Integer> nodeOfProblem = new HashMap<>();

    /** @return the node id one or two typos away from {@code id} (and closer than any other), or null */
    String closestNodeId(String id) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String candidate : index.keySet()) {
            int distance = distance(id, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
                tie = false;
            } else if (distance == bestDistance) {
                tie = true;
            }
        }
        return best != null && !tie && bestDistance <= Math.min(2, (id.length() - 1) / 2) ? best : null;
    }

    /** Levenshtein distance, for ids of at most 64 characters. */
    static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
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
