package dev.oakit.workflow.internal.definition;

import dev.oakit.core.ValidationException.Problem;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Root causes first: one wrong route (a typo in its {@code to}) leaves its node without a route out, cuts off
 * every node after it and leaves every node before it without a path to an end, and a report that lists all of
 * that in node order hides the one fix under half a dozen problems. A problem follows from another one when it
 * disappears once that one is fixed, so this class fixes the broken spots, one after the other, in a copy of the
 * definition and checks the copy again: a problem at a path where the fixed copy has none is moved after the root
 * causes and says which problem it follows from.
 *
 * <p>The broken spots, in this order: route ends that name no node, nodes with too few routes out, nodes that no
 * route enters; one that an earlier fix mended is a consequence, not a spot of its own. A route end a typo or two
 * away from one node id is fixed to that node; any other spot is connected, in turn, to each node, and the
 * connection that leaves the fewest problems is taken (one check of the definition per node and spot, only for
 * definitions that have such a problem, and only up to {@value #MAX_TRIED_NODES} nodes).
 */
final class Consequences {
    static final int MAX_TRIED_NODES = 200;

    private final DefinitionCheck check;
    private final Function<ProcessDefinition, List<Problem>> recheck;
    private final List<String> ids;
    private List<Route> routes;

    private Consequences(DefinitionCheck check, Function<ProcessDefinition, List<Problem>> recheck) {
        this.check = check;
        this.recheck = recheck;
        this.ids = check.nodes.stream().filter(n -> n != null && n.id() != null).map(Node::id).distinct().toList();
        this.routes = new ArrayList<>(check.routes);
    }

    /**
     * @param recheck checks a definition again, without this pass
     * @return the check's problems, root causes first (in their order), then the consequences (in theirs)
     */
    static List<Problem> rootsFirst(DefinitionCheck check, Function<ProcessDefinition, List<Problem>> recheck) {
        List<Problem> all = check.result();
        List<Integer> spots = new ArrayList<>(check.kinds.keySet().stream().filter(p -> isSpot(check, p)).toList());
        if (spots.isEmpty()) {
            return all;
        }
        spots.sort(Comparator.comparing((Integer p) -> check.kinds.get(p)).thenComparing(p -> p));
        return new Consequences(check, recheck).order(all, spots);
    }

    private static boolean isSpot(DefinitionCheck check, int p) {
        Integer node = check.nodeOfProblem.get(p);
        return switch (check.kinds.get(p)) {
            case DANGLING -> true;
            case ROUTE_COUNT -> check.outgoing(node).size() < 2; // too few: a single-route node with two or more is not
            case UNREACHABLE -> check.incoming(node).isEmpty();
        };
    }

    private List<Problem> order(List<Problem> all, List<Integer> spots) {
        Set<Problem> current = new HashSet<>(all);
        Set<Integer> roots = new HashSet<>();
        for (int p : spots) {
            if (!current.contains(all.get(p))) {
                continue; // an earlier fix mended it
            }
            roots.add(p);
            List<List<Route>> fixes = fixes(p);
            List<Problem> fewest = null;
            for (List<Route> fix : fixes) {
                List<Problem> left = recheck.apply(with(fix));
                if (fewest == null || left.size() < fewest.size()) {
                    fewest = left;
                    routes = fix;
                }
            }
            if (fewest != null) {
                current = new HashSet<>(fewest);
            }
        }
        // a problem whose path still has a problem in the fixed copy stays, even when its wording changed
        Set<String> paths = new HashSet<>();
        current.forEach(p -> paths.add(p.path()));
        String cause = all.get(roots.stream().min(Integer::compare).orElseThrow()).path();
        List<Problem> first = new ArrayList<>();
        List<Problem> then = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Problem p = all.get(i);
            if (roots.contains(i) || paths.contains(p.path())) {
                first.add(p);
            } else {
                then.add(new Problem(p.path(), p.message() + " (follows from " + cause + "; fix that first)"));
            }
        }
        first.addAll(then);
        return List.copyOf(first);
    }

    /** @return the routes with the spot of problem {@code p} fixed, one list per way to fix it */
    private List<List<Route>> fixes(int p) {
        List<List<Route>> fixes = new ArrayList<>();
        DefinitionCheck.Dangling dangling = check.dangling.stream().filter(x -> x.problem() == p).findFirst().orElse(null);
        List<String> candidates = dangling != null && dangling.guess() != null ? List.of(dangling.guess())
                : ids.size() <= MAX_TRIED_NODES ? ids : List.of();
        for (String c : candidates) {
            if (dangling != null) {
                Route r = routes.get(dangling.route());
                Boolean isDefault = r.isDefault() ? Boolean.TRUE : null;
                List<Route> fix = new ArrayList<>(routes);
                fix.set(dangling.route(), dangling.to() ? new Route(r.from(), c, r.condition(), isDefault, r.name())
                        : new Route(c, r.to(), r.condition(), isDefault, r.name()));
                fixes.add(fix);
            } else {
                String node = check.nodes.get(check.nodeOfProblem.get(p)).id();
                boolean out = check.kinds.get(p) == DefinitionCheck.Kind.ROUTE_COUNT;
                for (Route r : connections(out ? node : c, out ? c : node)) {
                    List<Route> fix = new ArrayList<>(routes);
                    fix.add(r);
                    fixes.add(fix);
                }
            }
        }
        return fixes;
    }

    /** @return the routes that may connect two nodes: out of a conditional split, with a condition or as its default */
    private List<Route> connections(String from, String to) {
        Node n = check.nodeOf(from);
        return n instanceof Node.Exclusive || n instanceof Node.Inclusive
                ? List.of(Route.when(from, to, "true"), Route.otherwise(from, to)) : List.of(Route.of(from, to));
    }

    private ProcessDefinition with(List<Route> fixed) {
        ProcessDefinition d = check.d;
        return new ProcessDefinition(d.key(), d.name(), d.description(), d.form(), d.nodes(), fixed);
    }
}
