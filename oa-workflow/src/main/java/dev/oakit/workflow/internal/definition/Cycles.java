package dev.oakit.workflow.internal.definition;

import dev.oakit.workflow.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Cycles in a definition's graph, named node by node so a message can point at them. */
final class Cycles {
    private final DefinitionCheck check;

    Cycles(DefinitionCheck check) {
        this.check = check;
    }

    /** @return {@code 'a' → 'b' → 'a'} */
    static String arrows(List<String> cycle) {
        return cycle.stream().map(id -> "'" + id + "'").collect(Collectors.joining(" → "));
    }

    /**
     * The first cycle met walking the routes depth first from the start, then from each node in
     * order, keeping to {@code within} (null: every node).
     *
     * @return the cycle's node ids in route order, its first node repeated at the end; empty when there is none
     */
    List<String> first(Set<Integer> within) {
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < check.nodes.size(); i++) {
            if (check.nodes.get(i) instanceof Node.Start) {
                seeds.add(i);
            }
        }
        for (int i = 0; i < check.nodes.size(); i++) {
            seeds.add(i);
        }
        Set<Integer> done = new HashSet<>();
        for (int seed : seeds) {
            List<Integer> cycle = from(seed, within, done);
            if (!cycle.isEmpty()) {
                return cycle.stream().map(k -> check.nodes.get(k).id()).toList();
            }
        }
        return List.of();
    }

    /** Depth first from {@code seed} over nodes not yet {@code done}; iterative, so long definitions cannot overflow the stack. */
    private List<Integer> from(int seed, Set<Integer> within, Set<Integer> done) {
        if (done.contains(seed) || (within != null && !within.contains(seed)) || check.nodes.get(seed) == null) {
            return List.of();
        }
        List<Integer> path = new ArrayList<>(List.of(seed));
        Deque<Integer> cursor = new ArrayDeque<>(List.of(0));
        Set<Integer> onPath = new HashSet<>(List.of(seed));
        while (!path.isEmpty()) {
            int n = path.get(path.size() - 1);
            int k = cursor.pop();
            List<Integer> routesOut = check.outgoing(n);
            if (k >= routesOut.size()) {
                done.add(n);
                onPath.remove(n);
                path.remove(path.size() - 1);
                continue;
            }
            cursor.push(k + 1);
            int next = check.index.get(check.routes.get(routesOut.get(k)).to());
            if (onPath.contains(next)) {
                List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                cycle.add(next);
                return cycle;
            }
            if (!done.contains(next) && (within == null || within.contains(next))) {
                path.add(next);
                onPath.add(next);
                cursor.push(0);
            }
        }
        return List.of();
    }

    /** @return for each node on a cycle that never reaches an end, that cycle */
    Map<Integer, List<String>> withoutEnd(Set<Integer> toEnd) {
        Set<Integer> stuck = new HashSet<>();
        for (int i = 0; i < check.nodes.size(); i++) {
            if (!toEnd.contains(i) && check.nodes.get(i) != null && Objects.equals(check.index.get(check.nodes.get(i).id()), i)) {
                stuck.add(i);
            }
        }
        Map<Integer, List<String>> cycles = new HashMap<>();
        while (true) {
            List<String> cycle = first(stuck);
            if (cycle.isEmpty()) {
                return cycles;
            }
            for (String id : cycle) {
                cycles.putIfAbsent(check.index.get(id), cycle);
                stuck.remove(check.index.get(id));
            }
        }
    }
}
