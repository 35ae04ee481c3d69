package dev.oakit.workflow.semantics;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.DisplayName;

import java.util.List;

import static dev.oakit.core.testing.TestDatabase.Kind.H2;
import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows T1–T6, S1–S3, W1–W8 of docs/approval-semantics.md. */
class ReturnWithdrawSemanticsTest {
    private static ProcessDefinition three(Node.Resubmit atC) {
        return ProcessDefinition.builder("p3").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.approver(ApproverRule.users("bob")))
                .approval("b", x -> x.mode(ApprovalMode.ALL).approver(ApproverRule.users("carol", "dave")))
                .approval("c", x -> x.approver(ApproverRule.users("zhao")).resubmit(atC))
                .end("end").chain("start", "a", "b", "c", "end").build();
    }

    @DbTest
    @DisplayName("T1 returnTo(null) goes to the previous approval node: a new round, every other open task reset")
    void t1Previous(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        s.approve("carol", id);
        s.approve("dave", id);
        s.f.approvals.returnTo(u("zhao"), s.task("zhao", id).id(), null, Decision.comment("redo"));
        assertThat(s.open(id)).containsExactlyInAnyOrder("carol", "dave");
        assertThat(s.active(id)).containsExactly("b");
        assertThat(s.last(id, "returned").actorId()).isEqualTo("zhao");
        assertThat(s.last(id, "returned").detail()).isEqualTo("to b");
        // a return from an ALL node while another approver is still open: that task is reset
        s.f.approvals.returnTo(u("dave"), s.task("dave", id).id(), "a", Decision.none());
        assertThat(s.open(id)).containsExactly("bob");
        assertThat(s.tasks(id)).filteredOn(t -> "RESET".equals(t.outcome())).isNotEmpty();
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
    }

    @DbTest
    @DisplayName("T2 returnTo(start) hands the instance back to the initiator: RETURNED, no open task")
    void t2Initiator(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        s.f.approvals.returnTo(u("carol"), s.task("carol", id).id(), "start", Decision.comment("fix days"));
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RETURNED);
        assertThat(s.open(id)).isEmpty();
        assertThat(s.f.todos("dave")).isEmpty();
        assertThat(s.actions(id)).containsExactly("started", "approved", "returned");
        s.f.approvals.resubmit(u("alice"), id, Decision.none());
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(s.open(id)).containsExactly("bob");
    }

    @DbTest
    @DisplayName("T3 returnTo a node not visited yet is a conflict naming the allowed targets")
    void t3NotVisited(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        long t = s.task("carol", id).id();
        assertThatThrownBy(() -> s.f.approvals.returnTo(u("carol"), t, "c", Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("RETURN_TARGET").hasMessageContaining("[a]");
        assertThatThrownBy(() -> s.f.approvals.returnTo(u("bob"), t, "a", Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its assignee 'carol' may");
    }

    @DbTest
    @DisplayName("T4 returnTo(null) at the first approval node returns to the initiator")
    void t4FirstNode(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.f.approvals.returnTo(u("bob"), s.task("bob", id).id(), null, Decision.none());
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RETURNED);
    }

    @DbTest
    @DisplayName("T5 a return from inside parallel branches resets every branch; returning before the split runs it again")
    void t5Branches(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.parallel());
        s.approve("dave", id);
        s.approve("bob", id);
        s.f.approvals.returnTo(u("carol"), s.task("carol", id).id(), "pre", Decision.none());
        assertThat(s.open(id)).containsExactly("dave");
        s.approve("dave", id);
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("carol"); // the join still waits for b
        s.approve("carol", id);
        s.approve("zhao", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("T6 a delegate may not return the task: the owner decides")
    void t6DelegateMayNotReturn(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        long t = s.task("bob", id).id();
        s.f.approvals.delegate(u("bob"), t, "erin", Decision.none());
        assertThatThrownBy(() -> s.f.approvals.returnTo(u("erin"), t, "start", Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("the owner decides");
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
    }

    @DbTest
    @DisplayName("S1 resubmit with RERUN starts again at the first approval node")
    void s1Rerun(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(Node.Resubmit.RERUN));
        s.approve("bob", id);
        s.approve("carol", id);
        s.approve("dave", id);
        s.f.approvals.returnTo(u("zhao"), s.task("zhao", id).id(), "start", Decision.none());
        s.f.approvals.resubmit(u("alice"), id, Decision.comment("again").withForm(java.util.Map.of("days", 2)));
        assertThat(s.open(id)).containsExactly("bob");
        assertThat(s.f.queries.detail(s.f.admin, id).instance().form()).containsEntry("days", 2);
        assertThat(s.last(id, "resubmitted").actorId()).isEqualTo("alice");
    }

    @DbTest
    @DisplayName("S2 resubmit with BACK_TO_RETURNER goes straight to the node that returned; earlier nodes stay return targets")
    void s2BackToReturner(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(Node.Resubmit.BACK_TO_RETURNER));
        s.approve("bob", id);
        s.approve("carol", id);
        s.approve("dave", id);
        s.f.approvals.returnTo(u("zhao"), s.task("zhao", id).id(), "start", Decision.none());
        s.f.approvals.resubmit(u("alice"), id, Decision.none());
        assertThat(s.open(id)).containsExactly("zhao");
        s.f.approvals.returnTo(u("zhao"), s.task("zhao", id).id(), null, Decision.none());
        assertThat(s.active(id)).containsExactly("b");
        assertThat(s.open(id)).containsExactlyInAnyOrder("carol", "dave");
    }

    @DbTest
    @DisplayName("S3 only the initiator resubmits, and only a returned instance")
    void s3Guards(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        assertThatThrownBy(() -> s.f.approvals.resubmit(u("alice"), id, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("NOT_RETURNED");
        s.f.approvals.returnTo(u("bob"), s.task("bob", id).id(), "start", Decision.none());
        assertThatThrownBy(() -> s.f.approvals.resubmit(u("bob"), id, Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its initiator 'alice' may");
    }

    @DbTest
    @DisplayName("W1 the initiator withdraws while nobody acted on the current node: RETURNED, tasks cancelled")
    void w1InitiatorWithdraws(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        s.f.approvals.withdraw(u("alice"), id, Decision.comment("wrong dates"));
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RETURNED);
        assertThat(s.open(id)).isEmpty();
        assertThat(s.last(id, "withdrawn").actorId()).isEqualTo("alice");
        s.f.approvals.resubmit(u("alice"), id, Decision.none());
        assertThat(s.open(id)).containsExactly("bob");
    }

    @DbTest
    @DisplayName("W2 the initiator cannot withdraw once an approver acted on the current node")
    void w2InitiatorTooLate(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        s.approve("carol", id);
        assertThatThrownBy(() -> s.f.approvals.withdraw(u("alice"), id, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("ALREADY_ACTED");
        assertThat(s.open(id)).containsExactly("dave");
    }

    @DbTest
    @DisplayName("W3 the previous approver withdraws while the next node is untouched: their task comes back")
    void w3ApproverWithdraws(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        s.f.approvals.withdraw(u("bob"), id, Decision.none());
        assertThat(s.open(id)).containsExactly("bob");
        assertThat(s.active(id)).containsExactly("a");
        assertThat(s.last(id, "withdrawn").actorId()).isEqualTo("bob");
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactlyInAnyOrder("carol", "dave");
    }

    @DbTest
    @DisplayName("W3b a previous approver deactivated since may not withdraw: their task would come back to an inactive user")
    void w3bInactiveApproverMayNotWithdraw(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        List<String> before = s.open(id);
        s.f.directory.deactivateUser(s.f.admin, "bob");
        assertThatThrownBy(() -> s.f.approvals.withdraw(u("bob"), id, Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("'bob' is unknown or inactive")
                .hasMessageContaining("the initiator 'alice' may withdraw");
        assertThat(s.open(id)).isEqualTo(before);
        assertThat(s.active(id)).doesNotContain("a");
    }

    @DbTest
    @DisplayName("W4 the previous approver cannot withdraw once the next node was acted on")
    void w4ApproverTooLate(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        s.approve("dave", id);
        assertThatThrownBy(() -> s.f.approvals.withdraw(u("bob"), id, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("ALREADY_ACTED");
    }

    @DbTest
    @DisplayName("W5 anyone else may not withdraw; the message names the initiator and the previous approvers")
    void w5Others(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        assertThatThrownBy(() -> s.f.approvals.withdraw(u("carol"), id, Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("the initiator 'alice' may")
                .hasMessageContaining("'a' [bob]");
    }

    @DbTest
    @DisplayName("W6 an approval inside parallel branches cannot be withdrawn")
    void w6InBranches(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.parallel());
        s.approve("dave", id);
        s.approve("bob", id);
        assertThatThrownBy(() -> s.f.approvals.withdraw(u("bob"), id, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("WITHDRAW_IN_BRANCH");
        assertThat(s.open(id)).containsExactly("carol");
    }

    /** start → a (VOTE 0.6 or ANY: bob carol dave erin) → b (zhao) → end. */
    private static ProcessDefinition decided(ApprovalMode mode) {
        return ProcessDefinition.builder("pw8").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> {
                    x.mode(mode).approver(ApproverRule.users("bob", "carol", "dave", "erin"));
                    if (mode == ApprovalMode.VOTE) {
                        x.vote("0.6", false);
                    }
                })
                .approval("b", x -> x.approver(ApproverRule.users("zhao")))
                .end("end").chain("start", "a", "b", "end").build();
    }

    @DbTest
    @DisplayName("W8 a withdrawn approval of a VOTE or ANY node gives back the tasks its decision closed")
    void w8WithdrawReopensTheClosedVotes(TestDatabase db) {
        Sem s = new Sem(db);
        long vote = s.run(decided(ApprovalMode.VOTE));
        s.approve("bob", vote);
        s.approve("carol", vote);
        s.approve("dave", vote); // 3 of 4 ≥ 0.6: passed, erin's vote closed VOTE_DECIDED
        assertThat(s.open(vote)).containsExactly("zhao");
        s.f.approvals.withdraw(u("dave"), vote, Decision.none());
        assertThat(s.open(vote)).containsExactlyInAnyOrder("dave", "erin");
        s.reject("dave", vote); // 2 approved, 1 against, erin open: 3 could still pass
        assertThat(s.status(vote)).isEqualTo(InstanceStatus.RUNNING);
        s.reject("erin", vote); // 2 of 4 < 2.4: the vote fails
        assertThat(s.status(vote)).isEqualTo(InstanceStatus.REJECTED);

        long any = s.run(decided(ApprovalMode.ANY));
        s.approve("carol", any); // the first approval decides; the others closed CLOSED_BY_ANY
        s.f.approvals.withdraw(u("carol"), any, Decision.none());
        assertThat(s.open(any)).containsExactlyInAnyOrder("bob", "carol", "dave", "erin");
        s.approve("erin", any);
        assertThat(s.open(any)).containsExactly("zhao");
    }

    @DbTest
    @DisplayName("W8 with a proxy (委托) dave → erin: the reopened tasks are assigned as one batch, as when the node was entered;"
            + " erin, a voter herself, does not take dave's task")
    void w8WithdrawReopensTheClosedVotesWithAProxy(TestDatabase db) {
        Sem s = new Sem(db);
        java.time.Instant now = java.time.Instant.now();
        s.f.oa.service(dev.oakit.workflow.OutOfOffice.class).setProxy(u("dave"), new dev.oakit.workflow.OutOfOffice.ProxyRequest(
                "dave", "erin", now.minus(java.time.Duration.ofHours(1)), now.plus(java.time.Duration.ofDays(5)), List.of(), false));
        long any = s.run(decided(ApprovalMode.ANY));
        assertThat(s.open(any)).containsExactlyInAnyOrder("bob", "carol", "dave", "erin");
        s.approve("carol", any);
        s.f.approvals.withdraw(u("carol"), any, Decision.none());
        assertThat(s.open(any)).containsExactlyInAnyOrder("bob", "carol", "dave", "erin");
        assertThat(s.tasks(any)).filteredOn(t -> t.status() == dev.oakit.workflow.TaskStatus.OPEN)
                .extracting(dev.oakit.workflow.Task::onBehalfOf).containsOnlyNulls();
    }

    @DbTest
    @DisplayName("W7 after a return or a withdrawal the earlier approver has nothing left to withdraw")
    void w7StaleApprover(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(three(null));
        s.approve("bob", id);
        s.f.approvals.withdraw(u("alice"), id, Decision.none());
        s.f.approvals.resubmit(u("alice"), id, Decision.none());
        assertThat(s.open(id)).containsExactly("bob");
        assertThatThrownBy(() -> s.f.approvals.withdraw(u("bob"), id, Decision.none()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(s.tasks(id)).filteredOn(t -> t.status() == dev.oakit.workflow.TaskStatus.OPEN).hasSize(1);
        assertThat(List.of(s.status(id))).containsExactly(InstanceStatus.RUNNING);
    }
}
