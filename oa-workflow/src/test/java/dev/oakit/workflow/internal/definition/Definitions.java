package dev.oakit.workflow.internal.definition;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Definitions and checker stand-ins shared by the definition tests. */
final class Definitions {
    /** Stands in for the real expression checker: "!!" and blank expressions are errors. */
    static final Function<String, List<String>> CONDITIONS = expr -> expr.isBlank()
            ? List.of("is blank")
            : expr.contains("!!") ? List.of("syntax error at '!!'") : List.of();
    static final Set<String> RESOLVERS = Set.of("cost-center");
    static final Set<String> HANDLERS = Set.of("archive");
    static final DefinitionValidator VALIDATOR = new DefinitionValidator();

    private Definitions() {
    }

    static List<Problem> problems(ProcessDefinition d) {
        return VALIDATOR.problems(d, CONDITIONS, RESOLVERS, HANDLERS);
    }

    static FormSchema leaveForm() {
        return FormSchema.builder("leave").title("Leave request")
                .number("days", f -> f.required().min(1).max(365))
                .text("reason", f -> f.maxLength(500))
                .user("deputy", f -> { })
                .multiSelect("reviewers", f -> f.options("u7", "u8", "u9"))
                .department("dept", f -> { })
                .table("handover", t -> t.user("to", f -> f.required()).text("task", f -> { }))
                .build();
    }

    /** The leave process of docs/process-definitions.md: start → manager → days > 3 ? director → end. */
    static ProcessDefinition leave() {
        return ProcessDefinition.builder("leave").name("Leave request")
                .form(leaveForm())
                .start("start")
                .approval("manager", a -> a.name("Direct manager").approver(ApproverRule.manager(1)))
                .exclusive("long")
                .approval("director", a -> a.name("Director").approver(ApproverRule.role("director")))
                .end("approved")
                .route("start", "manager").route("manager", "long")
                .when("long", "director", "form.days > 3").otherwise("long", "approved")
                .route("director", "approved")
                .build();
    }

    /** Every node type, every rule type and most options. */
    static ProcessDefinition rich() {
        var params = JsonNodeFactory.instance.objectNode().put("level", 2);
        var archive = JsonNodeFactory.instance.objectNode().put("folder", "hr/leave");
        return ProcessDefinition.builder("leave.rich").name("Leave (every feature)").description("test fixture")
                .form(leaveForm())
                .start("start", Map.of("days", FieldAccess.REQUIRED, "reason", FieldAccess.EDITABLE))
                .approval("manager", a -> a.name("Manager").mode(ApprovalMode.ANY).approver(ApproverRule.manager(1))
                        .onEmpty(Node.NoApprover.ADMIN).dedupe().field("days", FieldAccess.READ_ONLY))
                .exclusive("long")
                .parallel("p1")
                .approval("hr", a -> a.approver(ApproverRule.role("hr"), ApproverRule.departmentHead(),
                                new ApproverRule.DepartmentHead("dept"))
                        .vote("0.6", true).separateFrom("manager"))
                .approval("finance", a -> a.mode(ApprovalMode.SEQUENTIAL)
                        .approver(ApproverRule.users("u1", "u2"), ApproverRule.managerChain(2),
                                ApproverRule.managerChainUpToRole("vp"), ApproverRule.initiatorChooses(1, 3),
                                ApproverRule.formField("deputy"), ApproverRule.formField("reviewers"),
                                new ApproverRule.Custom("cost-center", params))
                        .onEmptyUser("admin1").whenInitiator(Node.InitiatorApprover.MANAGER)
                        .resubmit(Node.Resubmit.BACK_TO_RETURNER).field("reason", FieldAccess.HIDDEN))
                .join("j1", "p1")
                .inclusive("notify")
                .cc("boss", ApproverRule.users("boss"), ApproverRule.role("hr-cc"))
                .node(new Node.Service("archive", "Archive", "archive", archive, 3))
                .join("j2", "notify")
                .node(new Node.SubProcess("onboard", null, "handover", false))
                .exclusive("check")
                .end("approved")
                .rejectEnd("rejected")
                .route("start", "manager").route("manager", "long")
                .when("long", "p1", "form.days > 3").otherwise("long", "notify")
                .route("p1", "hr").route("p1", "finance").route("hr", "j1").route("finance", "j1")
                .route("j1", "notify")
                .when("notify", "boss", "form.days > 10").when("notify", "archive", "form['reason'] != ''")
                .otherwise("notify", "j2")
                .route("boss", "j2").route("archive", "j2")
                .route("j2", "onboard").route("onboard", "check")
                .when("check", "rejected", "form.days > 300").otherwise("check", "approved")
                .build();
    }
}
