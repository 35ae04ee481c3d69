package dev.oakit.workflow.semantics;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitionBuilder;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowFixture;

import java.util.List;
import java.util.function.Consumer;

/** Helpers for the semantics tests: one fixture, short verbs, and the facts the tests check. */
final class Sem {
    final WorkflowFixture f;

    Sem(TestDatabase db) {
        this(new WorkflowFixture(db));
    }

    Sem(WorkflowFixture f) {
        this.f = f;
    }

    static Actor u(String id) {
        return WorkflowFixture.user(id);
    }

    /** Deploys a definition and starts it as alice with a valid leave form. */
    long run(ProcessDefinition def) {
        return run("alice", def);
    }

    long run(String initiator, ProcessDefinition def) {
        f.definitions.deploy(f.admin, def);
        return f.start(initiator, def.key(), WorkflowFixture.days(1)).id();
    }

    /** start → a → end with one approval node. */
    static ProcessDefinition single(ApprovalMode mode, String... users) {
        return WorkflowFixture.single("p", a -> a.mode(mode).approver(ApproverRule.users(users)));
    }

    static ProcessDefinition single(Consumer<ProcessDefinitionBuilder.ApprovalBuilder> spec) {
        return WorkflowFixture.single("p", spec);
    }

    /** start → a (users a) → b (users b) → end, both ALL. */
    static ProcessDefinition two(List<String> a, List<String> b) {
        return ProcessDefinition.builder("p2").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.approver(ApproverRule.users(a.toArray(String[]::new))))
                .approval("b", x -> x.approver(ApproverRule.users(b.toArray(String[]::new))))
                .end("end").chain("start", "a", "b", "end").build();
    }

    /** start → split → (a: bob | b: carol) → join → c: zhao → end. */
    static ProcessDefinition parallel() {
        return ProcessDefinition.builder("par").form(WorkflowFixture.leaveForm()).start("start")
                .approval("pre", x -> x.approver(ApproverRule.users("dave")))
                .parallel("split")
                .approval("a", x -> x.approver(ApproverRule.users("bob")))
                .approval("b", x -> x.approver(ApproverRule.users("carol")))
                .join("join", "split")
                .approval("c", x -> x.approver(ApproverRule.users("zhao")))
                .end("end")
                .chain("start", "pre", "split").route("split", "a").route("split", "b")
                .route("a", "join").route("b", "join").chain("join", "c", "end").build();
    }

    Task task(String user, long id) {
        return f.todoOf(user, id);
    }

    List<String> open(long id) {
        return f.queries.detail(f.admin, id).tasks().stream()
                .filter(t -> t.status() == TaskStatus.OPEN).map(Task::assigneeId).toList();
    }

    List<Task> tasks(long id) {
        return f.queries.detail(f.admin, id).tasks();
    }

    List<String> waiting(long id) {
        return f.queries.detail(f.admin, id).tasks().stream()
                .filter(t -> t.status() == TaskStatus.WAITING).map(Task::assigneeId).toList();
    }

    void approve(String user, long id) {
        f.approvals.approve(u(user), task(user, id).id(), Decision.none());
    }

    void reject(String user, long id) {
        f.approvals.reject(u(user), task(user, id).id(), Decision.none());
    }

    InstanceStatus status(long id) {
        return f.status(id);
    }

    List<String> actions(long id) {
        return timeline(id).stream().map(HistoryEntry::action).toList();
    }

    List<HistoryEntry> timeline(long id) {
        return f.queries.detail(f.admin, id).timeline();
    }

    HistoryEntry last(long id, String action) {
        List<HistoryEntry> t = timeline(id);
        for (int i = t.size() - 1; i >= 0; i--) {
            if (t.get(i).action().equals(action)) {
                return t.get(i);
            }
        }
        throw new AssertionError("no '" + action + "' in " + actions(id));
    }

    List<String> active(long id) {
        return f.queries.detail(f.admin, id).instance().activeNodes();
    }
}
