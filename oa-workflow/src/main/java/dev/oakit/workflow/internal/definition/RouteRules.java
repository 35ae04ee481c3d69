package dev.oakit.workflow.internal.definition;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.Route;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The routes in order: both ends name nodes, none leaves an end or enters the start, no repeats;
 * and conditions: only on routes out of an exclusive or inclusive node, at most one default per
 * split, each condition valid for the expression checker and reading only fields of the form.
 */
final class RouteRules {
    private final DefinitionCheck check;
    private final FormRules forms;

    RouteRules(DefinitionCheck check, FormRules forms) {
        this.check = check;
        this.forms = forms;
    }

    /** Every route in order. */
    void check() {
        checkRoutes();
    }

    // ---- routes --------------------------------------------------------------------------

    void checkRoutes() {
        Map<List<Object>, Integer> seen = new HashMap<>();
        Map<String, Integer> defaults = new HashMap<>();
        for (int j = 0; j < check.routes.size(); j++) {
            Route r = check.routes.get(j);
            String path = "routes[" + j + "]";
            if (r == null) {
                check.problem(path, "is null");
                continue;
            }
            Node from = checkEnd(j, false, path + ".from", r.from());
            Node to = checkEnd(j, true, path + ".to", r.to());
            check.checkName(path + ".name", r.name());
            if (from instanceof Node.End) {
                check.problem(path + ".from", "leaves end node '" + r.from() + "'; an end node has no outgoing routes");
            }
            if (to instanceof Node.Start) {
                check.problem(path + ".to", "enters start node '" + r.to() + "'; nothing may route into the start node");
            }
            if (r.from() != null && r.from().equals(r.to())) {
                check.problem(path, "goes from '" + r.from() + "' to itself; loop back through an exclusive node instead");
            }
            Integer first = seen.putIfAbsent(Arrays.asList(r.from(), r.to(), r.condition(), r.isDefault()), j);
            if (first != null) {
                check.problem(path, "repeats routes[" + first + "] (same from, to and condition); remove one");
            }
            checkCondition(path, r, from, defaults, j);
        }
    }

    Node checkEnd(int route, boolean to, String path, String id) {
        Node n = id == null || id.isBlank() ? null : check.nodeOf(id);
        if (n == null) {
            check.dangling(route, to, path, id);
        }
        return n;
    }

    void checkCondition(String path, Route r, Node from, Map<String, Integer> defaults, int j) {
        boolean conditional = from instanceof Node.Exclusive || from instanceof Node.Inclusive;
        String kind = from instanceof Node.Exclusive ? "exclusive" : "inclusive";
        if (from != null && !conditional) {
            if (r.condition() != null) {
                check.problem(path + ".condition", "is not allowed: only routes leaving an exclusive or inclusive node"
                        + " have conditions, and '" + r.from() + "' is " + typeName(from) + " node");
            }
            if (r.isDefault()) {
                check.problem(path + ".isDefault", "is not allowed: only routes leaving an exclusive or inclusive node"
                        + " can be the default, and '" + r.from() + "' is " + typeName(from) + " node");
            }
            return;
        }
        if (r.isDefault()) {
            if (r.condition() != null) {
                check.problem(path + ".condition", "is not allowed on a default route; remove it or isDefault");
            }
            if (from != null) {
                Integer first = defaults.putIfAbsent(r.from(), j);
                if (first != null) {
                    check.problem(path + ".isDefault", "is a second default route out of '" + r.from()
                            + "' (the first is routes[" + first + "]); a split has at most one default route");
                }
            }
        } else if (r.condition() == null) {
            if (from != null) {
                check.problem(path + ".condition", "is required on a route leaving " + kind + " node '" + r.from()
                        + "' (or mark the route isDefault)");
            }
            return;
        }
        if (r.condition() == null) {
            return;
        }
        if (r.condition().isBlank()) {
            check.problem(path + ".condition", "is blank; write an expression such as form.days > 3");
            return;
        }
        if (check.conditionProblems != null) {
            List<String> messages = check.conditionProblems.apply(r.condition());
            if (messages != null) {
                messages.forEach(m -> check.problem(path + ".condition", m));
            }
        }
        for (String key : FormRules.formReferences(r.condition())) {
            if (forms.topLevelField(key) == null) {
                check.problem(path + ".condition", check.d.form() == null
                        ? "form field '" + key + "' is used but the process has no form"
                        : "form field '" + key + "' is not defined in the form");
            }
        }
    }

    /** @return "an approval", "a join"... for messages */
    static String typeName(Node n) {
        String type = n.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
