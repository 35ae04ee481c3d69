package dev.oakit.workflow;

import dev.oakit.core.ConflictException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Returning inside one parallel branch leaves the sibling branch and the join alone. */
class ParallelReturnTest {
    /** start → pre (zhao) → split → [a1 (bob) → a2 (carol)] and [b1 (dave)] → join → end. */
    static ProcessDefinition branches() {
        return ProcessDefinition.builder("branches").form(WorkflowFixture.leaveForm()).start("start")
                .approval("pre", a -> a.approver(ApproverRule.users("zhao")))
                .parallel("split")
                .approval("a1", a -> a.approver(ApproverRule.users("bob")))
                .approval("a2", a -> a.approver(ApproverRule.users("carol")))
                .approval("b1", a -> a.approver(ApproverRule.users("dave")))
                .join("join", "split")
                .end("end")
                .chain("start", "pre", "split", "a1", "a2", "join", "end")
                .chain("split", "b1", "join")
                .build();
    }

    @DbTest
    void returningToThePreviousNodeStaysInsideTheBranch(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, branches());
        ProcessInstance pi = f.start("alice", "branches", days(1));
        f.approvals.approve(user("zhao"), f.todoOf("zhao", pi.id()).id(), Decision.none());
        long b1 = f.todoOf("dave", pi.id()).id();
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.none());
        // b1 is still open in the sibling branch; carol returns to the previous node of HER branch: a1
        assertThatThrownBy(() -> f.approvals.returnTo(user("carol"), f.todoOf("carol", pi.id()).id(), "b1", Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("on the path to 'a2'");
        f.approvals.returnTo(user("carol"), f.todoOf("carol", pi.id()).id(), null, Decision.comment("补充材料"));
        assertThat(f.todoOf("bob", pi.id())).isNotNull();
        assertThat(f.todoOf("dave", pi.id()).id()).as("the sibling branch keeps its task").isEqualTo(b1);

        f.approvals.approve(user("dave"), b1, Decision.none());
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.RUNNING);
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.none());
        f.approvals.approve(user("carol"), f.todoOf("carol", pi.id()).id(), Decision.none());
        // the join waited for both branches once each
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    void backToReturnerInsideBranchesRerunsTheRouteSoNoBranchIsLost(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        ProcessDefinition d = branches();
        java.util.List<Node> nodes = new java.util.ArrayList<>(d.nodes());
        Node.Approval a2 = (Node.Approval) d.node("a2").orElseThrow();
        nodes.set(nodes.indexOf(a2), new Node.Approval(a2.id(), a2.name(), a2.mode(), a2.approvers(), a2.passRatio(), a2.veto(),
                a2.onEmpty(), a2.emptyUser(), a2.whenInitiator(), a2.dedupe(), a2.separateFrom(), Node.Resubmit.BACK_TO_RETURNER,
                a2.fields()));
        f.definitions.deploy(f.admin, new ProcessDefinition(d.key(), d.name(), d.description(), d.form(), nodes, d.routes()));
        ProcessInstance pi = f.start("alice", "branches", days(1));
        f.approvals.approve(user("zhao"), f.todoOf("zhao", pi.id()).id(), Decision.none());
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.none());
        f.approvals.returnTo(user("carol"), f.todoOf("carol", pi.id()).id(), "start", Decision.none());
        f.approvals.resubmit(user("alice"), pi.id(), Decision.none());
        // the whole route runs again: the first node, then both branches
        f.approvals.approve(user("zhao"), f.todoOf("zhao", pi.id()).id(), Decision.none());
        assertThat(f.todos("dave")).hasSize(1);
        assertThat(f.todos("bob")).hasSize(1);
    }

    @DbTest
    void returningToANodeBeforeTheSplitRestartsEveryBranch(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, branches());
        ProcessInstance pi = f.start("alice", "branches", days(1));
        f.approvals.approve(user("zhao"), f.todoOf("zhao", pi.id()).id(), Decision.none());
        f.approvals.approve(user("dave"), f.todoOf("dave", pi.id()).id(), Decision.none());
        f.approvals.returnTo(user("bob"), f.todoOf("bob", pi.id()).id(), "pre", Decision.none());
        assertThat(f.todos("dave")).isEmpty();
        f.approvals.approve(user("zhao"), f.todoOf("zhao", pi.id()).id(), Decision.none());
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.none());
        f.approvals.approve(user("carol"), f.todoOf("carol", pi.id()).id(), Decision.none());
        assertThat(f.status(pi.id())).as("b1 runs again after the restart").isEqualTo(InstanceStatus.RUNNING);
        f.approvals.approve(user("dave"), f.todoOf("dave", pi.id()).id(), Decision.none());
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.APPROVED);
    }
}
