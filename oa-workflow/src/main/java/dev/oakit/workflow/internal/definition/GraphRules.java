package dev.oakit.workflow.internal.definition;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.Route;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The definition as a graph, after its nodes and routes: every node reachable from the start and
 * with a path to an end, each parallel or inclusive split with exactly one join that all its
 * branches reach, and every loop passing an exclusive node (the only way out of a rework loop).
 */
final class GraphRules {
    private final DefinitionCheck check;

    GraphRules(DefinitionCheck check) {
        this.check = check;
    }

    /** Reachability, splits and joins, loops. */
    void check() {
        checkGraph();
    }

    // ---- graph ---------------------------------------------------------------------------

    void checkGraph() {
        if (check.nodes.isEmpty()) {
            return;
        }
        Integer start = null;
        for (int i = 0; i < check.nodes.size(); i++) {
            if (check.nodes.get(i) instanceof Node.Start) {
                start = i;
                break;
            }
        }
        Set<Integer> fromStart = start == null ? null : reach(Set.of(start), true, -1, -1);
        Set<Integer> ends = new HashSet<>();
        for (int i = 0; i < check.nodes.size(); i++) {
            if (check.nodes.get(i) instanceof Node.End) {
                ends.add(i);
            }
        }
        Set<Integer> toEnd = ends.isEmpty() ? null : reach(ends, false, -1, -1);
        Map<Integer, List<String>> dead = toEnd == null ? Map.of() : new Cycles(check).withoutEnd(toEnd);
        for (int i = 0; i < check.nodes.size(); i++) {
            if (check.nodes.get(i) == null || !Objects.equals(check.index.get(check.nodes.get(i).id()), i)) {
                continue; // null or duplicate id: already reported, and routes cannot tell them apart
            }
            if (fromStart != null && !fromStart.contains(i)) {
                check.problem("nodes[" + i + "]", "cannot be reached from the start node", DefinitionCheck.Kind.UNREACHABLE, i);
            }
            // a node without outgoing routes is already reported as such
            if (toEnd != null && !toEnd.contains(i) && !check.outgoing(i).isEmpty()) {
                List<String> cycle = dead.get(i);
                check.problem("nodes[" + i + "]", cycle == null ? "has no path to an end node"
                        : "has no path to an end node: it is on the cycle " + Cycles.arrows(cycle)
                        + ", which no route leaves towards an end");
            }
        }
        checkSplitsAndJoins();
        checkLoops(toEnd);
    }

    /**
     * Nodes reachable from {@code seeds} along routes (forward) or against them, never entering
     * {@code avoid} and never leaving {@code stop}.
     */
    Set<Integer> reach(Set<Integer> seeds, boolean forward, int avoid, int stop) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        for (Integer s : seeds) {
            if (s != avoid && seen.add(s)) {
                todo.add(s);
            }
        }
        while (!todo.isEmpty()) {
            int n = todo.poll();
            if (n == stop) {
                continue;
            }
            for (int j : forward ? check.outgoing(n) : check.incoming(n)) {
                Route r = check.routes.get(j);
                int next = check.index.get(forward ? r.to() : r.from());
                if (next != avoid && seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }

    void checkSplitsAndJoins() {
        Map<Integer, List<Integer>> joinsBySplit = new LinkedHashMap<>();
        for (int i = 0; i < check.nodes.size(); i++) {
            if (check.nodes.get(i) instanceof Node.Join j && j.split() != null && check.index.containsKey(j.split())
                    && Objects.equals(check.index.get(j.id()), i)) {
                int split = check.index.get(j.split());
                if (check.nodes.get(split) instanceof Node.Parallel || check.nodes.get(split) instanceof Node.Inclusive) {
                    joinsBySplit.computeIfAbsent(split, k -> new ArrayList<>()).add(i);
                }
            }
        }
        for (int s = 0; s < check.nodes.size(); s++) {
            Node split = check.nodes.get(s);
            if (!(split instanceof Node.Parallel || split instanceof Node.Inclusive)
                    || !Objects.equals(check.index.get(split.id()), s)) {
                continue;
            }
            List<Integer> joins = joinsBySplit.getOrDefault(s, List.of());
            if (joins.isEmpty()) {
                check.problem("nodes[" + s + "]", "has no join; add a join node with split: " + split.id());
            } else if (joins.size() > 1) {
                check.problem("nodes[" + s + "]", "is joined by " + joins.size() + " join nodes ("
                        + joins.stream().map(j -> "'" + check.nodes.get(j).id() + "'").collect(Collectors.joining(", "))
                        + "); a split has exactly one join");
            } else {
                checkBranches(s, joins.get(0));
                checkFirst(s, joins.get(0));
            }
        }
    }

    /** A join of the first N branches: N from 1 to the number of routes out of its split. */
    private void checkFirst(int split, int join) {
        Integer first = ((Node.Join) check.nodes.get(join)).first();
        int branches = check.outgoing(split).size();
        if (first == null) {
            return;
        }
        if (first < 1 || first > branches) {
            check.problem("nodes[" + join + "].first", "is " + first + "; split '" + check.nodes.get(split).id() + "' has " + branches
                    + " branches, so use 1 (the first branch to arrive) to " + branches + ", or leave it out to wait for all");
        }
        Set<Integer> onBranches = reach(Set.of(split), true, -1, join);
        onBranches.retainAll(reach(Set.of(join), false, -1, split));
        onBranches.stream().filter(n -> check.nodes.get(n) instanceof Node.SubProcess).sorted().forEach(n ->
                check.problem("nodes[" + join + "].first", "cannot stop sub-process node '" + check.nodes.get(n).id()
                        + "' on a branch it leaves behind; wait for every branch, or move the sub-process after the join"));
    }

    void checkBranches(int split, int join) {
        String splitId = check.nodes.get(split).id();
        String joinId = check.nodes.get(join).id();
        Set<Integer> inside = new HashSet<>();
        for (int j : check.outgoing(split)) {
            int first = check.index.get(check.routes.get(j).to());
            Set<Integer> branch = reach(Set.of(first), true, split, join);
            inside.addAll(branch);
            if (!branch.contains(join)) {
                check.problem("routes[" + j + "]", "is a branch of split '" + splitId + "' that never reaches its join '"
                        + joinId + "'");
            }
            branch.stream().filter(n -> check.nodes.get(n) instanceof Node.End).sorted().findFirst()
                    .ifPresent(end -> check.problem("routes[" + j + "]", "is a branch of split '" + splitId
                            + "' that ends at '" + check.nodes.get(end).id() + "' before join '" + joinId + "'"));
        }
        for (int j : check.incoming(join)) {
            int from = check.index.get(check.routes.get(j).from());
            if (!inside.contains(from) && from != split) {
                check.problem("routes[" + j + "]", "enters join '" + joinId + "' from '" + check.routes.get(j).from()
                        + "', which is not on a branch of split '" + splitId + "' (join without a matching branch)");
            }
        }
    }

    /**
     * Loops are rework: they must go back through an exclusive node, which decides whether to
     * go round again. A loop without one either never ends (reported as "no path to an end") or
     * spins through a parallel or inclusive split, multiplying branches.
     */
    void checkLoops(Set<Integer> toEnd) {
        Set<Integer> reported = new HashSet<>();
        for (int i = 0; i < check.nodes.size(); i++) {
            Node n = check.nodes.get(i);
            if (n == null || n instanceof Node.Exclusive || reported.contains(i)
                    || !Objects.equals(check.index.get(n.id()), i)) {
                continue;
            }
            Set<Integer> forward = reachWithoutExclusive(i, true);
            if (!forward.contains(i)) {
                continue;
            }
            Set<Integer> backward = reachWithoutExclusive(i, false);
            Set<Integer> loop = new TreeSet<>(forward);
            loop.retainAll(backward);
            reported.addAll(loop);
            if (loop.size() == 1) {
                continue; // a route to itself: reported on the route
            }
            if (toEnd == null || loop.stream().noneMatch(toEnd::contains)) {
                continue; // already reported as "no path to an end node"
            }
            check.problem("nodes[" + i + "]", "is on a loop (" + loop.stream().map(k -> "'" + check.nodes.get(k).id() + "'")
                    .collect(Collectors.joining(", ")) + ") that passes no exclusive node;"
                    + " loop back through an exclusive node that decides whether to go round again");
        }
    }

    /** Nodes reachable in one or more steps from {@code start} without passing an exclusive node. */
    Set<Integer> reachWithoutExclusive(int start, boolean forward) {
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            int n = todo.poll();
            for (int j : forward ? check.outgoing(n) : check.incoming(n)) {
                Route r = check.routes.get(j);
                int next = check.index.get(forward ? r.to() : r.from());
                if (!(check.nodes.get(next) instanceof Node.Exclusive) && seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }
}
