package dev.oakit.workflow.internal.definition;

import dev.oakit.workflow.Node;

import java.util.List;

/**
 * The structure of a definition, node by node in order: its key and name, node ids (valid,
 * unique), exactly one start and at least one end, each node's own settings and its number of
 * outgoing routes; an approval's and a cc node's rules are {@link ApproverRules}', field access is
 * {@link FormRules}'.
 */
final class StructureRules {
    private final DefinitionCheck check;
    private final FormRules forms;
    private final ApproverRules approvers;

    StructureRules(DefinitionCheck check, FormRules forms, ApproverRules approvers) {
        this.check = check;
        this.forms = forms;
        this.approvers = approvers;
    }

    /** Key and name, then every node in order. */
    void check() {
        checkKeyAndName();
        checkNodes();
    }

    // ---- key and name --------------------------------------------------------------------

    void checkKeyAndName() {
        if (check.d.key() == null || check.d.key().isBlank()) {
            check.problem("key", "is required: letters, digits, '_', '.', '-', at most 64");
        } else if (!DefinitionValidator.KEY.matcher(check.d.key()).matches()) {
            check.problem("key", "'" + check.d.key() + "' is not a valid process key: use letters, digits, '_', '.', '-', at most 64");
        }
        check.checkName("name", check.d.name());
    }

    // ---- nodes ---------------------------------------------------------------------------

    void checkNodes() {
        if (check.d.nodes() == null || check.d.nodes().isEmpty()) {
            check.problem("nodes", "is " + (check.d.nodes() == null ? "missing" : "empty")
                    + "; a process needs a start node, an end node and the nodes between them");
            return;
        }
        long starts = check.nodes.stream().filter(Node.Start.class::isInstance).count();
        if (starts == 0) {
            check.problem("nodes", "has no start node; add exactly one node of type start");
        }
        if (check.nodes.stream().noneMatch(Node.End.class::isInstance)) {
            List<String> cycle = new Cycles(check).first(null);
            check.problem("nodes", cycle.isEmpty() ? "has no end node; add at least one node of type end"
                    : "has no end node, and the route goes round the cycle " + Cycles.arrows(cycle)
                    + " for ever; add at least one node of type end and a way out of that cycle");
        }
        String firstStart = null;
        for (int i = 0; i < check.nodes.size(); i++) {
            Node n = check.nodes.get(i);
            String path = "nodes[" + i + "]";
            if (n == null) {
                check.problem(path, "is null");
                continue;
            }
            checkNodeId(i, n);
            check.checkName(path + ".name", n.name());
            if (n instanceof Node.Start) {
                if (firstStart != null) {
                    check.problem(path, "is a second start node (the first is '" + firstStart
                            + "'); a process has exactly one start node");
                } else {
                    firstStart = String.valueOf(n.id());
                }
            }
            checkNode(i, path, n);
        }
    }

    void checkNodeId(int i, Node n) {
        String path = "nodes[" + i + "].id";
        if (n.id() == null || n.id().isBlank()) {
            check.problem(path, "is required: letters, digits, '_', '-', at most 64");
            return;
        }
        if (!DefinitionValidator.NODE_ID.matcher(n.id()).matches()) {
            check.problem(path, "'" + n.id() + "' is not a valid node id: use letters, digits, '_', '-', at most 64");
        }
        int first = check.index.get(n.id());
        if (first != i) {
            check.problem(path, "'" + n.id() + "' is already the id of nodes[" + first + "]; node ids must be unique");
        }
    }

    void checkNode(int i, String path, Node n) {
        if (n instanceof Node.Start s) {
            forms.checkFieldAccess(path + ".fields", s.fields());
            requireSingleOutgoing(i, path, "a start node");
        } else if (n instanceof Node.Approval a) {
            approvers.checkApproval(path, a);
            requireSingleOutgoing(i, path, "an approval node");
        } else if (n instanceof Node.Cc c) {
            approvers.checkRules(path + ".recipients", c.recipients(), "recipient");
            requireSingleOutgoing(i, path, "a cc node");
        } else if (n instanceof Node.Exclusive) {
            checkConditionalSplit(i, path, "an exclusive node");
        } else if (n instanceof Node.Inclusive) {
            checkConditionalSplit(i, path, "an inclusive node");
        } else if (n instanceof Node.Parallel) {
            int count = check.outgoing(i).size();
            if (count < 2) {
                check.problem(path, "has " + count(count) + "; a parallel node needs at least two", DefinitionCheck.Kind.ROUTE_COUNT, i);
            }
        } else if (n instanceof Node.Join j) {
            checkJoinSplit(path + ".split", j);
            requireSingleOutgoing(i, path, "a join node");
        } else if (n instanceof Node.Service s) {
            checkService(path, s);
            requireSingleOutgoing(i, path, "a service node");
        } else if (n instanceof Node.SubProcess s) {
            checkSubProcess(path, s);
            requireSingleOutgoing(i, path, "a subprocess node");
        }
        // an end: routes leaving it are reported on the routes
    }

    static String count(int routes) {
        return switch (routes) {
            case 0 -> "no outgoing route";
            case 1 -> "one outgoing route";
            default -> routes + " outgoing routes";
        };
    }

    void requireSingleOutgoing(int i, String path, String what) {
        int count = check.outgoing(i).size();
        if (count != 1) {
            check.problem(path, "has " + count(count) + "; " + what + " needs exactly one", DefinitionCheck.Kind.ROUTE_COUNT, i);
        }
    }

    void checkConditionalSplit(int i, String path, String what) {
        List<Integer> routesOut = check.outgoing(i);
        if (routesOut.isEmpty()) {
            check.problem(path, "has no outgoing route; " + what + " needs at least two, or a single default route",
                    DefinitionCheck.Kind.ROUTE_COUNT, i);
        } else if (routesOut.size() == 1 && !check.routes.get(routesOut.get(0)).isDefault()) {
            check.problem(path, "has one outgoing route; " + what + " needs at least two, or a single default route",
                    DefinitionCheck.Kind.ROUTE_COUNT, i);
        }
    }

    void checkJoinSplit(String path, Node.Join j) {
        if (j.split() == null || j.split().isBlank()) {
            check.problem(path, "is required: the id of the parallel or inclusive node whose branches this join joins");
            return;
        }
        Node split = check.nodeOf(j.split());
        if (split == null) {
            check.problem(path, "names no node '" + j.split() + "'");
        } else if (!(split instanceof Node.Parallel || split instanceof Node.Inclusive)) {
            check.problem(path, "names '" + j.split() + "', which is not a parallel or inclusive node");
        }
    }

    void checkService(String path, Node.Service s) {
        if (s.handler() == null || s.handler().isBlank()) {
            check.problem(path + ".handler", "is required: the id of a service task handler");
        } else if (check.knownServiceHandlers != null && !check.knownServiceHandlers.contains(s.handler())) {
            check.problem(path + ".handler", "names no registered service task handler '" + s.handler() + "'"
                    + DefinitionCheck.known(check.knownServiceHandlers) + "; install the plugin that contributes it");
        }
        if (s.maxAttempts() < 1 || s.maxAttempts() > DefinitionValidator.MAX_ATTEMPTS) {
            check.problem(path + ".maxAttempts", "is " + s.maxAttempts() + "; use 1 to " + DefinitionValidator.MAX_ATTEMPTS);
        }
    }

    void checkSubProcess(String path, Node.SubProcess s) {
        if (s.process() == null || s.process().isBlank()) {
            check.problem(path + ".process", "is required: the key of the process to start");
        } else if (!DefinitionValidator.KEY.matcher(s.process()).matches()) {
            check.problem(path + ".process", "'" + s.process() + "' is not a valid process key");
        } else if (s.process().equals(check.d.key())) {
            check.problem(path + ".process", "starts this process '" + check.d.key() + "' again; a process cannot start itself");
        }
    }
}
