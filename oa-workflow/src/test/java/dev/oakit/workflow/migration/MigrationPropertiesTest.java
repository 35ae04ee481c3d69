package dev.oakit.workflow.migration;

import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceMigrations;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.MigrationPlan;
import dev.oakit.workflow.MigrationRefusedException;
import dev.oakit.workflow.MigrationReport;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitionBuilder;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.SharedH2;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random pairs of versions (a chain of approval nodes of every mode; the second version drops, renames (mapped or
 * not), inserts or changes nodes) and an instance stopped after a random number of approvals: the dry run accepts
 * exactly when the migration succeeds; an instance whose waiting nodes all keep their mode under the plan is accepted,
 * one waiting at a node without a counterpart is refused naming it; a refused instance is unchanged; and every instance,
 * migrated or not, ends APPROVED when everyone approves.
 */
class MigrationPropertiesTest {
    private static final List<String> PEOPLE = List.of("bob", "carol", "dave", "erin", "fay");
    private static final List<ApprovalMode> MODES = List.of(ApprovalMode.ALL, ApprovalMode.ANY, ApprovalMode.SEQUENTIAL, ApprovalMode.VOTE);
    private static final AtomicInteger KEYS = new AtomicInteger();
    /** The engine on H2 (the writes are tested on every database by InstanceMigrationTest). */
    private static final SharedH2 H2 = new SharedH2();

    @AfterContainer
    static void close() throws Exception {
        H2.close();
    }

    /** One approval node of a chain. */
    private record Step(String id, ApprovalMode mode, List<String> users) {
    }

    private static ProcessDefinition chain(String key, List<Step> steps) {
        ProcessDefinitionBuilder b = ProcessDefinition.builder(key).form(WorkflowFixture.leaveForm()).start("start");
        List<String> ids = new ArrayList<>();
        ids.add("start");
        for (Step s : steps) {
            b.approval(s.id(), a -> a.mode(s.mode()).approver(ApproverRule.users(s.users().toArray(String[]::new))));
            ids.add(s.id());
        }
        ids.add("end");
        return b.end("end").chain(ids.toArray(String[]::new)).build();
    }

    private static Step step(Random rnd, String id) {
        List<String> users = new ArrayList<>(PEOPLE);
        java.util.Collections.shuffle(users, rnd);
        return new Step(id, MODES.get(rnd.nextInt(MODES.size())), List.copyOf(users.subList(0, 1 + rnd.nextInt(3))));
    }

    private static List<Task> open(WorkflowFixture fx, long id) {
        return fx.queries.detail(fx.admin, id).tasks().stream().filter(t -> t.status() == TaskStatus.OPEN).toList();
    }

    /** Approves the first open task; false when there is none. */
    private static boolean approveOne(WorkflowFixture fx, long id) {
        List<Task> tasks = open(fx, id);
        if (tasks.isEmpty()) {
            return false;
        }
        Task t = tasks.get(0);
        fx.approvals.approve(user(t.assigneeId()), t.id(), Decision.none());
        return true;
    }

    @Property(tries = 60)
    void theDryRunAgreesWithTheMigrationAndEveryInstanceStillCompletes(@ForAll long seed) throws SQLException {
        WorkflowFixture fx = H2.fixture();
        InstanceMigrations migrations = fx.oa.service(InstanceMigrations.class);
        Random rnd = new Random(seed);
        String key = "mg" + KEYS.incrementAndGet();
        List<Step> v1 = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
            v1.add(step(rnd, "n" + i));
        }
        fx.definitions.deploy(fx.admin, chain(key, v1));
        long id = fx.start("alice", key, WorkflowFixture.days(1)).id();
        for (int i = rnd.nextInt(4); i > 0 && approveOne(fx, id); i--) {
            // a random number of approvals before the migration
        }
        // the second version: one or two changes
        List<Step> v2 = new ArrayList<>(v1);
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int changes = 1 + rnd.nextInt(2); changes > 0; changes--) {
            int at = rnd.nextInt(v2.size());
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    if (v2.size() > 1) {
                        String removed = v2.remove(at).id();
                        mapping.values().removeIf(removed::equals); // a node renamed before: its mapping goes with it
                    }
                }
                case 1 -> {
                    Step s = v2.get(at);
                    String renamed = s.id() + "r";
                    v2.set(at, new Step(renamed, s.mode(), s.users()));
                    mapping.replaceAll((from, to) -> to.equals(s.id()) ? renamed : to); // renamed twice: n0 -> n0r -> n0rr
                    if (rnd.nextBoolean() && v1.stream().anyMatch(x -> x.id().equals(s.id()))) {
                        mapping.put(s.id(), renamed);
                    }
                }
                case 2 -> v2.set(at, new Step(v2.get(at).id(), MODES.get(rnd.nextInt(MODES.size())), v2.get(at).users()));
                case 3 -> v2.add(at, step(rnd, "x" + changes));
                default -> v2.set(at, step(rnd, v2.get(at).id()));
            }
        }
        if (!fx.definitions.deploy(fx.admin, chain(key, v2)).created()) {
            return; // the changes cancelled out: no second version
        }
        MigrationPlan plan = new MigrationPlan(key, 1, 2, mapping);
        InstanceStatus status = fx.status(id);

        MigrationReport dry = migrations.validate(fx.admin, plan, List.of(id));
        boolean migrated;
        List<MigrationReport.Reason> reasons = List.of();
        try {
            migrations.migrate(fx.admin, plan, id);
            migrated = true;
        } catch (MigrationRefusedException e) {
            migrated = false;
            reasons = e.reasons();
        }

        assertThat(dry.migrated().contains(id)).as("dry run vs migration of %s → %s, plan %s", v1, v2, mapping).isEqualTo(migrated);
        if (status != InstanceStatus.RUNNING) {
            assertThat(migrated).as("an ended instance does not migrate").isFalse();
        } else if (!migrated) {
            // a refusal has a reason: a waiting node without a counterpart (named), or one whose counterpart decides otherwise
            String lost = null;
            boolean modeChanged = false;
            for (String n : fx.queries.detail(fx.admin, id).instance().activeNodes()) {
                String t = mapping.getOrDefault(n, n);
                Step from = v1.stream().filter(s -> s.id().equals(n)).findFirst().orElseThrow();
                Step to = v2.stream().filter(s -> s.id().equals(t)).findFirst().orElse(null);
                lost = to == null ? n : lost;
                modeChanged |= to != null && to.mode() != from.mode();
            }
            assertThat(lost != null || modeChanged).as("refused although every waiting node keeps its mode: %s", reasons).isTrue();
            String node = lost;
            if (node != null) {
                assertThat(reasons).anySatisfy(r -> {
                    assertThat(r.problem()).isEqualTo(MigrationReport.Problem.NO_COUNTERPART);
                    assertThat(r.nodeId()).isEqualTo(node);
                });
            }
        }
        int version = fx.queries.detail(fx.admin, id).instance().processVersion();
        assertThat(version).isEqualTo(migrated ? 2 : 1);
        if (migrated) {
            Set<String> nodes = new LinkedHashSet<>(v2.stream().map(Step::id).toList());
            assertThat(open(fx, id)).extracting(Task::nodeId).allMatch(nodes::contains);
        }
        for (int i = 0; i < 60 && approveOne(fx, id); i++) {
            // everyone approves
        }
        assertThat(fx.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }
}
