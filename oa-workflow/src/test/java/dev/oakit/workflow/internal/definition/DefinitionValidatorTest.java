package dev.oakit.workflow.internal.definition;

import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static dev.oakit.workflow.internal.definition.Definitions.leave;
import static dev.oakit.workflow.internal.definition.Definitions.leaveForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per rule. {@link Definitions#leave()} is nodes [0] start, [1] manager, [2] long (exclusive),
 * [3] director, [4] approved; routes [0] start→manager, [1] manager→long, [2] long→director if
 * form.days &gt; 3, [3] long→approved (default), [4] director→approved.
 */
class DefinitionValidatorTest {

    private static List<String> report(ProcessDefinition d) {
        return Definitions.problems(d).stream().map(Problem::toString).toList();
    }

    private static ProcessDefinition edit(ProcessDefinition d, Consumer<List<Node>> nodes, Consumer<List<Route>> routes) {
        List<Node> n = d.nodes() == null ? null : new ArrayList<>(d.nodes());
        List<Route> r = new ArrayList<>(d.routes());
        if (nodes != null) {
            nodes.accept(n);
        }
        if (routes != null) {
            routes.accept(r);
        }
        return new ProcessDefinition(d.key(), d.name(), d.description(), d.form(), n, r);
    }

    private static ProcessDefinition replaceNode(ProcessDefinition d, int i, Node node) {
        return edit(d, n -> n.set(i, node), null);
    }

    private static ProcessDefinition routes(ProcessDefinition d, Consumer<List<Route>> routes) {
        return edit(d, null, routes);
    }

    private static Node.Approval approval(String id, ApproverRule... rules) {
        return new Node.Approval(id, null, null, List.of(rules), null, null, null, null, null, null, null, null, null);
    }

    // ---- key, name, nodes ------------------------------------------------------------------------

    @Test
    void validDefinitionsHaveNoProblems() {
        assertThat(report(leave())).isEmpty();
        assertThat(report(Definitions.rich())).isEmpty();
    }

    @Test
    void keyIsRequiredAndShaped() {
        ProcessDefinition d = leave();
        assertThat(report(new ProcessDefinition(null, null, null, d.form(), d.nodes(), d.routes())))
                .containsExactly("key: is required: letters, digits, '_', '.', '-', at most 64");
        assertThat(report(new ProcessDefinition("leave request", "x".repeat(201), null, d.form(), d.nodes(), d.routes())))
                .containsExactly("key: 'leave request' is not a valid process key: use letters, digits, '_', '.', '-', at most 64",
                        "name: is 201 characters long; at most 200 are allowed");
        assertThat(report(new ProcessDefinition("k".repeat(65), null, null, d.form(), d.nodes(), d.routes())))
                .singleElement().asString().startsWith("key: 'kkkk");
        assertThat(report(new ProcessDefinition("hr.leave-2024_v2", "x".repeat(200), null, d.form(), d.nodes(), d.routes())))
                .isEmpty();
    }

    @Test
    void nodesAreRequired() {
        assertThat(report(new ProcessDefinition("leave", null, null, null, null, null)))
                .containsExactly("nodes: is missing; a process needs a start node, an end node and the nodes between them");
        assertThat(report(new ProcessDefinition("leave", null, null, null, List.of(), List.of())))
                .containsExactly("nodes: is empty; a process needs a start node, an end node and the nodes between them");
    }

    @Test
    void exactlyOneStartAndAtLeastOneEnd() {
        ProcessDefinition noStartNoEnd = new ProcessDefinition("p", null, null, null,
                List.of(approval("a", ApproverRule.role("hr"))), List.of());
        assertThat(report(noStartNoEnd)).containsExactly(
                "nodes: has no start node; add exactly one node of type start",
                "nodes: has no end node; add at least one node of type end",
                "nodes[0]: has no outgoing route; an approval node needs exactly one");

        ProcessDefinition twoStarts = edit(leave(), n -> n.add(new Node.Start("start2", null, null)),
                r -> r.add(Route.of("start2", "manager")));
        assertThat(report(twoStarts)).containsExactly(
                "nodes[5]: is a second start node (the first is 'start'); a process has exactly one start node",
                "nodes[5]: cannot be reached from the start node");
    }

    @Test
    void nodeIdsAreRequiredShapedAndUnique() {
        ProcessDefinition d = edit(leave(), n -> {
            n.add(new Node.End(null, null, null));
            n.add(new Node.End("bad id", null, null));
            n.add(new Node.End("approved", null, null));
            n.add(new Node.End("x".repeat(65), "y".repeat(201), null));
        }, r -> {
        });
        assertThat(report(d)).containsExactly(
                "nodes[5].id: is required: letters, digits, '_', '-', at most 64",
                "nodes[6].id: 'bad id' is not a valid node id: use letters, digits, '_', '-', at most 64",
                "nodes[7].id: 'approved' is already the id of nodes[4]; node ids must be unique",
                "nodes[8].id: '" + "x".repeat(65) + "' is not a valid node id: use letters, digits, '_', '-', at most 64",
                "nodes[8].name: is 201 characters long; at most 200 are allowed",
                "nodes[6]: cannot be reached from the start node",
                "nodes[8]: cannot be reached from the start node");
    }

    // ---- routes ----------------------------------------------------------------------------------

    @Test
    void routesNameExistingNodes() {
        ProcessDefinition d = routes(leave(), r -> {
            r.set(4, Route.of("director", "aproved"));
            r.add(new Route(null, " ", null, null, null));
        });
        assertThat(report(d)).containsExactly(
                "routes[4].to: names no node 'aproved'; did you mean 'approved'?",
                "routes[5].from: is required: a node id",
                "routes[5].to: is required: a node id",
                "nodes[3]: has no outgoing route; an approval node needs exactly one (follows from routes[4].to; fix that first)");
    }

    @Test
    void noRouteOutOfAnEndOrIntoTheStartNoSelfLoopNoDuplicate() {
        ProcessDefinition d = routes(leave(), r -> {
            r.add(Route.of("approved", "manager"));
            r.add(Route.of("manager", "start"));
            r.add(Route.of("director", "director"));
            r.add(Route.of("director", "approved"));
        });
        assertThat(report(d)).containsExactly(
                "nodes[1]: has 2 outgoing routes; an approval node needs exactly one",
                "nodes[3]: has 3 outgoing routes; an approval node needs exactly one",
                "routes[5].from: leaves end node 'approved'; an end node has no outgoing routes",
                "routes[6].to: enters start node 'start'; nothing may route into the start node",
                "routes[7]: goes from 'director' to itself; loop back through an exclusive node instead",
                "routes[8]: repeats routes[4] (same from, to and condition); remove one",
                "nodes[0]: is on a loop ('start', 'manager') that passes no exclusive node;"
                        + " loop back through an exclusive node that decides whether to go round again");
    }

    @Test
    void startHasOneUnconditionalRoute() {
        ProcessDefinition d = routes(leave(), r -> r.set(0, new Route("start", "manager", "form.days > 1", true, null)));
        assertThat(report(d)).containsExactly(
                "routes[0].condition: is not allowed: only routes leaving an exclusive or inclusive node have conditions,"
                        + " and 'start' is a start node",
                "routes[0].isDefault: is not allowed: only routes leaving an exclusive or inclusive node can be the"
                        + " default, and 'start' is a start node");
        assertThat(report(routes(leave(), r -> r.remove(0)))).containsExactly(
                "nodes[0]: has no outgoing route; a start node needs exactly one",
                "nodes[1]: cannot be reached from the start node (follows from nodes[0]; fix that first)",
                "nodes[2]: cannot be reached from the start node (follows from nodes[0]; fix that first)",
                "nodes[3]: cannot be reached from the start node (follows from nodes[0]; fix that first)",
                "nodes[4]: cannot be reached from the start node (follows from nodes[0]; fix that first)");
    }

    // ---- exclusive, inclusive, parallel ---------------------------------------------------------

    @Test
    void exclusiveRoutes() {
        ProcessDefinition d = routes(leave(), r -> {
            r.set(2, Route.of("long", "director"));                             // no condition
            r.add(new Route("long", "director", "form.days > 9", true, null));  // second default, with a condition
        });
        assertThat(report(d)).containsExactly(
                "routes[2].condition: is required on a route leaving exclusive node 'long' (or mark the route isDefault)",
                "routes[5].condition: is not allowed on a default route; remove it or isDefault",
                "routes[5].isDefault: is a second default route out of 'long' (the first is routes[3]);"
                        + " a split has at most one default route");
        assertThat(report(routes(leave(), r -> r.remove(3)))).containsExactly(
                "nodes[2]: has one outgoing route; an exclusive node needs at least two, or a single default route");
        assertThat(report(routes(leave(), r -> r.remove(2)))).containsExactly(
                "nodes[3]: cannot be reached from the start node");
    }

    @Test
    void conditionsAreCheckedAndTheirFormFieldsExist() {
        ProcessDefinition d = routes(leave(), r -> {
            r.set(2, Route.when("long", "director", "form.dayz > 3 !! form.days < 1 || form['reson'] == '' || form.dayz > 9"));
            r.add(Route.when("long", "director", "  "));
        });
        assertThat(report(d)).containsExactly(
                "routes[2].condition: syntax error at '!!'",
                "routes[2].condition: form field 'dayz' is not defined in the form",
                "routes[2].condition: form field 'reson' is not defined in the form",
                "routes[5].condition: is blank; write an expression such as form.days > 3");
        assertThat(DefinitionValidator.formReferences("platform.x > 1 && has(form.a) && form . b == form[\"c\"] && x.form.d"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void conditionsWithoutAForm() {
        ProcessDefinition d = leave();
        d = new ProcessDefinition(d.key(), d.name(), null, null, d.nodes(), d.routes());
        assertThat(report(d)).containsExactly(
                "routes[2].condition: form field 'days' is used but the process has no form");
    }

    @Test
    void parallelNeedsTwoUnconditionalRoutes() {
        ProcessDefinition d = ProcessDefinition.builder("p").form(leaveForm())
                .start("s").parallel("p1").approval("a", a -> a.approver(ApproverRule.role("x"))).join("j", "p1").end("e")
                .chain("s", "p1").when("p1", "a", "form.days > 1").chain("a", "j", "e").build();
        assertThat(report(d)).containsExactly(
                "nodes[1]: has one outgoing route; a parallel node needs at least two",
                "routes[1].condition: is not allowed: only routes leaving an exclusive or inclusive node have"
                        + " conditions, and 'p1' is a parallel node");
    }

    // ---- approval nodes --------------------------------------------------------------------------

    @Test
    void everyApproverRuleIsChecked() {
        List<ApproverRule> rules = List.of(
                new ApproverRule.Users(List.of()),
                new ApproverRule.Users(List.of("u1", " ")),
                new ApproverRule.Role(" "),
                new ApproverRule.Manager(0),
                new ApproverRule.Manager(21),
                new ApproverRule.ManagerChain(0, null),
                new ApproverRule.ManagerChain(2, "vp"),
                new ApproverRule.ManagerChain(30, null),
                new ApproverRule.InitiatorChooses(0, 0),
                new ApproverRule.InitiatorChooses(3, 2),
                new ApproverRule.InitiatorChooses(1, 51),
                new ApproverRule.FormField("nobody"),
                new ApproverRule.FormField("reason"),
                new ApproverRule.FormField(null),
                new ApproverRule.DepartmentHead("deputy"),
                new ApproverRule.DepartmentHead("nowhere"),
                new ApproverRule.Custom("crm-owner", null));
        ProcessDefinition d = replaceNode(leave(), 1, new Node.Approval("manager", null, null, rules, null, null,
                null, null, null, null, null, null, null));
        String p = "nodes[1].approvers";
        assertThat(report(d)).containsExactly(
                p + "[0].ids: is empty; list at least one user id",
                p + "[1].ids[1]: is blank; give a user id",
                p + "[2].code: is required: the role's code",
                p + "[3].level: is 0; use 1 (the direct manager) to 20",
                p + "[4].level: is 21; use 1 (the direct manager) to 20",
                p + "[5]: gives neither upToLevel nor upToRole; give exactly one",
                p + "[6]: gives both upToLevel and upToRole; give exactly one",
                p + "[7].upToLevel: is 30; use 1 to 20",
                p + "[8].min: is 0; the initiator chooses at least 1 user",
                p + "[8].max: is 0; use a number from min (0) to 50",
                p + "[9].max: is 2; use a number from min (3) to 50",
                p + "[10].max: is 51; use a number from min (1) to 50",
                p + "[11].key: form field 'nobody' referenced but not defined in the form",
                p + "[12].key: form field 'reason' is a text field; it must be a user field or a multiSelect of user ids",
                p + "[13].key: is required: the key of a user field of the form",
                p + "[14].formField: form field 'deputy' is a user field; it must be a department field",
                p + "[15].formField: form field 'nowhere' referenced but not defined in the form",
                p + "[16].resolver: names no registered approver resolver 'crm-owner' (registered: cost-center);"
                        + " install the plugin that contributes it");
    }

    @Test
    void nestedTableColumnsAreNotTopLevelFields() {
        ProcessDefinition d = replaceNode(leave(), 1, approval("manager", ApproverRule.formField("to")));
        assertThat(report(d)).containsExactly(
                "nodes[1].approvers[0].key: form field 'to' referenced but not defined in the form");
    }

    @Test
    void approversAreRequired() {
        assertThat(report(replaceNode(leave(), 1, approval("manager")))).containsExactly(
                "nodes[1].approvers: is empty; add at least one approver rule");
        assertThat(report(replaceNode(leave(), 1, new Node.Approval("manager", null, null, null, null, null, null,
                null, null, null, null, null, null)))).containsExactly(
                "nodes[1].approvers: is missing; add at least one approver rule");
    }

    @Test
    void voteOnEmptyAndSeparation() {
        List<ApproverRule> role = List.of(ApproverRule.role("hr"));
        ProcessDefinition d = edit(leave(), n -> {
            n.set(1, new Node.Approval("manager", null, ApprovalMode.VOTE, role, BigDecimal.ZERO, null,
                    Node.NoApprover.USER, " ", null, null, List.of("manager", "nobody", "long", "director"), null, null));
            n.set(3, new Node.Approval("director", null, ApprovalMode.ALL, role, new BigDecimal("0.5"), true,
                    Node.NoApprover.SKIP, "u1", null, null, null, null, null));
        }, null);
        assertThat(report(d)).containsExactly(
                "nodes[1].passRatio: is 0; a VOTE node needs a pass ratio above 0 and at most 1, e.g. 0.5",
                "nodes[1].emptyUser: is required when onEmpty is USER: the user who gets the task",
                "nodes[1].separateFrom[0]: names the node itself; name other approval nodes",
                "nodes[1].separateFrom[1]: names no node 'nobody'",
                "nodes[1].separateFrom[2]: names 'long', which is not an approval node",
                "nodes[3].passRatio: is only used with mode VOTE (the mode is ALL); remove it",
                "nodes[3].veto: is only used with mode VOTE (the mode is ALL); remove it",
                "nodes[3].emptyUser: is only used when onEmpty is USER (it is SKIP); remove it");
        ProcessDefinition tooHigh = replaceNode(leave(), 1, new Node.Approval("manager", null, ApprovalMode.VOTE, role,
                new BigDecimal("1.01"), null, null, null, null, null, null, null, null));
        assertThat(report(tooHigh)).containsExactly(
                "nodes[1].passRatio: is 1.01; a VOTE node needs a pass ratio above 0 and at most 1, e.g. 0.5");
        ProcessDefinition one = replaceNode(leave(), 1, new Node.Approval("manager", null, ApprovalMode.VOTE, role,
                BigDecimal.ONE, true, null, null, null, null, null, null, null));
        assertThat(report(one)).isEmpty();
    }

    /** A ratio like 1e-100000000 is refused by its size, never written out (that took minutes on one core). */
    @Test
    void votePassRatioBeyondTheDecimalLimits() {
        List<ApproverRule> role = List.of(ApproverRule.role("hr"));
        for (String ratio : List.of("1e-100000000", "1e100000000", "0.000000000000000000001")) {
            ProcessDefinition d = replaceNode(leave(), 1, new Node.Approval("manager", null, ApprovalMode.VOTE, role,
                    new BigDecimal(ratio), null, null, null, null, null, null, null, null));
            assertThat(report(d)).as(ratio).singleElement().asString()
                    .startsWith("nodes[1].passRatio: ").contains("at most").endsWith("a VOTE node needs a pass ratio above 0 and at most 1, e.g. 0.5");
        }
    }

    @Test
    void fieldAccessNamesFormFields() {
        ProcessDefinition d = edit(leave(), n -> {
            n.set(0, new Node.Start("start", null, Map.of("days", FieldAccess.REQUIRED, "dayz", FieldAccess.EDITABLE)));
            n.set(3, new Node.Approval("director", null, null, List.of(ApproverRule.role("d")), null, null, null,
                    null, null, null, null, null, Map.of("to", FieldAccess.HIDDEN, "reason", FieldAccess.EDITABLE)));
        }, null);
        assertThat(report(d)).containsExactly(
                "nodes[0].fields.dayz: form field 'dayz' referenced but not defined in the form",
                "nodes[3].fields.to: form field 'to' referenced but not defined in the form");
    }

    // ---- cc, service, subprocess ----------------------------------------------------------------

    @Test
    void ccServiceAndSubprocess() {
        ProcessDefinition d = ProcessDefinition.builder("leave").form(leaveForm())
                .start("s")
                .node(new Node.Cc("cc", null, List.of()))
                .node(new Node.Cc("cc2", null, List.of(ApproverRule.manager(99))))
                .node(new Node.Service("svc", null, "mailer", null, 0))
                .node(new Node.Service("svc2", null, null, null, 101))
                .node(new Node.SubProcess("sub", null, "leave", null))
                .node(new Node.SubProcess("sub2", null, null, null))
                .node(new Node.SubProcess("sub3", null, "bad key", null))
                .end("e")
                .chain("s", "cc", "cc2", "svc", "svc2", "sub", "sub2", "sub3", "e")
                .build();
        assertThat(report(d)).containsExactly(
                "nodes[1].recipients: is empty; add at least one recipient rule",
                "nodes[2].recipients[0].level: is 99; use 1 (the direct manager) to 20",
                "nodes[3].handler: names no registered service task handler 'mailer' (registered: archive);"
                        + " install the plugin that contributes it",
                "nodes[3].maxAttempts: is 0; use 1 to 100",
                "nodes[4].handler: is required: the id of a service task handler",
                "nodes[4].maxAttempts: is 101; use 1 to 100",
                "nodes[5].process: starts this process 'leave' again; a process cannot start itself",
                "nodes[6].process: is required: the key of the process to start",
                "nodes[7].process: 'bad key' is not a valid process key");
    }

    @Test
    void nullRegistriesSkipThoseChecks() {
        ProcessDefinition d = ProcessDefinition.builder("x").start("s")
                .node(new Node.Service("svc", null, "anything", null, null))
                .approval("a", a -> a.approver(new ApproverRule.Custom("anyone", null)))
                .exclusive("x").end("e").end("e2")
                .chain("s", "svc", "a", "x").when("x", "e", "!!").otherwise("x", "e2").build();
        assertThat(new DefinitionValidator().problems(d, null, null, null)).isEmpty();
        assertThat(new DefinitionValidator().problems(d, Definitions.CONDITIONS, Set.of(), Set.of()))
                .extracting(Problem::path)
                .containsExactly("nodes[1].handler", "nodes[2].approvers[0].resolver", "routes[3].condition");
    }

    // ---- graph -----------------------------------------------------------------------------------

    @Test
    void unreachableNodesAndNodesWithoutAPathToAnEnd() {
        ProcessDefinition d = edit(leave(), n -> {
            n.add(approval("orphan", ApproverRule.role("x")));
            n.add(approval("lost", ApproverRule.role("x")));
            n.add(approval("spin", ApproverRule.role("x")));
        }, r -> {
            r.add(Route.of("orphan", "approved"));
            r.add(Route.of("director", "lost"));    // director now has two routes
            r.add(Route.of("lost", "spin"));
            r.add(Route.of("spin", "lost"));
        });
        assertThat(report(d)).containsExactly(
                "nodes[3]: has 2 outgoing routes; an approval node needs exactly one",
                "nodes[5]: cannot be reached from the start node",
                "nodes[6]: has no path to an end node: it is on the cycle 'lost' → 'spin' → 'lost',"
                        + " which no route leaves towards an end",
                "nodes[7]: has no path to an end node: it is on the cycle 'lost' → 'spin' → 'lost',"
                        + " which no route leaves towards an end");
    }

    @Test
    void aCycleWithNoEndIsNamedNodeByNodeInRouteOrder() {
        ProcessDefinition d = new ProcessDefinition("spin", null, null, null, List.of(
                new Node.Start("start", null, null), approval("a", ApproverRule.role("x")),
                approval("b", ApproverRule.role("x")), new Node.Exclusive("again", null)),
                List.of(Route.of("start", "a"), Route.of("a", "b"), Route.of("b", "again"),
                        Route.when("again", "a", "true"), Route.otherwise("again", "b")));
        assertThat(report(d)).first().asString().isEqualTo(
                "nodes: has no end node, and the route goes round the cycle 'a' → 'b' → 'again' → 'a' for ever;"
                        + " add at least one node of type end and a way out of that cycle");
    }

    @Test
    void reworkLoopsThroughAnExclusiveAreAllowed() {
        ProcessDefinition d = ProcessDefinition.builder("rework").form(leaveForm())
                .start("start")
                .approval("fix", a -> a.approver(ApproverRule.formField("deputy")))
                .approval("review", a -> a.approver(ApproverRule.manager(1)))
                .exclusive("ok")
                .end("done")
                .chain("start", "fix", "review", "ok")
                .when("ok", "fix", "form.days > 10").otherwise("ok", "done")
                .build();
        assertThat(report(d)).isEmpty();
    }

    @Test
    void loopsThroughASplitWithoutAnExclusiveAreRejected() {
        ProcessDefinition d = ProcessDefinition.builder("spin").form(leaveForm())
                .start("start").parallel("p").approval("x", a -> a.approver(ApproverRule.role("r")))
                .approval("y", a -> a.approver(ApproverRule.role("r"))).join("j", "p").end("e")
                .chain("start", "p", "x", "p").chain("p", "y", "j", "e")
                .build();
        assertThat(report(d)).containsExactly(
                "routes[1]: is a branch of split 'p' that never reaches its join 'j'",
                "nodes[1]: is on a loop ('p', 'x') that passes no exclusive node;"
                        + " loop back through an exclusive node that decides whether to go round again");
    }

    @Test
    void joinsNameTheirSplit() {
        ProcessDefinition d = ProcessDefinition.builder("j").form(leaveForm())
                .start("start").parallel("p")
                .approval("a", a -> a.approver(ApproverRule.role("r")))
                .approval("b", a -> a.approver(ApproverRule.role("r")))
                .join("j", "a")
                .join("j2", null)
                .join("j3", "nowhere")
                .end("e")
                .chain("start", "p").chain("p", "a", "j", "j2", "j3", "e").chain("p", "b", "j")
                .build();
        assertThat(report(d)).containsExactly(
                "nodes[4].split: names 'a', which is not a parallel or inclusive node",
                "nodes[5].split: is required: the id of the parallel or inclusive node whose branches this join joins",
                "nodes[6].split: names no node 'nowhere'",
                "nodes[1]: has no join; add a join node with split: p");
    }

    @Test
    void aSplitHasExactlyOneJoin() {
        ProcessDefinition d = ProcessDefinition.builder("j").form(leaveForm())
                .start("start").parallel("p")
                .approval("a", a -> a.approver(ApproverRule.role("r")))
                .approval("b", a -> a.approver(ApproverRule.role("r")))
                .join("j1", "p").join("j2", "p").end("e")
                .chain("start", "p").chain("p", "a", "j1", "j2", "e").chain("p", "b", "j1")
                .build();
        assertThat(report(d)).containsExactly(
                "nodes[1]: is joined by 2 join nodes ('j1', 'j2'); a split has exactly one join");
    }

    @Test
    void branchesReachTheirJoinBeforeAnEnd() {
        ProcessDefinition d = ProcessDefinition.builder("b").form(leaveForm())
                .start("start").inclusive("i")
                .approval("a", a -> a.approver(ApproverRule.role("r")))
                .exclusive("x")
                .approval("b", a -> a.approver(ApproverRule.role("r")))
                .approval("outsider", a -> a.approver(ApproverRule.role("r")))
                .join("j", "i").end("e").rejectEnd("no")
                .route("start", "i")
                .when("i", "a", "form.days > 1").otherwise("i", "b")
                .route("a", "x").when("x", "no", "form.days > 100").otherwise("x", "j")
                .route("b", "e")
                .route("outsider", "j")
                .route("j", "e")
                .build();
        assertThat(report(d)).containsExactly(
                "nodes[5]: cannot be reached from the start node",
                "routes[1]: is a branch of split 'i' that ends at 'no' before join 'j'",
                "routes[2]: is a branch of split 'i' that never reaches its join 'j'",
                "routes[2]: is a branch of split 'i' that ends at 'e' before join 'j'",
                "routes[7]: enters join 'j' from 'outsider', which is not on a branch of split 'i'"
                        + " (join without a matching branch) (follows from nodes[5]; fix that first)");
    }

    // ---- the whole report ------------------------------------------------------------------------

    @Test
    void everyProblemAtOnceInAStableOrder() {
        ProcessDefinition d = edit(leave(), n -> n.set(1, approval("manager", ApproverRule.manager(0))), r -> {
            r.set(2, Route.when("long", "director", "form.dayz > 3"));
            r.set(4, Route.of("director", "nowhere"));
        });
        d = new ProcessDefinition("bad key", d.name(), null, d.form(), d.nodes(), d.routes());
        List<String> expected = List.of(
                "key: 'bad key' is not a valid process key: use letters, digits, '_', '.', '-', at most 64",
                "nodes[1].approvers[0].level: is 0; use 1 (the direct manager) to 20",
                "routes[2].condition: form field 'dayz' is not defined in the form",
                "routes[4].to: names no node 'nowhere'",
                "nodes[3]: has no outgoing route; an approval node needs exactly one (follows from routes[4].to; fix that first)");
        assertThat(report(d)).containsExactlyElementsOf(expected);
        ProcessDefinition same = d;
        IntStream.range(0, 20).parallel().forEach(i -> assertThat(report(same)).containsExactlyElementsOf(expected));

        assertThatThrownBy(() -> Definitions.VALIDATOR.validate(same, Definitions.CONDITIONS, Set.of(), Set.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-WF/DEFINITION_INVALID");
                    assertThat(e.getMessage()).contains("Invalid process definition 'bad key' (5 problems)");
                    assertThat(e.problems()).hasSize(5);
                    assertThat(e.paths()).startsWith("key", "nodes[1].approvers[0].level");
                });
    }

    @Test
    void validateAcceptsAValidDefinition() {
        Definitions.VALIDATOR.validate(Definitions.rich(), Definitions.CONDITIONS, Definitions.RESOLVERS,
                Definitions.HANDLERS);
    }
}
