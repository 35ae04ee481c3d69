package dev.oakit.workflow.semantics;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskKind;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rows R4–R7 of docs/approval-semantics.md: 驳回重填 (reject for refill), as seed 004 describes it: "if the
 * approval is rejected, the system notifies the initiator; the initiator fills in the form again and sends it on".
 */
class RefillSemanticsTest {

    /** start → a (bob, ALL, onReject REFILL) → b (carol) → end. */
    static ProcessDefinition refill() {
        return ProcessDefinition.builder("refill").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.mode(ApprovalMode.ALL).approver(ApproverRule.users("bob", "dave")).onReject(Node.OnReject.REFILL))
                .approval("b", x -> x.approver(ApproverRule.users("carol")))
                .end("end").chain("start", "a", "b", "end").build();
    }

    @DbTest
    @DisplayName("R4 reject at a REFILL node: RETURNED, a task in the initiator's todo with the rejecting comment; the others reset")
    void r4RejectForRefill(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(refill());
        s.f.approvals.reject(u("bob"), s.task("bob", id).id(), Decision.comment("缺发票，请补充"));
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RETURNED);
        Task todo = s.task("alice", id);
        assertThat(todo.nodeId()).isEqualTo("a");
        assertThat(todo.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(s.open(id)).containsExactly("alice");
        assertThat(s.last(id, "refill-requested").comment()).isEqualTo("缺发票，请补充");
        assertThat(s.tasks(id)).filteredOn(t -> t.assigneeId().equals("dave")).extracting(Task::outcome).containsExactly("RESET");
        assertThatThrownBy(() -> s.f.approvals.approve(u("alice"), todo.id(), Decision.none()))
                .isInstanceOf(ConflictException.class);
    }

    @DbTest
    @DisplayName("R4 the refill task in the initiator's todo is of kind REFILL and carries the rejecting comment, all in the one todo statement")
    void r4TheTodoShowsTheRejectingComment(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        Sem s = new Sem(new WorkflowFixture(WorkflowFixture.startCounting(db, counting)));
        long first = s.run(refill());
        long second = s.f.start("alice", "refill", WorkflowFixture.days(1)).id();
        assertThat(s.task("bob", first).kind()).isEqualTo(TaskKind.APPROVAL);
        assertThat(s.task("bob", first).comment()).isNull();
        s.f.approvals.reject(u("bob"), s.task("bob", first).id(), Decision.comment("缺发票，请补充"));
        s.f.approvals.reject(u("dave"), s.task("dave", second).id(), Decision.comment("事由写清楚"));

        counting.reset();
        List<Task> todo = s.f.queries.todo(u("alice"), TodoQuery.firstPage());
        assertThat(counting.count()).as("statements for the todo list").isOne();
        assertThat(todo).extracting(Task::instanceId, Task::kind, Task::comment).containsExactlyInAnyOrder(
                tuple(first, TaskKind.REFILL, "缺发票，请补充"), tuple(second, TaskKind.REFILL, "事由写清楚"));

        s.f.approvals.resubmit(u("alice"), first, Decision.comment("已补发票"));
        assertThat(s.tasks(first)).filteredOn(t -> t.kind() == TaskKind.REFILL).singleElement()
                .satisfies(t -> assertThat(t.comment()).as("a done task's comment is its actor's").isEqualTo("已补发票"));
    }

    @DbTest
    @DisplayName("R5 the snippet in docs/approvals.md: the initiator finds the refill task and its comment in the todo and resubmits")
    void theDocsSnippetResubmitsFromTheTodo(TestDatabase db) throws IOException {
        Sem s = new Sem(db);
        long id = s.run(refill());
        s.f.approvals.reject(u("bob"), s.task("bob", id).id(), Decision.comment("缺发票，请补充"));
        ApprovalQueries queries = s.f.queries;
        Approvals approvals = s.f.approvals;
        Actor alice = u("alice");
        // docs:start
        Task refill = queries.todo(alice, TodoQuery.firstPage()).stream()
                .filter(t -> t.kind() == TaskKind.REFILL).findFirst().orElseThrow();
        String why = refill.comment();                   // the rejecting comment, e.g. "缺发票，请补充"
        approvals.resubmit(alice, refill.instanceId(), Decision.comment("已补发票").withForm(Map.of("days", 2)));
        // docs:end
        assertThat(why).isEqualTo("缺发票，请补充");
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        String source = Files.readString(Path.of("src/test/java/dev/oakit/workflow/semantics/RefillSemanticsTest.java"));
        String snippet = source.substring(source.indexOf("// docs:start\n") + 14, source.indexOf("        // docs:end"))
                .replaceAll("(?m)^ {8}", "");
        assertThat(Files.readString(Path.of("../docs/approvals.md"))).contains("```java\n" + snippet + "```");
    }

    @DbTest
    @DisplayName("R5 the initiator resubmits with a changed form, checked again; the refill task closes RESUBMITTED and the route runs again")
    void r5Resubmit(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(refill());
        s.f.approvals.reject(u("bob"), s.task("bob", id).id(), Decision.comment("天数不对"));
        long refillTask = s.task("alice", id).id();
        assertThatThrownBy(() -> s.f.approvals.resubmit(u("alice"), id, Decision.comment("改").withForm(Map.of("days", 99))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("days");
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RETURNED);
        assertThatThrownBy(() -> s.f.approvals.resubmit(u("bob"), id, Decision.none())).isInstanceOf(ForbiddenException.class);
        s.f.approvals.resubmit(u("alice"), id, Decision.comment("已改为两天").withForm(Map.of("days", 2)));
        assertThat(s.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(s.tasks(id)).filteredOn(t -> t.id() == refillTask).singleElement()
                .satisfies(t -> assertThat(t.outcome()).isEqualTo("RESUBMITTED"));
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "dave");
        assertThat(s.f.queries.detail(s.f.admin, id).instance().form().get("days")).hasToString("2");
    }

    @DbTest
    @DisplayName("R6 the initiator abandons: the instance ends REJECTED, the refill task closes ABANDONED; only the initiator, only when returned")
    void r6Abandon(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(refill());
        assertThatThrownBy(() -> s.f.approvals.abandon(u("alice"), id, Decision.none())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("only a returned or withdrawn instance can be abandoned");
        s.f.approvals.reject(u("dave"), s.task("dave", id).id(), Decision.comment("不批"));
        assertThatThrownBy(() -> s.f.approvals.abandon(u("bob"), id, Decision.none())).isInstanceOf(ForbiddenException.class);
        s.f.approvals.abandon(u("alice"), id, Decision.comment("不请了"));
        assertThat(s.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(s.open(id)).isEmpty();
        assertThat(s.tasks(id)).filteredOn(t -> t.assigneeId().equals("alice")).extracting(Task::outcome).containsExactly("ABANDONED");
        assertThat(s.actions(id)).containsSubsequence("refill-requested", "abandoned", "ended");
    }

    @DbTest
    @DisplayName("R7 without the option a rejection still ends the instance; the option round-trips in JSON and the preview names it")
    void r7DefaultJsonAndPreview(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob"));
        s.reject("bob", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(Sem.single(ApprovalMode.ALL, "bob").toJson()).doesNotContain("onReject");
        assertThat(ProcessDefinition.fromJson(refill().toJson()).toJson()).contains("\"onReject\":\"REFILL\"");
        s.f.definitions.deploy(s.f.admin, refill());
        RoutePreview p = s.f.queries.preview(u("alice"), StartRequest.of("refill", WorkflowFixture.days(1)));
        assertThat(p.steps()).anySatisfy(step -> assertThat(step.note()).contains("驳回重填"));
    }
}
