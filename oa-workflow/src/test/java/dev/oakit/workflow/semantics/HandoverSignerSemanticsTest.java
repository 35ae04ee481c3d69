package dev.oakit.workflow.semantics;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.Task;
import org.junit.jupiter.api.DisplayName;

import java.util.List;

import static dev.oakit.core.testing.TestDatabase.Kind.H2;
import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows X1–X3, D1–D2, G1–G5, M1–M4 of docs/approval-semantics.md. */
class HandoverSignerSemanticsTest {
    @DbTest
    @DisplayName("X1 transfer: the task moves to the new assignee, who decides in the actor's place")
    void x1Transfer(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        s.f.approvals.transfer(u("bob"), t, "erin", Decision.comment("on leave"));
        assertThat(s.f.todos("bob")).isEmpty();
        assertThat(s.open(id)).containsExactly("erin");
        assertThatThrownBy(() -> s.f.approvals.approve(u("bob"), t, Decision.none())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only its assignee 'erin' may");
        s.approve("erin", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.timeline(id)).extracting(e -> e.action() + ":" + e.actorId())
                .containsSubsequence("transferred:bob", "approved:erin");
    }

    @DbTest
    @DisplayName("X2 transfer to oneself, to an inactive user or to someone already at the node is refused on toUserId")
    void x2TransferTargets(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        long t = s.task("bob", id).id();
        s.f.directory.deactivateUser(s.f.admin, "hal");
        assertThatThrownBy(() -> s.f.approvals.transfer(u("bob"), t, "bob", Decision.none())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> s.f.approvals.transfer(u("bob"), t, "hal", Decision.none())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("inactive");
        assertThatThrownBy(() -> s.f.approvals.transfer(u("bob"), t, "carol", Decision.none())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ALREADY_ASSIGNED").hasMessageContaining("toUserId: 'carol' already holds task");
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
    }

    @DbTest
    @DisplayName("X3 only the assignee transfers; a delegate may not transfer the owner's task")
    void x3TransferWho(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.transfer(u("carol"), t, "erin", Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its assignee 'bob' may");
        s.f.approvals.delegate(u("bob"), t, "dave", Decision.none());
        assertThatThrownBy(() -> s.f.approvals.transfer(u("dave"), t, "erin", Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("the owner decides");
        assertThat(s.open(id)).containsExactly("dave");
    }

    @DbTest
    @DisplayName("X4 a task cannot be handed to someone who already decided at the node in this round (no double vote)")
    void x4NoDoubleVote(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.vote("0.6", false).approver(dev.oakit.workflow.ApproverRule.users("bob", "carol", "dave", "erin"))));
        s.approve("erin", id);
        long dave = s.task("dave", id).id();
        assertThatThrownBy(() -> s.f.approvals.transfer(u("dave"), dave, "erin", Decision.none()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ALREADY_ASSIGNED").hasMessageContaining("already decided");
        assertThatThrownBy(() -> s.f.approvals.delegate(u("dave"), dave, "erin", Decision.none())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> s.f.approvals.addSigner(u("dave"), dave, SignerPosition.PARALLEL, List.of("erin"), Decision.none()))
                .isInstanceOf(ValidationException.class);
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol", "dave");
    }

    @DbTest
    @DisplayName("D1 delegate + resolve: the delegate works on the task, it comes back to the owner who decides")
    void d1Delegate(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        s.f.approvals.delegate(u("bob"), t, "dave", Decision.comment("please check"));
        Task delegated = s.task("dave", id);
        assertThat(delegated.ownerId()).isEqualTo("bob");
        assertThat(s.f.todos("bob")).isEmpty();
        assertThatThrownBy(() -> s.f.approvals.approve(u("dave"), t, Decision.none())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("the owner decides");
        assertThatThrownBy(() -> s.f.approvals.reject(u("dave"), t, Decision.none())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.f.approvals.addSigner(u("dave"), t, SignerPosition.PARALLEL, List.of("erin"), Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("the owner 'bob' may");
        s.f.approvals.resolve(u("dave"), t, Decision.comment("checked"));
        assertThat(s.task("bob", id).ownerId()).isNull();
        s.approve("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.timeline(id)).extracting(e -> e.action() + ":" + e.actorId())
                .containsExactly("started:alice", "delegated:bob", "resolved:dave", "approved:bob", "ended:system");
    }

    @DbTest
    @DisplayName("D2 a delegated task cannot be delegated again; a task that is not delegated cannot be resolved")
    void d2DelegateGuards(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.resolve(u("bob"), t, Decision.none())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("NOT_DELEGATED");
        s.f.approvals.delegate(u("bob"), t, "dave", Decision.none());
        assertThatThrownBy(() -> s.f.approvals.delegate(u("dave"), t, "erin", Decision.none())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already delegated");
        assertThatThrownBy(() -> s.f.approvals.resolve(u("bob"), t, Decision.none())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only its assignee 'dave' may");
    }

    @DbTest
    @DisplayName("G1 addSigner BEFORE: the actor's task waits until the added signers approved, then reopens")
    void g1Before(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        long t = s.task("bob", id).id();
        s.f.approvals.addSigner(u("bob"), t, SignerPosition.BEFORE, List.of("dave", "erin"), Decision.none());
        assertThat(s.waiting(id)).containsExactly("bob");
        assertThat(s.open(id)).containsExactlyInAnyOrder("dave", "erin");
        assertThatThrownBy(() -> s.f.approvals.approve(u("bob"), t, Decision.none())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("TASK_WAITING");
        s.approve("dave", id);
        assertThat(s.waiting(id)).containsExactly("bob");
        s.approve("erin", id);
        assertThat(s.open(id)).containsExactly("bob");
        assertThat(s.actions(id)).contains("signer-added", "reopened");
        s.approve("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("G2 addSigner AFTER: the actor approves now; the node completes only after the added signer approved")
    void g2After(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ANY, "bob", "carol"));
        s.f.approvals.addSigner(u("bob"), s.task("bob", id).id(), SignerPosition.AFTER, List.of("zhao"), Decision.none());
        assertThat(s.open(id)).containsExactly("zhao"); // ANY: carol's task closed by bob's approval
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        s.approve("zhao", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.timeline(id)).extracting(e -> e.action() + ":" + e.actorId())
                .containsSubsequence("signer-added:bob", "approved:bob", "approved:zhao");
    }

    @DbTest
    @DisplayName("G3 addSigner PARALLEL: the signer decides alongside; an ALL node needs them too")
    void g3Parallel(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        s.f.approvals.addSigner(u("bob"), s.task("bob", id).id(), SignerPosition.PARALLEL, List.of("dave"), Decision.none());
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "dave");
        s.approve("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        s.approve("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("G4 addSigner AFTER in a SEQUENTIAL node: the next approver waits for the added signer")
    void g4AfterInSequential(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.SEQUENTIAL, "bob", "carol"));
        s.f.approvals.addSigner(u("bob"), s.task("bob", id).id(), SignerPosition.AFTER, List.of("zhao"), Decision.none());
        assertThat(s.open(id)).containsExactly("zhao");
        s.approve("zhao", id);
        assertThat(s.open(id)).containsExactly("carol");
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("G5 signers: not oneself, not someone already at the node, only the assignee adds")
    void g5SignerGuards(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        long t = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.addSigner(u("bob"), t, SignerPosition.PARALLEL, List.of("carol"), Decision.none()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ALREADY_ASSIGNED");
        assertThatThrownBy(() -> s.f.approvals.addSigner(u("bob"), t, SignerPosition.PARALLEL, List.of("bob"), Decision.none()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> s.f.approvals.addSigner(u("carol"), t, SignerPosition.PARALLEL, List.of("dave"), Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its assignee 'bob' may");
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
    }

    @DbTest
    @DisplayName("M1 removeSigner: a pending approver of an ALL node is removed; the node needs only the rest")
    void m1Remove(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol", "dave"));
        s.f.approvals.removeSigner(u("bob"), s.task("bob", id).id(), "dave", Decision.none());
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
        assertThat(s.last(id, "signer-removed").detail()).isEqualTo("dave");
        s.approve("bob", id);
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("M2 removeSigner: a SEQUENTIAL approver not yet due is taken off the queue")
    void m2RemoveQueued(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.SEQUENTIAL, "bob", "carol", "dave"));
        s.f.approvals.removeSigner(u("bob"), s.task("bob", id).id(), "carol", Decision.none());
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("dave");
        s.approve("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("M3 removeSigner: the last approver of the node cannot be removed, nor someone without a task there")
    void m3Last(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        long t = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.removeSigner(u("bob"), t, "zhao", Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("NOT_A_SIGNER");
        assertThatThrownBy(() -> s.f.approvals.removeSigner(u("bob"), t, "bob", Decision.none()))
                .isInstanceOf(ConflictException.class);
        s.f.approvals.removeSigner(u("bob"), t, "carol", Decision.none());
        assertThat(s.open(id)).containsExactly("bob");
        // an admin acting on carol's closed node: bob is now the only approver left
        long id2 = s.f.start("alice", "p", dev.oakit.workflow.WorkflowFixture.days(1)).id();
        long bob2 = s.task("bob", id2).id();
        s.f.approvals.removeSigner(s.f.admin, bob2, "carol", Decision.none());
        long carolGone = s.tasks(id2).stream().filter(x -> x.assigneeId().equals("bob")).findFirst().orElseThrow().id();
        assertThatThrownBy(() -> s.f.approvals.removeSigner(s.f.admin, carolGone, "bob", Decision.none()))
                .isInstanceOf(ConflictException.class);
    }

    @DbTest
    @DisplayName("M4 removeSigner: only an assignee of the node or an administrator")
    void m4Who(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol", "dave"));
        long t = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.removeSigner(u("erin"), t, "carol", Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its assignee 'bob' may");
        s.f.approvals.removeSigner(s.f.admin, t, "carol", Decision.none());
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "dave");
        assertThat(s.last(id, "signer-removed").actorId()).isEqualTo("root");
    }
}
