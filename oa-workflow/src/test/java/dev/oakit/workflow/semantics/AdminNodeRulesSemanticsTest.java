package dev.oakit.workflow.semantics;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;

import static dev.oakit.core.testing.TestDatabase.Kind.H2;
import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows C1–C3, K1, J1, P1 and N1–N14 of docs/approval-semantics.md. */
class AdminNodeRulesSemanticsTest {
    @DbTest
    @DisplayName("C1 the initiator cancels a running instance: CANCELLED, every open task cancelled")
    void c1Cancel(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        s.approve("bob", id);
        s.f.approvals.cancel(u("alice"), id, Decision.comment("not needed"));
        assertThat(s.status(id)).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(s.open(id)).isEmpty();
        assertThat(s.timeline(id)).extracting(e -> e.action() + ":" + e.actorId()).endsWith("ended:system");
    }

    @DbTest
    @DisplayName("C2 an administrator cancels a suspended or a returned instance")
    void c2AdminCancel(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        s.f.approvals.suspend(s.f.admin, id, Decision.none());
        s.f.approvals.cancel(s.f.admin, id, Decision.none());
        assertThat(s.status(id)).isEqualTo(InstanceStatus.CANCELLED);
        long id2 = s.f.start("alice", "p", WorkflowFixture.days(1)).id();
        s.f.approvals.withdraw(u("alice"), id2, Decision.none());
        s.f.approvals.cancel(s.f.admin, id2, Decision.none());
        assertThat(s.status(id2)).isEqualTo(InstanceStatus.CANCELLED);
    }

    @DbTest
    @DisplayName("C3 others may not cancel (the message names who may); an ended instance cannot be cancelled")
    void c3CancelGuards(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        assertThatThrownBy(() -> s.f.approvals.cancel(u("bob"), id, Decision.none())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("the initiator 'alice' and administrators may");
        s.approve("bob", id);
        assertThatThrownBy(() -> s.f.approvals.cancel(u("alice"), id, Decision.none())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already ended APPROVED");
    }

    @DbTest
    @DisplayName("K1 comment: participants, cc'd users and admins, also after the end; outsiders may not; empty is invalid")
    void k1Comment(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        s.f.approvals.comment(u("bob"), id, Decision.comment("looking"));
        s.approve("bob", id);
        s.f.approvals.comment(u("alice"), id, Decision.comment("thanks"));
        s.f.approvals.comment(s.f.admin, id, Decision.comment("audited"));
        assertThatThrownBy(() -> s.f.approvals.comment(u("hal"), id, Decision.comment("hi"))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("participants, cc'd users and administrators may");
        assertThatThrownBy(() -> s.f.approvals.comment(u("bob"), id, Decision.none())).isInstanceOf(ValidationException.class);
        assertThat(s.timeline(id)).filteredOn(e -> e.action().equals("commented")).extracting(e -> e.actorId())
                .containsExactly("bob", "alice", "root");
    }

    @DbTest
    @DisplayName("J1 jump (admin): open tasks reset, the target node entered; others forbidden; not to the start node")
    void j1Jump(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.two(java.util.List.of("bob", "carol"), java.util.List.of("zhao")));
        assertThatThrownBy(() -> s.f.approvals.jump(u("bob"), id, "b", Decision.none())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.f.approvals.jump(s.f.admin, id, "start", Decision.none())).isInstanceOf(ValidationException.class);
        s.f.approvals.jump(s.f.admin, id, "b", Decision.comment("urgent"));
        assertThat(s.open(id)).containsExactly("zhao");
        assertThat(s.last(id, "jumped").actorId()).isEqualTo("root");
        s.f.approvals.jump(s.f.admin, id, "end", Decision.none());
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("P1 suspend/resume (admin): suspended keeps its tasks but blocks them; only admins; resume only a suspended one")
    void p1Suspend(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        assertThatThrownBy(() -> s.f.approvals.suspend(u("alice"), id, Decision.none())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.f.approvals.resume(s.f.admin, id, Decision.none())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not suspended");
        s.f.approvals.suspend(s.f.admin, id, Decision.none());
        assertThat(s.status(id)).isEqualTo(InstanceStatus.SUSPENDED);
        assertThat(s.open(id)).containsExactly("bob");
        assertThatThrownBy(() -> s.f.approvals.withdraw(u("alice"), id, Decision.none())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> s.f.approvals.suspend(s.f.admin, id, Decision.none())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> s.f.approvals.resume(u("bob"), id, Decision.none())).isInstanceOf(ForbiddenException.class);
        s.f.approvals.resume(s.f.admin, id, Decision.none());
        assertThat(s.actions(id)).containsSubsequence("suspended", "resumed");
        s.approve("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("N1 onEmpty SKIP: a node that resolves nobody is skipped")
    void n1Skip(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.approver(ApproverRule.role("nobody")).onEmpty(Node.NoApprover.SKIP)));
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.actions(id)).containsExactly("started", "skipped", "ended");
    }

    @DbTest
    @DisplayName("N2 onEmpty ADMIN: the administrators get the task")
    void n2Admin(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.approver(ApproverRule.role("nobody")).onEmpty(Node.NoApprover.ADMIN)));
        assertThat(s.open(id)).containsExactly("root");
        assertThat(s.actions(id)).contains("approver-fallback");
    }

    @DbTest
    @DisplayName("N3 onEmpty USER: the named user gets the task")
    void n3User(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.approver(ApproverRule.role("nobody")).onEmptyUser("gus")));
        assertThat(s.open(id)).containsExactly("gus");
    }

    @DbTest
    @DisplayName("N4 onEmpty REFUSE: the start fails with NO_APPROVER and nothing is written")
    void n4Refuse(TestDatabase db) {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, Sem.single(a -> a.approver(ApproverRule.role("nobody"))));
        assertThatThrownBy(() -> s.f.start("alice", "p", WorkflowFixture.days(1))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("NO_APPROVER");
        assertThat(s.f.queries.startedBy(u("alice"), null)).isEmpty();
    }

    @DbTest
    @DisplayName("N5 whenInitiator KEEP: the initiator approves their own step")
    void n5Keep(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run("bob", Sem.single(ApprovalMode.ALL, "bob", "carol"));
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
    }

    @DbTest
    @DisplayName("N6 whenInitiator SKIP: the initiator's step is approved automatically")
    void n6Skip(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run("bob", Sem.single(a -> a.approver(ApproverRule.users("bob", "carol")).whenInitiator(Node.InitiatorApprover.SKIP)));
        assertThat(s.open(id)).containsExactly("carol");
        assertThat(s.last(id, "auto-approved").actorId()).isEqualTo("system");
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("N7 whenInitiator MANAGER: the initiator is replaced by their manager")
    void n7Manager(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run("alice", Sem.single(a -> a.approver(ApproverRule.users("alice")).whenInitiator(Node.InitiatorApprover.MANAGER)));
        assertThat(s.open(id)).containsExactly("bob");
        assertThat(s.actions(id)).contains("approver-replaced");
    }

    @DbTest
    @DisplayName("N8 dedupe: who approved the preceding node is approved automatically at this one")
    void n8Dedupe(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("dd").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.approver(ApproverRule.users("bob")))
                .approval("b", x -> x.approver(ApproverRule.users("bob", "carol")).dedupe())
                .end("end").chain("start", "a", "b", "end").build();
        long id = s.run(d);
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("carol");
        assertThat(s.actions(id)).contains("auto-approved");
    }

    @DbTest
    @DisplayName("N9 separateFrom: who approved the named node is excluded here (then onEmpty applies)")
    void n9Separate(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("sd").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.approver(ApproverRule.users("bob")))
                .approval("b", x -> x.approver(ApproverRule.users("bob", "carol")).separateFrom("a"))
                .end("end").chain("start", "a", "b", "end").build();
        long id = s.run(d);
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("carol");
        assertThat(s.actions(id)).contains("approver-excluded");
    }

    @DbTest
    @DisplayName("N10 CC node: recipients are cc'd (no task), may read the detail; the instance moves on")
    void n10Cc(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("cc").form(WorkflowFixture.leaveForm()).start("start")
                .cc("info", ApproverRule.role("finance"))
                .approval("a", x -> x.approver(ApproverRule.users("bob")))
                .end("end").chain("start", "info", "a", "end").build();
        long id = s.run(d);
        assertThat(s.open(id)).containsExactly("bob");
        assertThat(s.f.todos("fay")).isEmpty();
        assertThat(s.last(id, "cc").detail()).contains("fay", "gus", "hal");
        assertThat(s.f.queries.detail(u("gus"), id).instance().id()).isEqualTo(id);
        assertThatThrownBy(() -> s.f.queries.detail(u("zhao"), id)).isInstanceOf(NotFoundException.class);
    }

    @DbTest
    @DisplayName("N11 exclusive: the first route whose condition holds wins; otherwise the default route")
    void n11Exclusive(TestDatabase db) {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, WorkflowFixture.leave());
        long longOne = s.f.start("alice", "leave", WorkflowFixture.days(5)).id();
        long shortOne = s.f.start("alice", "leave", WorkflowFixture.days(1)).id();
        s.approve("bob", longOne);
        s.approve("bob", shortOne);
        assertThat(s.open(longOne)).containsExactly("carol");
        assertThat(s.status(shortOne)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("N12 inclusive: every matching branch runs and the join waits for exactly those")
    void n12Inclusive(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("inc").form(WorkflowFixture.leaveForm()).start("start")
                .inclusive("split")
                .approval("a", x -> x.approver(ApproverRule.users("bob")))
                .approval("b", x -> x.approver(ApproverRule.users("carol")))
                .approval("c", x -> x.approver(ApproverRule.users("dave")))
                .join("join", "split")
                .approval("z", x -> x.approver(ApproverRule.users("zhao")))
                .end("end").route("start", "split")
                .when("split", "a", "form.days > 0").when("split", "b", "form.days > 0").when("split", "c", "form.days > 10")
                .otherwise("split", "c")
                .route("a", "join").route("b", "join").route("c", "join").chain("join", "z", "end").build();
        long id = s.run(d);
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("carol");
        s.approve("carol", id);
        assertThat(s.open(id)).containsExactly("zhao");
    }

    @DbTest
    @DisplayName("N13 VOTE counts auto-approvals and added parallel signers as voters")
    void n13VoteVoters(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.vote("0.6", false).approver(ApproverRule.users("bob", "carol"))));
        s.f.approvals.addSigner(u("bob"), s.task("bob", id).id(), dev.oakit.workflow.SignerPosition.PARALLEL,
                java.util.List.of("dave", "erin", "zhao"), Decision.none());
        s.approve("bob", id);
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING); // 2 of 5 < 3
        s.approve("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED); // 3 of 5 = 0.6 exactly
    }

    @DbTest
    @DisplayName("N14 no task goes to an inactive user: not resolved, and skipped in a SEQUENTIAL queue when deactivated later")
    void n14Inactive(TestDatabase db) {
        Sem s = new Sem(db);
        s.f.directory.deactivateUser(s.f.admin, "erin");
        long id = s.run(Sem.single(ApprovalMode.SEQUENTIAL, "bob", "erin", "carol", "dave"));
        s.f.directory.deactivateUser(s.f.admin, "carol");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("dave");
        assertThat(s.tasks(id)).extracting(t -> t.assigneeId()).doesNotContain("erin", "carol");
        s.approve("dave", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(s.tasks(id)).allMatch(t -> t.status() == TaskStatus.DONE);
        assertThat(Map.of()).isEmpty();
    }
}
