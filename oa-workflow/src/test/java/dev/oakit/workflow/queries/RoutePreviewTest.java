package dev.oakit.workflow.queries;

import dev.oakit.core.NotFoundException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.PreviewApprover;
import dev.oakit.workflow.PreviewStep;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowFixture;

import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutePreviewTest {
    @DbTest
    void longLeavePredictsManagerAndDirectorWithReasonsAndWritesNothing(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());

        RoutePreview p = f.queries.preview(user("alice"), StartRequest.of("leave", days(5)));
        assertThat(p.steps()).extracting(PreviewStep::nodeId).containsExactly("start", "manager", "long", "director", "approved");
        PreviewStep manager = p.steps().get(1);
        assertThat(manager.type()).isEqualTo("approval");
        assertThat(manager.nodeName()).isEqualTo("直属上级");
        assertThat(manager.mode()).isEqualTo(ApprovalMode.ALL);
        assertThat(manager.approvers()).containsExactly(new PreviewApprover("bob", "the initiator's manager, level 1"));
        assertThat(p.steps().get(2).note()).contains("'form.days > 3' holds");
        assertThat(p.steps().get(3).approvers()).containsExactly(new PreviewApprover("carol", "holds role 'director'"));
        assertThat(p.steps().get(4).note()).contains("APPROVED");

        RoutePreview shortOne = f.queries.preview(user("alice"), StartRequest.of("leave", days(2)));
        assertThat(shortOne.steps()).extracting(PreviewStep::nodeId).containsExactly("start", "manager", "long", "approved");
        assertThat(shortOne.steps().get(2).note()).contains("default route to 'approved'");

        assertThat(f.queries.startedBy(user("alice"), TodoQuery.firstPage())).isEmpty();
        assertThat(f.todos("bob")).isEmpty();
        assertThatThrownBy(() -> f.queries.preview(user("alice"), StartRequest.of("nope", Map.of())))
                .isInstanceOf(NotFoundException.class);
    }

    @DbTest
    void anIncompleteFormIsPreviewedWithTheProblemInTheNotes(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        RoutePreview p = f.queries.preview(user("alice"), StartRequest.of("leave", Map.of("type", "annual")));
        assertThat(p.steps().get(0).note()).contains("not complete or not valid");
        assertThat(p.steps().get(2).note()).contains("cannot be evaluated").contains("default route");
    }

    @DbTest
    void emptyNodesInitiatorRulesParallelBranchesAndLaterDecisionsAreNoted(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        dev.oakit.core.form.FormSchema form = dev.oakit.core.form.FormSchema.builder("rules")
                .select("type", x -> x.options("annual", "sick")).number("days", x -> x.required()).text("reason", x -> { })
                .user("reviewer", x -> { }).build();
        ProcessDefinition d = ProcessDefinition.builder("rules").form(form).start("start")
                .approval("self", a -> a.approver(ApproverRule.users("alice", "bob")).whenInitiator(Node.InitiatorApprover.SKIP)
                        .field("reviewer", FieldAccess.EDITABLE))
                .approval("nobody", a -> a.approver(ApproverRule.role("auditor")).onEmpty(Node.NoApprover.SKIP))
                .approval("toAdmin", a -> a.approver(ApproverRule.role("auditor")).onEmpty(Node.NoApprover.ADMIN))
                .parallel("split")
                .approval("fromField", a -> a.approver(ApproverRule.formField("reviewer")).onEmpty(Node.NoApprover.SKIP))
                .approval("finance", a -> a.mode(ApprovalMode.ANY).approver(ApproverRule.role("finance")))
                .join("join", "split")
                .approval("sod", a -> a.approver(ApproverRule.users("bob", "carol")).separateFrom("self"))
                .approval("refuse", a -> a.approver(ApproverRule.role("auditor")))
                .end("end")
                .chain("start", "self", "nobody", "toAdmin", "split")
                .route("split", "fromField").route("split", "finance").route("fromField", "join").route("finance", "join")
                .chain("join", "sod", "refuse", "end")
                .build();
        f.definitions.deploy(f.admin, d);

        RoutePreview p = f.queries.preview(user("alice"), StartRequest.of("rules", days(1)));
        assertThat(p.steps()).extracting(PreviewStep::nodeId)
                .containsExactly("start", "self", "nobody", "toAdmin", "split", "fromField", "finance", "join", "sod", "refuse");
        Map<String, PreviewStep> by = new java.util.HashMap<>();
        p.steps().forEach(s -> by.put(s.nodeId(), s));
        assertThat(by.get("self").approvers()).extracting(PreviewApprover::userId).containsExactly("alice", "bob");
        assertThat(by.get("self").approvers().get(0).reason()).contains("approved automatically");
        assertThat(by.get("nobody").note()).contains("no approver: will be skipped");
        assertThat(by.get("toAdmin").approvers()).containsExactly(new PreviewApprover("root", "no approver resolved: a process administrator"));
        assertThat(by.get("split").note()).contains("2 branches");
        assertThat(by.get("fromField").note()).startsWith("depends on an earlier decision").contains("'reviewer'", "'self'");
        assertThat(by.get("finance").mode()).isEqualTo(ApprovalMode.ANY);
        assertThat(by.get("finance").approvers()).extracting(PreviewApprover::userId).containsExactlyInAnyOrder("fay", "gus", "hal");
        assertThat(by.get("sod").approvers()).extracting(PreviewApprover::userId).containsExactly("carol");
        assertThat(by.get("sod").note()).contains("[bob] excluded", "separation of duties");
        assertThat(by.get("refuse").approvers()).isEmpty();
        assertThat(by.get("refuse").note()).contains("OA-WF/NO_APPROVER");
    }

    @DbTest
    void ccRecipientsAndChosenApproversArePredicted(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, ProcessDefinition.builder("chosen").form(WorkflowFixture.leaveForm()).start("start")
                .approval("pick", a -> a.approver(ApproverRule.initiatorChooses(1, 2)).onEmpty(Node.NoApprover.SKIP))
                .cc("notify", ApproverRule.role("director")).end("end").chain("start", "pick", "notify", "end").build());
        RoutePreview none = f.queries.preview(user("alice"), StartRequest.of("chosen", days(1)));
        assertThat(none.steps().get(1).note()).contains("none chosen yet", "will be skipped");
        RoutePreview chosen = f.queries.preview(user("alice"), StartRequest.of("chosen", days(1)).choosing("pick", "dave"));
        assertThat(chosen.steps().get(1).approvers()).containsExactly(new PreviewApprover("dave", "chosen by the initiator"));
        assertThat(chosen.steps().get(2).type()).isEqualTo("cc");
        assertThat(chosen.steps().get(2).approvers()).containsExactly(new PreviewApprover("carol", "holds role 'director'"));
    }
}
