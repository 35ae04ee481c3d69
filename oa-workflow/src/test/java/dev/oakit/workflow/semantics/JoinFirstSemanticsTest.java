package dev.oakit.workflow.semantics;

import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.PreviewApprover;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitionBuilder;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.DisplayName;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows F1–F6 of docs/approval-semantics.md: a join of the first N of its M branches (N = 1: a
 * discriminator) passes when N branches arrived and closes what still runs in the others.
 */
class JoinFirstSemanticsTest {
    private static final List<String> BRANCH_USERS = List.of("bob", "carol", "dave", "erin");
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static TestDatabase memory;
    private static WorkflowFixture shared;

    /** start → split → b0..b(M-1) (one approver each) → join (first N) → after (zhao) → end. */
    static ProcessDefinition firstOf(String key, int branches, Integer first, boolean inclusive) {
        ProcessDefinitionBuilder b = ProcessDefinition.builder(key).form(WorkflowFixture.leaveForm()).start("start");
        b = inclusive ? b.inclusive("split") : b.parallel("split");
        for (int i = 0; i < branches; i++) {
            String user = BRANCH_USERS.get(i);
            b.approval("b" + i, a -> a.approver(ApproverRule.users(user)));
        }
        b = first == null ? b.join("join", "split") : b.join("join", "split", first);
        b.approval("after", a -> a.approver(ApproverRule.users("zhao"))).end("end").route("start", "split");
        for (int i = 0; i < branches; i++) {
            if (inclusive) {
                b.when("split", "b" + i, "form.days > " + i);
            } else {
                b.route("split", "b" + i);
            }
            b.route("b" + i, "join");
        }
        return b.chain("join", "after", "end").build();
    }

    @DbTest
    @DisplayName("F1 first 1 of 3 (discriminator): the first branch to finish passes the join; the others' tasks close CLOSED_BY_JOIN")
    void f1Discriminator(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(firstOf("disc", 3, 1, false));
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol", "dave");
        s.approve("carol", id);
        assertThat(s.open(id)).containsExactly("zhao");
        assertThat(s.tasks(id)).filteredOn(t -> List.of("bob", "dave").contains(t.assigneeId()))
                .extracting(Task::status, Task::outcome).containsOnly(org.assertj.core.groups.Tuple.tuple(TaskStatus.CANCELLED, "CLOSED_BY_JOIN"));
        assertThat(s.last(id, "join-passed").detail()).startsWith("1 of 3 branches of 'split' arrived").contains("b0:bob", "b2:dave");
        s.approve("zhao", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("F2 first 2 of 3: the join waits for a second branch, then closes the third")
    void f2TwoOfThree(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(firstOf("two", 3, 2, false));
        s.approve("dave", id);
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("zhao");
        assertThat(s.last(id, "join-passed").detail()).startsWith("2 of 3 branches").contains("b1:carol");
    }

    @DbTest
    @DisplayName("F3 inclusive split that takes fewer branches than N: the join passes when every branch taken arrived")
    void f3InclusiveTakesFewer(TestDatabase db) {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, firstOf("incl", 3, 2, true));
        long id = s.f.start("alice", "incl", WorkflowFixture.days(1)).id();  // days 1: only b0 (days > 0) holds
        assertThat(s.open(id)).containsExactly("bob");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("zhao");
    }

    @DbTest
    @DisplayName("F4 first must be 1 to M; the preview says when the join passes")
    void f4ValidatorAndPreview(TestDatabase db) {
        Sem s = new Sem(db);
        assertThatThrownBy(() -> s.f.definitions.deploy(s.f.admin, firstOf("bad", 3, 4, false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("nodes[5].first").hasMessageContaining("use 1 (the first branch to arrive) to 3");
        assertThatThrownBy(() -> s.f.definitions.deploy(s.f.admin, firstOf("zero", 2, 0, false)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is 0");
        s.f.definitions.deploy(s.f.admin, firstOf("shown", 3, 1, false));
        RoutePreview p = s.f.queries.preview(user("alice"), StartRequest.of("shown", WorkflowFixture.days(1)));
        assertThat(p.steps()).anySatisfy(step -> assertThat(step.note()).contains("passes when the first 1 branch(es) of 'split'"));
        ProcessDefinition read = ProcessDefinition.fromJson(firstOf("json", 3, 2, false).toJson());
        assertThat(read.toJson()).contains("\"first\":2");
    }

    @DbTest
    @DisplayName("F6 the preview names only the SEQUENTIAL approvers whose turn comes before a first-N join closes their branch")
    void f6PreviewLeavesOutTurnsTheJoinCutsOff(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("cut").form(WorkflowFixture.leaveForm()).start("start").parallel("split")
                .approval("b0", a -> a.mode(ApprovalMode.SEQUENTIAL).approver(ApproverRule.users("bob", "carol", "erin")))
                .approval("b1", a -> a.approver(ApproverRule.users("dave")))
                .join("join", "split", 1).approval("after", a -> a.approver(ApproverRule.users("zhao"))).end("end")
                .chain("start", "split").route("split", "b0").route("split", "b1").route("b0", "join").route("b1", "join")
                .chain("join", "after", "end").build();
        long id = s.run(d);
        RoutePreview p = s.f.queries.preview(user("alice"), StartRequest.of("cut", WorkflowFixture.days(1)));
        // as the preview assumes: each approves in the order the tasks opened (bob, dave, then carol's turn)
        s.approve("bob", id);
        s.approve("dave", id);
        assertThat(s.tasks(id)).filteredOn(t -> t.nodeId().equals("b0")).extracting(Task::assigneeId).containsExactly("bob", "carol");
        assertThat(p.steps()).filteredOn(step -> step.nodeId().equals("b0")).singleElement().satisfies(step -> {
            assertThat(step.approvers()).extracting(PreviewApprover::userId).containsExactly("bob", "carol");
            assertThat(step.note()).contains("[erin] get no turn: join 'join' passes first and closes this branch");
        });
    }

    private static synchronized WorkflowFixture shared() throws SQLException {
        if (shared == null) {
            memory = TestDatabase.open(TestDatabase.Kind.H2);
            shared = new WorkflowFixture(memory.start(b -> b.plugin(new WorkflowPlugin())));
        }
        return shared;
    }

    @AfterContainer
    static void close() throws Exception {
        if (memory != null) {
            memory.close();
        }
    }

    /** F5: for any M, N and order of the branches' approvals, the join passes exactly at the N-th and leaves nothing open behind it. */
    @Property(tries = 40)
    void theJoinPassesAtTheNthBranchAndClosesTheRest(@ForAll @IntRange(min = 2, max = 4) int branches,
                                                     @ForAll @IntRange(min = 1, max = 4) int wanted, @ForAll long seed) throws SQLException {
        int first = Math.min(wanted, branches);
        WorkflowFixture f = shared();
        Sem s = new Sem(f);
        String key = "first" + KEYS.incrementAndGet();
        long id = s.run(firstOf(key, branches, first, false));
        List<String> order = new ArrayList<>(BRANCH_USERS.subList(0, branches));
        Collections.shuffle(order, new Random(seed));
        for (int k = 0; k < first; k++) {
            assertThat(s.open(id)).as("before the join passed").doesNotContain("zhao").hasSize(branches - k);
            s.approve(order.get(k), id);
        }
        assertThat(s.open(id)).as("after %s of %s", first, branches).containsExactly("zhao");
        List<Task> branchTasks = s.tasks(id).stream().filter(t -> t.nodeId().startsWith("b")).toList();
        assertThat(branchTasks).filteredOn(t -> "APPROVED".equals(t.outcome())).hasSize(first);
        assertThat(branchTasks).filteredOn(t -> "CLOSED_BY_JOIN".equals(t.outcome())).hasSize(branches - first)
                .allSatisfy(t -> assertThat(order.subList(0, first)).doesNotContain(t.assigneeId()));
        if (first < branches) {
            assertThat(s.last(id, "join-passed").detail()).startsWith(first + " of " + branches + " branches");
        }
    }
}
