package dev.oakit.workflow.queries;

import dev.oakit.core.ConflictException;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.PreviewApprover;
import dev.oakit.workflow.PreviewStep;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitionBuilder;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowFixture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route preview runs the engine's own decider: for random definitions (approval nodes of every
 * mode with every kind of approver rule, initiator rule, empty-node fallback, de-duplication and
 * separation of duties; cc nodes; exclusive branches on the form; parallel and inclusive branches
 * whose join waits for all or passes on the first N, closing the others' tasks) and random
 * forms and initiators, the route the preview predicts is the route the engine then takes when
 * every approver approves their task in the order the tasks opened: the same approval nodes in the
 * same order with the same people given a task (or approving automatically), the same nodes
 * skipped and cc'd, the same end, or the same failure at the same place.
 */
class RoutePreviewPropertiesTest {
    private static final List<String> PEOPLE = List.of("bob", "carol", "dave", "erin", "fay", "alice", "zhao");
    private static final List<String> INITIATORS = List.of("alice", "dave", "bob", "erin");
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final dev.oakit.workflow.SharedH2 H2 = new dev.oakit.workflow.SharedH2();
    private static WorkflowFixture f;

    /** The engine on H2 (the preview decides in memory; the engine's writes are tested on every database elsewhere). */
    private static synchronized WorkflowFixture fixture() throws SQLException {
        f = H2.fixture();
        return f;
    }

    @AfterContainer
    static void close() throws Exception {
        H2.close();
    }

    @Property(tries = 300)
    void thePreviewsRouteIsTheRouteTheEngineTakesWhenEveryApproverApproves(@ForAll long seed) throws SQLException {
        WorkflowFixture fx = fixture();
        Random rnd = new Random(seed);
        ProcessDefinition d = new Generator(rnd).definition("pv" + KEYS.incrementAndGet());
        fx.definitions.deploy(fx.admin, d);
        String initiator = INITIATORS.get(rnd.nextInt(INITIATORS.size()));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("type", rnd.nextBoolean() ? "annual" : "sick");
        form.put("days", List.of(1, 2, 3.5, 5, 10).get(rnd.nextInt(5)));
        String reviewer = List.of("", "carol", "dave", "alice").get(rnd.nextInt(4));
        if (!reviewer.isEmpty()) {
            form.put("reviewer", reviewer);
        }
        StartRequest request = StartRequest.of(d.key(), form);

        RoutePreview preview = fx.queries.preview(user(initiator), request);
        Route predicted = Route.of(preview);
        Route taken = Route.run(fx, initiator, request);

        net.jqwik.api.statistics.Statistics.label("route").collect(taken.failure() != null ? "fails " + taken.failure()
                : taken.end() == null ? "runs on" : taken.end().startsWith("rejected") ? "ends rejected" : "ends approved");
        net.jqwik.api.statistics.Statistics.label("joins").collect(d.nodes().stream().anyMatch(n -> n instanceof Node.Join j
                && j.first() != null) ? "of the first N" : d.nodes().stream().anyMatch(Node.Join.class::isInstance) ? "of all" : "none");
        net.jqwik.api.statistics.Statistics.label("approval nodes with tasks").collect(Math.min(taken.approvals().size(), 5));
        String context = "seed " + seed + ", initiator " + initiator + ", form " + form + "\n" + d.toJson() + "\npreview " + preview.steps();
        assertThat(taken.failure()).as(context).isEqualTo(predicted.failure());
        if (taken.failure() == null) {
            assertThat(taken.approvals()).as(context).isEqualTo(predicted.approvals());
            assertThat(taken.skipped()).as(context).isEqualTo(predicted.skipped());
            assertThat(taken.copied()).as(context).isEqualTo(predicted.copied());
            assertThat(taken.end()).as(context).isEqualTo(predicted.end());
        } else {
            // the command that failed wrote nothing: the engine's route is the preview's up to the failing decision
            // (where approvers queued in a SEQUENTIAL node did not get to their turn)
            List<String> nodes = List.copyOf(taken.approvals().keySet());
            assertThat(prefix(List.copyOf(predicted.approvals().keySet()), nodes.size())).as(context).isEqualTo(nodes);
            taken.approvals().forEach((node, people) -> assertThat(predicted.approvals().get(node)).as(context).containsAll(people));
            assertThat(prefix(predicted.skipped(), taken.skipped().size())).as(context).isEqualTo(taken.skipped());
        }
    }

    private static List<String> prefix(List<String> list, int size) {
        return list.subList(0, Math.min(size, list.size()));
    }

    /**
     * A route: the approval nodes where someone got a task or approved automatically (in the order
     * the nodes were entered, with those people, sorted), the nodes skipped for want of approvers,
     * the cc nodes, the end node reached, or the code of the failure that stopped the route.
     */
    record Route(Map<String, List<String>> approvals, List<String> skipped, List<String> copied, String end, String failure) {

        static Route of(RoutePreview p) {
            Map<String, List<String>> approvals = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            List<String> copied = new ArrayList<>();
            String end = null;
            String failure = null;
            for (PreviewStep s : p.steps()) {
                String note = s.note() == null ? "" : s.note();
                if (s.type().equals("approval") && !s.approvers().isEmpty()) {
                    approvals.put(s.nodeId(), s.approvers().stream().map(PreviewApprover::userId).sorted().toList());
                }
                if (note.contains("will be skipped")) {
                    skipped.add(s.nodeId());
                }
                if (s.type().equals("cc")) {
                    copied.add(s.nodeId());
                }
                if (s.type().equals("end")) {
                    end = s.nodeId();
                }
                if (note.contains("OA-WF/NO_APPROVER")) {
                    failure = "OA-WF/NO_APPROVER";
                }
            }
            return new Route(approvals, skipped, copied, failure == null ? end : null, failure);
        }

        /** Starts an instance and approves its first open task by its assignee until it ends (or a command fails). */
        static Route run(WorkflowFixture f, String initiator, StartRequest request) {
            long id;
            try {
                id = f.approvals.start(user(initiator), request).id();
            } catch (ConflictException e) {
                return new Route(Map.of(), List.of(), List.of(), null, e.code());
            }
            String failure = null;
            for (int i = 0; i < 200; i++) {
                InstanceDetail detail = f.queries.detail(f.admin, id);
                if (detail.instance().status() != InstanceStatus.RUNNING) {
                    break;
                }
                Task next = detail.tasks().stream().filter(t -> t.status() == TaskStatus.OPEN).min(Comparator.comparingLong(Task::id))
                        .orElseThrow(() -> new AssertionError("instance " + id + " runs without an open task"));
                try {
                    f.approvals.approve(user(next.assigneeId()), next.id(), Decision.none());
                } catch (ConflictException e) {
                    failure = e.code();
                    break;
                }
            }
            InstanceDetail detail = f.queries.detail(f.admin, id);
            Map<String, List<String>> approvals = new LinkedHashMap<>();
            detail.tasks().stream().sorted(Comparator.comparingLong(Task::id))
                    .forEach(t -> approvals.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t.assigneeId()));
            approvals.replaceAll((k, v) -> v.stream().sorted().toList());
            List<String> skipped = nodes(detail, "skipped");
            List<String> copied = nodes(detail, "cc");
            List<String> ended = nodes(detail, "ended");
            return new Route(approvals, skipped, copied, failure == null && !ended.isEmpty() ? ended.get(0) : null, failure);
        }

        private static List<String> nodes(InstanceDetail detail, String action) {
            return detail.timeline().stream().filter(e -> e.action().equals(action)).map(HistoryEntry::nodeId).toList();
        }
    }

    /**
     * Random definitions: a chain of approval and cc nodes, exclusive branches on the form, parallel and inclusive
     * branches joined by all or by the first N.
     */
    private static final class Generator {
        private final Random rnd;
        private final List<String> approvalIds = new ArrayList<>();
        private ProcessDefinitionBuilder b;
        private int next;

        Generator(Random rnd) {
            this.rnd = rnd;
        }

        ProcessDefinition definition(String key) {
            FormSchema form = FormSchema.builder(key).select("type", x -> x.options("annual", "sick")).number("days", x -> x.required())
                    .user("reviewer", x -> { }).build();
            b = ProcessDefinition.builder(key).form(form).start("start").end("end");
            List<String> lasts = List.of("start");
            int segments = 1 + rnd.nextInt(4);
            for (int i = 0; i < segments; i++) {
                lasts = segment(lasts, 0, false);
            }
            for (String last : lasts) {
                b.route(last, "end");
            }
            return b.build();
        }

        private String id(String prefix) {
            return prefix + (++next);
        }

        /**
         * Adds a segment after {@code from} (inside parallel branches: one that reaches the join);
         * returns the nodes the next segment follows.
         */
        private List<String> segment(List<String> from, int depth, boolean inBranch) {
            int kind = rnd.nextInt(10);
            if (kind < 6 || depth > 1) {
                String a = approval();
                from.forEach(x -> b.route(x, a));
                return List.of(a);
            }
            if (kind == 6) {
                String c = id("cc");
                b.cc(c, rnd.nextBoolean() ? ApproverRule.role("director") : ApproverRule.users("erin", "fay"));
                from.forEach(x -> b.route(x, c));
                return List.of(c);
            }
            if (kind < 9) {
                String x = id("x");
                b.exclusive(x);
                from.forEach(y -> b.route(y, x));
                String yes = approval();
                b.when(x, yes, "form.days > " + (1 + rnd.nextInt(6)));
                List<String> lasts = new ArrayList<>(segment(List.of(yes), depth + 1, inBranch));
                if (!inBranch && rnd.nextInt(4) == 0) {
                    String no = id("rejected");
                    b.rejectEnd(no);
                    b.otherwise(x, no);
                } else {
                    String no = approval();
                    b.otherwise(x, no);
                    lasts.addAll(List.of(no));
                }
                return lasts;
            }
            return split(from, depth);
        }

        /**
         * A parallel or inclusive split (the inclusive one's branches on conditions of the form, the first
         * the default) of two or three branches, and its join: of every branch, or of the first N (1: a
         * discriminator).
         */
        private List<String> split(List<String> from, int depth) {
            boolean inclusive = rnd.nextInt(3) == 0;
            String p = id(inclusive ? "i" : "p");
            String j = id("j");
            int branches = 2 + rnd.nextInt(2);
            if (inclusive) {
                b.inclusive(p);
            } else {
                b.parallel(p);
            }
            if (rnd.nextBoolean()) {
                b.join(j, p);
            } else {
                b.join(j, p, 1 + rnd.nextInt(branches));
            }
            from.forEach(y -> b.route(y, p));
            for (int branch = 0; branch < branches; branch++) {
                String first = approval();
                if (!inclusive) {
                    b.route(p, first);
                } else if (branch == 0) {
                    b.otherwise(p, first);
                } else {
                    b.when(p, first, "form.days > " + (1 + rnd.nextInt(6)));
                }
                for (String last : segment(List.of(first), depth + 1, true)) {
                    b.route(last, j);
                }
            }
            return List.of(j);
        }

        private String approval() {
            String id = id("a");
            List<String> earlier = List.copyOf(approvalIds);
            approvalIds.add(id);
            ApprovalMode mode = ApprovalMode.values()[rnd.nextInt(ApprovalMode.values().length)];
            ApproverRule rule = rule();
            Node.InitiatorApprover when = Node.InitiatorApprover.values()[rnd.nextInt(Node.InitiatorApprover.values().length)];
            int empty = rnd.nextInt(10);
            boolean dedupe = rnd.nextInt(3) == 0;
            String separate = !earlier.isEmpty() && rnd.nextInt(4) == 0 ? earlier.get(rnd.nextInt(earlier.size())) : null;
            String ratio = List.of("0.5", "0.6", "1").get(rnd.nextInt(3));
            boolean veto = rnd.nextBoolean();
            Consumer<ProcessDefinitionBuilder.ApprovalBuilder> spec = a -> {
                if (mode == ApprovalMode.VOTE) {
                    a.vote(ratio, veto);
                } else {
                    a.mode(mode);
                }
                a.approver(rule).whenInitiator(when);
                if (empty < 4) {
                    a.onEmpty(Node.NoApprover.SKIP);
                } else if (empty < 7) {
                    a.onEmpty(Node.NoApprover.ADMIN);
                } else if (empty < 9) {
                    a.onEmptyUser(rnd.nextBoolean() ? "zhao" : "alice");
                }
                if (dedupe) {
                    a.dedupe();
                }
                if (separate != null) {
                    a.separateFrom(separate);
                }
            };
            b.approval(id, spec);
            return id;
        }

        private ApproverRule rule() {
            return switch (rnd.nextInt(8)) {
                case 0, 1 -> {
                    LinkedHashSet<String> ids = new LinkedHashSet<>();
                    int n = 1 + rnd.nextInt(3);
                    while (ids.size() < n) {
                        ids.add(PEOPLE.get(rnd.nextInt(PEOPLE.size())));
                    }
                    yield ApproverRule.users(ids.toArray(String[]::new));
                }
                case 2 -> ApproverRule.role(rnd.nextBoolean() ? "finance" : "auditor");
                case 3 -> ApproverRule.role("director");
                case 4 -> ApproverRule.manager(1);
                case 5 -> ApproverRule.manager(2);
                case 6 -> ApproverRule.departmentHead();
                default -> ApproverRule.formField("reviewer");
            };
        }
    }
}
