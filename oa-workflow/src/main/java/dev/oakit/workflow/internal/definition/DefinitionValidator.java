package dev.oakit.workflow.internal.definition;

import dev.oakit.core.DecimalLimits;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FieldType;
import dev.oakit.core.form.FormField;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;
import dev.oakit.workflow.WorkflowErrors;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks that a {@link ProcessDefinition} holds together before it is deployed, and reports every
 * problem at once, each with its JSON path in the definition's JSON form ({@code nodes[3].approvers[0].level},
 * {@code routes[5].to}). Problems come in a stable order: key and name, nodes in order, routes in
 * order, then graph-level problems (reachability, splits and joins, loops). The rules are listed in
 * {@code docs/process-definitions.md}.
 *
 * <p>What this class does not check: the form itself (a {@link FormSchema} checks itself when it is
 * created), whether users, roles and departments exist (that is directory data and changes after
 * deploy), whether a sub-process key is deployed, and the meaning of conditions (the caller passes
 * the expression checker as {@code conditionProblems}).
 *
 * <p>Cycles are allowed (rework loops), but every loop must pass through an exclusive node, which is
 * the only way out of it; every node must still be reachable from the start and have a path to an end.
 *
 * <p>Why one class of this size: it is the checklist of every rule a definition must keep, walked
 * once in the order the problems are reported in; each rule is a few lines, and splitting the list
 * would scatter that order and the shared path bookkeeping over several classes.
 *
 * <p>Stateless and thread-safe; pure Java, no I/O.
 */
public final class DefinitionValidator {
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_NAME = 200;
    static final int MAX_LEVEL = 20;
    static final int MAX_CHOSEN = 50;
    static final int MAX_ATTEMPTS = 100;
    /** {@code form.days} and {@code form["days"]} / {@code form['days']}, not {@code myform.days} or {@code x.form.days}. */
    static final Pattern FORM_REFERENCE = Pattern.compile(
            "(?<![A-Za-z0-9_.])form\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([^\"']*)[\"']\\s*])");

    /**
     * Every problem of a definition, in a stable order.
     *
     * @param d the definition; never null
     * @param conditionProblems the expression checker: for a condition, the messages of its problems
     *                          (empty when it is valid); null to skip that check
     * @param knownResolvers ids of the registered {@link dev.oakit.workflow.spi.ApproverResolver}s; null to skip that check
     * @param knownServiceHandlers ids of the registered {@link dev.oakit.workflow.spi.ServiceTaskHandler}s; null to skip that check
     * @return every problem; empty when the definition is valid; immutable
     */
    public List<Problem> problems(ProcessDefinition d, Function<String, List<String>> conditionProblems,
                                  Set<String> knownResolvers, Set<String> knownServiceHandlers) {
        Objects.requireNonNull(d, "definition");
        return new Run(d, conditionProblems, knownResolvers, knownServiceHandlers).check();
    }

    /**
     * Checks a definition and throws when it has problems.
     *
     * @throws ValidationException code {@code OA-WF/DEFINITION_INVALID}, every problem listed
     * @see #problems
     */
    public void validate(ProcessDefinition d, Function<String, List<String>> conditionProblems,
                         Set<String> knownResolvers, Set<String> knownServiceHandlers) {
        List<Problem> problems = problems(d, conditionProblems, knownResolvers, knownServiceHandlers);
        if (!problems.isEmpty()) {
            throw new ValidationException(WorkflowErrors.DEFINITION_INVALID, "process definition '" + d.key() + "'", problems);
        }
    }

    /** The state of one check; confined to one thread. */
    private static final class Run {
        private final ProcessDefinition d;
        private final Function<String, List<String>> conditionProblems;
        private final Set<String> knownResolvers;
        private final Set<String> knownServiceHandlers;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Node> nodes;
        private final List<Route> routes;
        /** First index of each node id. */
        private final Map<String, Integer> index = new LinkedHashMap<>();
        /** Indexes of the routes leaving each node index; only routes whose both ends exist. */
        private final Map<Integer, List<Integer>> out = new HashMap<>();
        private final Map<Integer, List<Integer>> in = new HashMap<>();

        Run(ProcessDefinition d, Function<String, List<String>> conditionProblems, Set<String> knownResolvers,
            Set<String> knownServiceHandlers) {
            this.d = d;
            this.conditionProblems = conditionProblems;
            this.knownResolvers = knownResolvers;
            this.knownServiceHandlers = knownServiceHandlers;
            this.nodes = d.nodes() == null ? List.of() : d.nodes();
            this.routes = d.routes() == null ? List.of() : d.routes();
        }

        List<Problem> check() {
            indexGraph();
            checkKeyAndName();
            checkNodes();
            checkRoutes();
            checkGraph();
            problems.addAll(dev.oakit.workflow.internal.deadline.DeadlineRules.problems(d, null));
            return List.copyOf(problems);
        }

        private void problem(String path, String message) {
            problems.add(new Problem(path, message));
        }

        // ---- indexes -------------------------------------------------------------------------

        private void indexGraph() {
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

        private List<Integer> outgoing(int node) {
            return out.getOrDefault(node, List.of());
        }

        private List<Integer> incoming(int node) {
            return in.getOrDefault(node, List.of());
        }

        private Node nodeOf(String id) {
            Integer i = id == null ? null : index.get(id);
            return i == null ? null : nodes.get(i);
        }

        // ---- key and name --------------------------------------------------------------------

        private void checkKeyAndName() {
            if (d.key() == null || d.key().isBlank()) {
                problem("key", "is required: letters, digits, '_', '.', '-', at most 64");
            } else if (!KEY.matcher(d.key()).matches()) {
                problem("key", "'" + d.key() + "' is not a valid process key: use letters, digits, '_', '.', '-', at most 64");
            }
            checkName("name", d.name());
        }

        private void checkName(String path, String name) {
            if (name != null && name.length() > MAX_NAME) {
                problem(path, "is " + name.length() + " characters long; at most " + MAX_NAME + " are allowed");
            }
        }

        // ---- nodes ---------------------------------------------------------------------------

        private void checkNodes() {
            if (d.nodes() == null || d.nodes().isEmpty()) {
                problem("nodes", "is " + (d.nodes() == null ? "missing" : "empty")
                        + "; a process needs a start node, an end node and the nodes between them");
                return;
            }
            long starts = nodes.stream().filter(Node.Start.class::isInstance).count();
            if (starts == 0) {
                problem("nodes", "has no start node; add exactly one node of type start");
            }
            if (nodes.stream().noneMatch(Node.End.class::isInstance)) {
                List<String> cycle = firstCycle(null);
                problem("nodes", cycle.isEmpty() ? "has no end node; add at least one node of type end"
                        : "has no end node, and the route goes round the cycle " + arrows(cycle)
                        + " for ever; add at least one node of type end and a way out of that cycle");
            }
            String firstStart = null;
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                String path = "nodes[" + i + "]";
                if (n == null) {
                    problem(path, "is null");
                    continue;
                }
                checkNodeId(i, n);
                checkName(path + ".name", n.name());
                if (n instanceof Node.Start) {
                    if (firstStart != null) {
                        problem(path, "is a second start node (the first is '" + firstStart
                                + "'); a process has exactly one start node");
                    } else {
                        firstStart = String.valueOf(n.id());
                    }
                }
                checkNode(i, path, n);
            }
        }

        private void checkNodeId(int i, Node n) {
            String path = "nodes[" + i + "].id";
            if (n.id() == null || n.id().isBlank()) {
                problem(path, "is required: letters, digits, '_', '-', at most 64");
                return;
            }
            if (!NODE_ID.matcher(n.id()).matches()) {
                problem(path, "'" + n.id() + "' is not a valid node id: use letters, digits, '_', '-', at most 64");
            }
            int first = index.get(n.id());
            if (first != i) {
                problem(path, "'" + n.id() + "' is already the id of nodes[" + first + "]; node ids must be unique");
            }
        }

        private void checkNode(int i, String path, Node n) {
            if (n instanceof Node.Start s) {
                checkFieldAccess(path + ".fields", s.fields());
                requireSingleOutgoing(i, path, "a start node");
            } else if (n instanceof Node.Approval a) {
                checkApproval(path, a);
                requireSingleOutgoing(i, path, "an approval node");
            } else if (n instanceof Node.Cc c) {
                checkRules(path + ".recipients", c.recipients(), "recipient");
                requireSingleOutgoing(i, path, "a cc node");
            } else if (n instanceof Node.Exclusive) {
                checkConditionalSplit(i, path, "an exclusive node");
            } else if (n instanceof Node.Inclusive) {
                checkConditionalSplit(i, path, "an inclusive node");
            } else if (n instanceof Node.Parallel) {
                int count = outgoing(i).size();
                if (count < 2) {
                    problem(path, "has " + count(count) + "; a parallel node needs at least two");
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

        private static String count(int routes) {
            return switch (routes) {
                case 0 -> "no outgoing route";
                case 1 -> "one outgoing route";
                default -> routes + " outgoing routes";
            };
        }

        private void requireSingleOutgoing(int i, String path, String what) {
            int count = outgoing(i).size();
            if (count != 1) {
                problem(path, "has " + count(count) + "; " + what + " needs exactly one");
            }
        }

        private void checkConditionalSplit(int i, String path, String what) {
            List<Integer> routesOut = outgoing(i);
            if (routesOut.isEmpty()) {
                problem(path, "has no outgoing route; " + what + " needs at least two, or a single default route");
            } else if (routesOut.size() == 1 && !routes.get(routesOut.get(0)).isDefault()) {
                problem(path, "has one outgoing route; " + what + " needs at least two, or a single default route");
            }
        }

        private void checkApproval(String path, Node.Approval a) {
            checkRules(path + ".approvers", a.approvers(), "approver");
            if (a.mode() == ApprovalMode.VOTE) {
                Optional<String> unbounded = a.passRatio() == null ? Optional.empty()
                        : DecimalLimits.problem(a.passRatio());
                if (unbounded.isPresent()) {
                    // never printed or compared in full: 1e-100000000 takes minutes to write out
                    problem(path + ".passRatio", unbounded.get() + "; a VOTE node needs a pass ratio above 0 and at most 1, e.g. 0.5");
                } else if (a.passRatio() == null || a.passRatio().signum() <= 0 || a.passRatio().compareTo(BigDecimal.ONE) > 0) {
                    problem(path + ".passRatio", "is " + (a.passRatio() == null ? "missing" : a.passRatio().toPlainString())
                            + "; a VOTE node needs a pass ratio above 0 and at most 1, e.g. 0.5");
                }
            } else {
                if (a.passRatio() != null) {
                    problem(path + ".passRatio", "is only used with mode VOTE (the mode is " + a.mode() + "); remove it");
                }
                if (a.veto()) {
                    problem(path + ".veto", "is only used with mode VOTE (the mode is " + a.mode() + "); remove it");
                }
            }
            if (a.pool() && a.mode() != ApprovalMode.ANY) {
                problem(path + ".pool", "offers one task that the claimer decides alone, so it needs mode ANY (the mode is "
                        + a.mode() + ")");
            }
            if (a.onEmpty() == Node.NoApprover.USER) {
                if (a.emptyUser() == null || a.emptyUser().isBlank()) {
                    problem(path + ".emptyUser", "is required when onEmpty is USER: the user who gets the task");
                }
            } else if (a.emptyUser() != null) {
                problem(path + ".emptyUser", "is only used when onEmpty is USER (it is " + a.onEmpty() + "); remove it");
            }
            for (int k = 0; k < a.separateFrom().size(); k++) {
                String other = a.separateFrom().get(k);
                String p = path + ".separateFrom[" + k + "]";
                Node target = nodeOf(other);
                if (other == null || other.isBlank()) {
                    problem(p, "is blank; name an approval node");
                } else if (other.equals(a.id())) {
                    problem(p, "names the node itself; name other approval nodes");
                } else if (target == null) {
                    problem(p, "names no node '" + other + "'");
                } else if (!(target instanceof Node.Approval)) {
                    problem(p, "names '" + other + "', which is not an approval node");
                }
            }
            checkFieldAccess(path + ".fields", a.fields());
        }

        private void checkFieldAccess(String path, Map<String, FieldAccess> fields) {
            for (Map.Entry<String, FieldAccess> e : new TreeMap<>(fields).entrySet()) {
                String key = e.getKey();
                if (topLevelField(key) == null) {
                    problem(path + "." + key, notDefined(key));
                } else if (e.getValue() == null) {
                    problem(path + "." + key, "has no access; use HIDDEN, READ_ONLY, EDITABLE or REQUIRED");
                }
            }
        }

        private String notDefined(String key) {
            return d.form() == null
                    ? "form field '" + key + "' referenced but the process has no form"
                    : "form field '" + key + "' referenced but not defined in the form";
        }

        private FormField topLevelField(String key) {
            return d.form() == null || key == null ? null : d.form().field(key);
        }

        private void checkRules(String path, List<ApproverRule> rules, String what) {
            if (rules == null || rules.isEmpty()) {
                problem(path, "is " + (rules == null ? "missing" : "empty") + "; add at least one " + what + " rule");
                return;
            }
            for (int k = 0; k < rules.size(); k++) {
                checkRule(path + "[" + k + "]", rules.get(k));
            }
        }

        private void checkRule(String path, ApproverRule rule) {
            if (rule == null) {
                problem(path, "is null");
            } else if (rule instanceof ApproverRule.Users u) {
                if (u.ids() == null || u.ids().isEmpty()) {
                    problem(path + ".ids", "is empty; list at least one user id");
                } else {
                    for (int m = 0; m < u.ids().size(); m++) {
                        if (u.ids().get(m) == null || u.ids().get(m).isBlank()) {
                            problem(path + ".ids[" + m + "]", "is blank; give a user id");
                        }
                    }
                }
            } else if (rule instanceof ApproverRule.Role r) {
                if (r.code() == null || r.code().isBlank()) {
                    problem(path + ".code", "is required: the role's code");
                }
            } else if (rule instanceof ApproverRule.DepartmentHead h) {
                if (h.formField() != null) {
                    checkFieldType(path + ".formField", h.formField(), Set.of(FieldType.DEPARTMENT), "a department field");
                }
            } else if (rule instanceof ApproverRule.Manager m) {
                if (m.level() < 1 || m.level() > MAX_LEVEL) {
                    problem(path + ".level", "is " + m.level() + "; use 1 (the direct manager) to " + MAX_LEVEL);
                }
            } else if (rule instanceof ApproverRule.ManagerChain c) {
                checkManagerChain(path, c);
            } else if (rule instanceof ApproverRule.InitiatorChooses c) {
                if (c.min() < 1) {
                    problem(path + ".min", "is " + c.min() + "; the initiator chooses at least 1 user");
                }
                if (c.max() < Math.max(c.min(), 1) || c.max() > MAX_CHOSEN) {
                    problem(path + ".max", "is " + c.max() + "; use a number from min (" + c.min() + ") to " + MAX_CHOSEN);
                }
            } else if (rule instanceof ApproverRule.FormField f) {
                if (f.key() == null || f.key().isBlank()) {
                    problem(path + ".key", "is required: the key of a user field of the form");
                } else {
                    checkFieldType(path + ".key", f.key(), Set.of(FieldType.USER, FieldType.MULTI_SELECT),
                            "a user field or a multiSelect of user ids");
                }
            } else if (rule instanceof ApproverRule.Custom c) {
                if (c.resolver() == null || c.resolver().isBlank()) {
                    problem(path + ".resolver", "is required: the id of an approver resolver");
                } else if (knownResolvers != null && !knownResolvers.contains(c.resolver())) {
                    problem(path + ".resolver", "names no registered approver resolver '" + c.resolver() + "'"
                            + known(knownResolvers) + "; install the plugin that contributes it");
                }
            }
        }

        private void checkManagerChain(String path, ApproverRule.ManagerChain c) {
            boolean level = c.upToLevel() != 0;
            boolean role = c.upToRole() != null;
            if (level && role) {
                problem(path, "gives both upToLevel and upToRole; give exactly one");
            } else if (!level && !role) {
                problem(path, "gives neither upToLevel nor upToRole; give exactly one");
            }
            if (level && (c.upToLevel() < 1 || c.upToLevel() > MAX_LEVEL)) {
                problem(path + ".upToLevel", "is " + c.upToLevel() + "; use 1 to " + MAX_LEVEL);
            }
            if (role && c.upToRole().isBlank()) {
                problem(path + ".upToRole", "is blank; give a role code");
            }
        }

        private void checkFieldType(String path, String key, Set<FieldType> allowed, String what) {
            FormField field = topLevelField(key);
            if (field == null) {
                problem(path, notDefined(key));
            } else if (!allowed.contains(field.type())) {
                problem(path, "form field '" + key + "' is a " + field.type().jsonName() + " field; it must be " + what);
            }
        }

        private static String known(Set<String> ids) {
            return ids.isEmpty() ? " (none is registered)" : " (registered: " + String.join(", ", new TreeSet<>(ids)) + ")";
        }

        private void checkJoinSplit(String path, Node.Join j) {
            if (j.split() == null || j.split().isBlank()) {
                problem(path, "is required: the id of the parallel or inclusive node whose branches this join joins");
                return;
            }
            Node split = nodeOf(j.split());
            if (split == null) {
                problem(path, "names no node '" + j.split() + "'");
            } else if (!(split instanceof Node.Parallel || split instanceof Node.Inclusive)) {
                problem(path, "names '" + j.split() + "', which is not a parallel or inclusive node");
            }
        }

        private void checkService(String path, Node.Service s) {
            if (s.handler() == null || s.handler().isBlank()) {
                problem(path + ".handler", "is required: the id of a service task handler");
            } else if (knownServiceHandlers != null && !knownServiceHandlers.contains(s.handler())) {
                problem(path + ".handler", "names no registered service task handler '" + s.handler() + "'"
                        + known(knownServiceHandlers) + "; install the plugin that contributes it");
            }
            if (s.maxAttempts() < 1 || s.maxAttempts() > MAX_ATTEMPTS) {
                problem(path + ".maxAttempts", "is " + s.maxAttempts() + "; use 1 to " + MAX_ATTEMPTS);
            }
        }

        private void checkSubProcess(String path, Node.SubProcess s) {
            if (s.process() == null || s.process().isBlank()) {
                problem(path + ".process", "is required: the key of the process to start");
            } else if (!KEY.matcher(s.process()).matches()) {
                problem(path + ".process", "'" + s.process() + "' is not a valid process key");
            } else if (s.process().equals(d.key())) {
                problem(path + ".process", "starts this process '" + d.key() + "' again; a process cannot start itself");
            }
        }

        // ---- routes --------------------------------------------------------------------------

        private void checkRoutes() {
            Map<List<Object>, Integer> seen = new HashMap<>();
            Map<String, Integer> defaults = new HashMap<>();
            for (int j = 0; j < routes.size(); j++) {
                Route r = routes.get(j);
                String path = "routes[" + j + "]";
                if (r == null) {
                    problem(path, "is null");
                    continue;
                }
                Node from = checkEnd(path + ".from", r.from());
                Node to = checkEnd(path + ".to", r.to());
                checkName(path + ".name", r.name());
                if (from instanceof Node.End) {
                    problem(path + ".from", "leaves end node '" + r.from() + "'; an end node has no outgoing routes");
                }
                if (to instanceof Node.Start) {
                    problem(path + ".to", "enters start node '" + r.to() + "'; nothing may route into the start node");
                }
                if (r.from() != null && r.from().equals(r.to())) {
                    problem(path, "goes from '" + r.from() + "' to itself; loop back through an exclusive node instead");
                }
                Integer first = seen.putIfAbsent(Arrays.asList(r.from(), r.to(), r.condition(), r.isDefault()), j);
                if (first != null) {
                    problem(path, "repeats routes[" + first + "] (same from, to and condition); remove one");
                }
                checkCondition(path, r, from, defaults, j);
            }
        }

        private Node checkEnd(String path, String id) {
            if (id == null || id.isBlank()) {
                problem(path, "is required: a node id");
                return null;
            }
            Node n = nodeOf(id);
            if (n == null) {
                problem(path, "names no node '" + id + "'");
            }
            return n;
        }

        private void checkCondition(String path, Route r, Node from, Map<String, Integer> defaults, int j) {
            boolean conditional = from instanceof Node.Exclusive || from instanceof Node.Inclusive;
            String kind = from instanceof Node.Exclusive ? "exclusive" : "inclusive";
            if (from != null && !conditional) {
                if (r.condition() != null) {
                    problem(path + ".condition", "is not allowed: only routes leaving an exclusive or inclusive node"
                            + " have conditions, and '" + r.from() + "' is " + typeName(from) + " node");
                }
                if (r.isDefault()) {
                    problem(path + ".isDefault", "is not allowed: only routes leaving an exclusive or inclusive node"
                            + " can be the default, and '" + r.from() + "' is " + typeName(from) + " node");
                }
                return;
            }
            if (r.isDefault()) {
                if (r.condition() != null) {
                    problem(path + ".condition", "is not allowed on a default route; remove it or isDefault");
                }
                if (from != null) {
                    Integer first = defaults.putIfAbsent(r.from(), j);
                    if (first != null) {
                        problem(path + ".isDefault", "is a second default route out of '" + r.from()
                                + "' (the first is routes[" + first + "]); a split has at most one default route");
                    }
                }
            } else if (r.condition() == null) {
                if (from != null) {
                    problem(path + ".condition", "is required on a route leaving " + kind + " node '" + r.from()
                            + "' (or mark the route isDefault)");
                }
                return;
            }
            if (r.condition() == null) {
                return;
            }
            if (r.condition().isBlank()) {
                problem(path + ".condition", "is blank; write an expression such as form.days > 3");
                return;
            }
            if (conditionProblems != null) {
                List<String> messages = conditionProblems.apply(r.condition());
                if (messages != null) {
                    messages.forEach(m -> problem(path + ".condition", m));
                }
            }
            for (String key : formReferences(r.condition())) {
                if (topLevelField(key) == null) {
                    problem(path + ".condition", d.form() == null
                            ? "form field '" + key + "' is used but the process has no form"
                            : "form field '" + key + "' is not defined in the form");
                }
            }
        }

        /** @return "an approval", "a join"... for messages */
        private static String typeName(Node n) {
            String type = n.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
        }

        // ---- graph ---------------------------------------------------------------------------

        private void checkGraph() {
            if (nodes.isEmpty()) {
                return;
            }
            Integer start = null;
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) instanceof Node.Start) {
                    start = i;
                    break;
                }
            }
            Set<Integer> fromStart = start == null ? null : reach(Set.of(start), true, -1, -1);
            Set<Integer> ends = new HashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) instanceof Node.End) {
                    ends.add(i);
                }
            }
            Set<Integer> toEnd = ends.isEmpty() ? null : reach(ends, false, -1, -1);
            Map<Integer, List<String>> dead = toEnd == null ? Map.of() : cyclesWithoutEnd(toEnd);
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) == null || !Objects.equals(index.get(nodes.get(i).id()), i)) {
                    continue; // null or duplicate id: already reported, and routes cannot tell them apart
                }
                if (fromStart != null && !fromStart.contains(i)) {
                    problem("nodes[" + i + "]", "cannot be reached from the start node");
                }
                // a node without outgoing routes is already reported as such
                if (toEnd != null && !toEnd.contains(i) && !outgoing(i).isEmpty()) {
                    List<String> cycle = dead.get(i);
                    problem("nodes[" + i + "]", cycle == null ? "has no path to an end node"
                            : "has no path to an end node: it is on the cycle " + arrows(cycle)
                            + ", which no route leaves towards an end");
                }
            }
            checkSplitsAndJoins();
            checkLoops(toEnd);
        }

        /** @return {@code 'a' → 'b' → 'a'} */
        private static String arrows(List<String> cycle) {
            return cycle.stream().map(id -> "'" + id + "'").collect(Collectors.joining(" → "));
        }

        /**
         * The first cycle met walking the routes depth first from the start, then from each node in
         * order, keeping to {@code within} (null: every node).
         *
         * @return the cycle's node ids in route order, its first node repeated at the end; empty when there is none
         */
        private List<String> firstCycle(Set<Integer> within) {
            List<Integer> seeds = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) instanceof Node.Start) {
                    seeds.add(i);
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                seeds.add(i);
            }
            Set<Integer> done = new HashSet<>();
            for (int seed : seeds) {
                List<Integer> cycle = cycleFrom(seed, within, done);
                if (!cycle.isEmpty()) {
                    return cycle.stream().map(k -> nodes.get(k).id()).toList();
                }
            }
            return List.of();
        }

        /** Depth first from {@code seed} over nodes not yet {@code done}; iterative, so long definitions cannot overflow the stack. */
        private List<Integer> cycleFrom(int seed, Set<Integer> within, Set<Integer> done) {
            if (done.contains(seed) || (within != null && !within.contains(seed)) || nodes.get(seed) == null) {
                return List.of();
            }
            List<Integer> path = new ArrayList<>(List.of(seed));
            Deque<Integer> cursor = new ArrayDeque<>(List.of(0));
            Set<Integer> onPath = new HashSet<>(List.of(seed));
            while (!path.isEmpty()) {
                int n = path.get(path.size() - 1);
                int k = cursor.pop();
                List<Integer> routesOut = outgoing(n);
                if (k >= routesOut.size()) {
                    done.add(n);
                    onPath.remove(n);
                    path.remove(path.size() - 1);
                    continue;
                }
                cursor.push(k + 1);
                int next = index.get(routes.get(routesOut.get(k)).to());
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
        private Map<Integer, List<String>> cyclesWithoutEnd(Set<Integer> toEnd) {
            Set<Integer> stuck = new HashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (!toEnd.contains(i) && nodes.get(i) != null && Objects.equals(index.get(nodes.get(i).id()), i)) {
                    stuck.add(i);
                }
            }
            Map<Integer, List<String>> cycles = new HashMap<>();
            while (true) {
                List<String> cycle = firstCycle(stuck);
                if (cycle.isEmpty()) {
                    return cycles;
                }
                for (String id : cycle) {
                    cycles.putIfAbsent(index.get(id), cycle);
                    stuck.remove(index.get(id));
                }
            }
        }

        /**
         * Nodes reachable from {@code seeds} along routes (forward) or against them, never entering
         * {@code avoid} and never leaving {@code stop}.
         */
        private Set<Integer> reach(Set<Integer> seeds, boolean forward, int avoid, int stop) {
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
                for (int j : forward ? outgoing(n) : incoming(n)) {
                    Route r = routes.get(j);
                    int next = index.get(forward ? r.to() : r.from());
                    if (next != avoid && seen.add(next)) {
                        todo.add(next);
                    }
                }
            }
            return seen;
        }

        private void checkSplitsAndJoins() {
            Map<Integer, List<Integer>> joinsBySplit = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) instanceof Node.Join j && j.split() != null && index.containsKey(j.split())
                        && Objects.equals(index.get(j.id()), i)) {
                    int split = index.get(j.split());
                    if (nodes.get(split) instanceof Node.Parallel || nodes.get(split) instanceof Node.Inclusive) {
                        joinsBySplit.computeIfAbsent(split, k -> new ArrayList<>()).add(i);
                    }
                }
            }
            for (int s = 0; s < nodes.size(); s++) {
                Node split = nodes.get(s);
                if (!(split instanceof Node.Parallel || split instanceof Node.Inclusive)
                        || !Objects.equals(index.get(split.id()), s)) {
                    continue;
                }
                List<Integer> joins = joinsBySplit.getOrDefault(s, List.of());
                if (joins.isEmpty()) {
                    problem("nodes[" + s + "]", "has no join; add a join node with split: " + split.id());
                } else if (joins.size() > 1) {
                    problem("nodes[" + s + "]", "is joined by " + joins.size() + " join nodes ("
                            + joins.stream().map(j -> "'" + nodes.get(j).id() + "'").collect(Collectors.joining(", "))
                            + "); a split has exactly one join");
                } else {
                    checkBranches(s, joins.get(0));
                    checkFirst(s, joins.get(0));
                }
            }
        }

        /** A join of the first N branches: N from 1 to the number of routes out of its split. */
        private void checkFirst(int split, int join) {
            Integer first = ((Node.Join) nodes.get(join)).first();
            int branches = outgoing(split).size();
            if (first == null) {
                return;
            }
            if (first < 1 || first > branches) {
                problem("nodes[" + join + "].first", "is " + first + "; split '" + nodes.get(split).id() + "' has " + branches
                        + " branches, so use 1 (the first branch to arrive) to " + branches + ", or leave it out to wait for all");
            }
            Set<Integer> onBranches = reach(Set.of(split), true, -1, join);
            onBranches.retainAll(reach(Set.of(join), false, -1, split));
            onBranches.stream().filter(n -> nodes.get(n) instanceof Node.SubProcess).sorted().forEach(n ->
                    problem("nodes[" + join + "].first", "cannot stop sub-process node '" + nodes.get(n).id()
                            + "' on a branch it leaves behind; wait for every branch, or move the sub-process after the join"));
        }

        private void checkBranches(int split, int join) {
            String splitId = nodes.get(split).id();
            String joinId = nodes.get(join).id();
            Set<Integer> inside = new HashSet<>();
            for (int j : outgoing(split)) {
                int first = index.get(routes.get(j).to());
                Set<Integer> branch = reach(Set.of(first), true, split, join);
                inside.addAll(branch);
                if (!branch.contains(join)) {
                    problem("routes[" + j + "]", "is a branch of split '" + splitId + "' that never reaches its join '"
                            + joinId + "'");
                }
                branch.stream().filter(n -> nodes.get(n) instanceof Node.End).sorted().findFirst()
                        .ifPresent(end -> problem("routes[" + j + "]", "is a branch of split '" + splitId
                                + "' that ends at '" + nodes.get(end).id() + "' before join '" + joinId + "'"));
            }
            for (int j : incoming(join)) {
                int from = index.get(routes.get(j).from());
                if (!inside.contains(from) && from != split) {
                    problem("routes[" + j + "]", "enters join '" + joinId + "' from '" + routes.get(j).from()
                            + "', which is not on a branch of split '" + splitId + "' (join without a matching branch)");
                }
            }
        }

        /**
         * Loops are rework: they must go back through an exclusive node, which decides whether to
         * go round again. A loop without one either never ends (reported as "no path to an end") or
         * spins through a parallel or inclusive split, multiplying branches.
         */
        private void checkLoops(Set<Integer> toEnd) {
            Set<Integer> reported = new HashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                if (n == null || n instanceof Node.Exclusive || reported.contains(i)
                        || !Objects.equals(index.get(n.id()), i)) {
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
                problem("nodes[" + i + "]", "is on a loop (" + loop.stream().map(k -> "'" + nodes.get(k).id() + "'")
                        .collect(Collectors.joining(", ")) + ") that passes no exclusive node;"
                        + " loop back through an exclusive node that decides whether to go round again");
            }
        }

        /** Nodes reachable in one or more steps from {@code start} without passing an exclusive node. */
        private Set<Integer> reachWithoutExclusive(int start, boolean forward) {
            Set<Integer> seen = new HashSet<>();
            Deque<Integer> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                int n = todo.poll();
                for (int j : forward ? outgoing(n) : incoming(n)) {
                    Route r = routes.get(j);
                    int next = index.get(forward ? r.to() : r.from());
                    if (!(nodes.get(next) instanceof Node.Exclusive) && seen.add(next)) {
                        todo.add(next);
                    }
                }
            }
            return seen;
        }
    }

    /** @return the distinct form field keys a condition reads, in order of appearance */
    static Set<String> formReferences(String condition) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = FORM_REFERENCE.matcher(condition);
        while (m.find()) {
            keys.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return keys;
    }
}
