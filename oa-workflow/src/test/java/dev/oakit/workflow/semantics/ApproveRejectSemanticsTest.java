package dev.oakit.workflow.semantics;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import org.junit.jupiter.api.DisplayName;

import java.util.List;

import static dev.oakit.core.testing.TestDatabase.Kind.H2;
import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows A1–A10 and R1–R3 of docs/approval-semantics.md. */
class ApproveRejectSemanticsTest {
    @DbTest
    @DisplayName("A1 SEQUENTIAL: approvers act one after the other, the node completes after the last")
    void a1Sequential(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.SEQUENTIAL, "bob", "carol", "dave"));
        assertThat(s.open(id)).containsExactly("bob");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("carol");
        s.approve("carol", id);
        assertThat(s.open(id)).containsExactly("dave");
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        s.approve("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.timeline(id)).extracting(e -> e.action() + ":" + e.actorId())
                .containsExactly("started:alice", "approved:bob", "approved:carol", "approved:dave", "ended:system");
    }

    @DbTest
    @DisplayName("A2 ALL: every approver has a task at once; the node completes only when all approved")
    void a2All(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol", "dave"));
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol", "dave");
        s.approve("carol", id);
        s.approve("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(s.open(id)).containsExactly("dave");
        s.approve("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("A3 ANY: the first approval completes the node and closes the other tasks")
    void a3Any(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ANY, "bob", "carol", "dave"));
        assertThat(s.open(id)).hasSize(3);
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.tasks(id)).filteredOn(t -> !t.assigneeId().equals("carol"))
                .extracting(Task::status, Task::outcome).containsOnly(org.assertj.core.groups.Tuple.tuple(TaskStatus.CANCELLED, "CLOSED_BY_ANY"));
        assertThat(s.f.todos("bob")).isEmpty();
    }

    @DbTest
    @DisplayName("A4 VOTE: passes exactly at the threshold (2 of 4 at 0.5) and closes the other votes")
    void a4VoteThreshold(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.vote("0.5", false).approver(ApproverRule.users("bob", "carol", "dave", "erin"))));
        s.approve("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.tasks(id)).filteredOn(t -> t.status() == TaskStatus.CANCELLED).extracting(Task::outcome)
                .containsOnly("VOTE_DECIDED").hasSize(2);
        assertThat(s.last(id, "vote-passed").detail()).startsWith("2 of 4 approved");
    }

    @DbTest
    @DisplayName("A5 VOTE: fails as soon as the threshold cannot be reached any more")
    void a5VoteFails(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.vote("0.75", false).approver(ApproverRule.users("bob", "carol", "dave", "erin"))));
        s.reject("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING); // 3 of 4 still possible
        s.reject("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.REJECTED); // at most 2 of 4 < 3
        assertThat(s.actions(id)).contains("vote-failed").endsWith("ended");
        assertThat(s.open(id)).isEmpty();
    }

    @DbTest
    @DisplayName("A6 VOTE with veto: one vote against rejects the instance")
    void a6Veto(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.vote("0.5", true).approver(ApproverRule.users("bob", "carol", "dave"))));
        s.reject("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(s.open(id)).isEmpty();
    }

    @DbTest
    @DisplayName("A7 approving someone else's task is forbidden and names the assignee")
    void a7NotAssignee(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        int before = s.actions(id).size();
        assertThatThrownBy(() -> s.f.approvals.approve(u("carol"), t, Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its assignee 'bob' may");
        assertThatThrownBy(() -> s.f.approvals.approve(u("alice"), t, Decision.none()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(s.actions(id)).hasSize(before);
    }

    @DbTest
    @DisplayName("A8 approving a closed task or a task of an ended instance is a conflict")
    void a8Closed(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ANY, "bob", "carol"));
        long bobs = s.task("bob", id).id();
        s.approve("carol", id);
        assertThatThrownBy(() -> s.f.approvals.approve(u("bob"), bobs, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("NOT_RUNNING");
        long id2 = s.f.start("alice", "p", dev.oakit.workflow.WorkflowFixture.days(1)).id();
        long bob2 = s.task("bob", id2).id();
        s.f.approvals.approve(u("bob"), bob2, Decision.none());
        assertThatThrownBy(() -> s.f.approvals.approve(u("bob"), bob2, Decision.none()))
                .isInstanceOf(ConflictException.class);
    }

    @DbTest
    @DisplayName("A9 nothing can be decided on a suspended instance until an administrator resumes it")
    void a9Suspended(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        s.f.approvals.suspend(s.f.admin, id, Decision.none());
        assertThatThrownBy(() -> s.f.approvals.approve(u("bob"), t, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("an administrator must resume it first");
        assertThatThrownBy(() -> s.f.approvals.reject(u("bob"), t, Decision.none())).isInstanceOf(ConflictException.class);
        s.f.approvals.resume(s.f.admin, id, Decision.none());
        s.approve("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("A10 parallel branches: each branch approves on its own; the join waits for every branch")
    void a10Parallel(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.parallel());
        s.approve("dave", id);
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
        s.approve("carol", id);
        assertThat(s.active(id)).containsExactly("a");
        assertThat(s.open(id)).containsExactly("bob");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("zhao");
        s.approve("zhao", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("R1 reject in SEQUENTIAL/ALL/ANY ends the instance REJECTED and cancels every open task")
    void r1Reject(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol", "dave"));
        s.approve("bob", id);
        s.reject("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(s.open(id)).isEmpty();
        assertThat(s.f.todos("dave")).isEmpty();
        assertThat(s.timeline(id)).extracting(e -> e.action() + ":" + e.actorId())
                .containsExactly("started:alice", "approved:bob", "rejected:carol", "ended:system");
        for (ApprovalMode m : List.of(ApprovalMode.SEQUENTIAL, ApprovalMode.ANY)) {
            s.f.definitions.deploy(s.f.admin, dev.oakit.workflow.WorkflowFixture.single("p-" + m.name().toLowerCase(),
                    a -> a.mode(m).approver(ApproverRule.users("bob", "carol"))));
            long other = s.f.start("alice", "p-" + m.name().toLowerCase(), dev.oakit.workflow.WorkflowFixture.days(1)).id();
            s.reject("bob", other);
            assertThat(s.status(other)).as(m.name()).isEqualTo(InstanceStatus.REJECTED);
            assertThat(s.open(other)).isEmpty();
        }
    }

    @DbTest
    @DisplayName("R2 reject in a VOTE node without veto is a vote against; the instance goes on")
    void r2VoteAgainst(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.vote("0.5", false).approver(ApproverRule.users("bob", "carol", "dave"))));
        s.reject("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(s.open(id)).containsExactlyInAnyOrder("carol", "dave");
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING); // 1 of 3 < 1.5
        s.approve("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("R3 rejecting someone else's task is forbidden and names the assignee")
    void r3NotAssignee(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.reject(u("root"), t, Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its assignee 'bob' may");
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
    }
}
