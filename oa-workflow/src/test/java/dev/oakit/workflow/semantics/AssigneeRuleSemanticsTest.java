package dev.oakit.workflow.semantics;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.OutOfOffice;
import dev.oakit.workflow.OutOfOffice.ProxyRequest;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.deadline.DeadlineTest;
import org.junit.jupiter.api.DisplayName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows E1–E12 of docs/approval-semantics.md: every path that gives a task to a person passes the
 * same check (whenInitiator, separation of duties, one seat per person and node).
 * Organisation: alice, dave, erin, fay, gus, hal report to bob (head of eng); bob and carol to zhao.
 */
class AssigneeRuleSemanticsTest {
    private static OutOfOffice ooo(Sem s) {
        return s.f.oa.service(OutOfOffice.class);
    }

    private static ProxyRequest proxy(String user, String to, boolean move) {
        Instant now = Instant.now();
        return new ProxyRequest(user, to, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(5)), List.of(), move);
    }

    private static ValidationException.Problem only(ValidationException e) {
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @DbTest
    @DisplayName("E1 the approver rule: the onEmpty fallback passes the same check (an administrator separated from an earlier node is left out)")
    void e1RuleFallback(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("fallback").form(WorkflowFixture.leaveForm()).start("start")
                .approval("first", x -> x.approver(ApproverRule.users("root")))
                .approval("second", x -> x.approver(ApproverRule.users("root")).separateFrom("first").onEmpty(Node.NoApprover.ADMIN))
                .end("end").chain("start", "first", "second", "end").build();
        long id = s.run(d);
        long first = s.f.todoOf("root", id).id();
        assertThatThrownBy(() -> s.f.approvals.approve(u("root"), first, Decision.none()))
                .isInstanceOf(dev.oakit.core.ConflictException.class).hasMessageContaining("OA-WF/NO_APPROVER");
        assertThat(s.open(id)).containsExactly("root");
        assertThat(s.active(id)).containsExactly("first");
    }

    @DbTest
    @DisplayName("E2 a proxy (委托) never hands the initiator a task of her own instance; the approver keeps it and the timeline says why")
    void e2ProxyToTheInitiator(TestDatabase db) {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, WorkflowFixture.leave());
        ooo(s).setProxy(u("bob"), proxy("bob", "alice", false));
        long own = s.f.start("alice", "leave", WorkflowFixture.days(1)).id();
        assertThat(s.open(own)).containsExactly("bob");
        assertThat(s.f.todos("alice")).isEmpty();
        HistoryEntry kept = s.last(own, "proxy-kept");
        assertThat(kept.actorId()).isEqualTo("system");
        assertThat(kept.detail()).contains("alice").contains("started instance " + own).contains("stays with bob");
        // another employee's leave still goes to the proxy
        long dave = s.f.start("dave", "leave", WorkflowFixture.days(1)).id();
        assertThat(s.f.todoOf("alice", dave).onBehalfOf()).isEqualTo("bob");
    }

    @DbTest
    @DisplayName("E3 a proxy who already has a seat at the node (co-signer, later in the sequence) is skipped: no second vote;"
            + " an approver whose proxy decided has had their seat")
    void e3ProxyWithASeatAtTheNode(TestDatabase db) {
        Sem s = new Sem(db);
        ooo(s).setProxy(u("bob"), proxy("bob", "erin", false));
        long all = s.run(Sem.single(ApprovalMode.ALL, "bob", "erin"));
        assertThat(s.open(all)).containsExactlyInAnyOrder("bob", "erin");
        assertThat(s.last(all, "proxy-kept").detail()).contains("erin").contains("already");

        long decided = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        s.approve("erin", decided); // for bob
        assertThatThrownBy(() -> s.f.approvals.transfer(u("carol"), s.task("carol", decided).id(), "bob", Decision.none()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(only(e).message()).contains("'bob' already decided"));

        s.f.definitions.deploy(s.f.admin, WorkflowFixture.single("seq", a -> a.mode(ApprovalMode.SEQUENTIAL)
                .approver(ApproverRule.users("bob", "erin"))));
        long seq = s.f.start("alice", "seq", WorkflowFixture.days(1)).id();
        assertThat(s.open(seq)).containsExactly("bob");
        s.approve("bob", seq);
        assertThat(s.open(seq)).containsExactly("erin");
        s.approve("erin", seq);
        assertThat(s.status(seq)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("E4 a proxy who approved a node this one is separated from is skipped")
    void e4ProxySeparationOfDuties(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("sod").form(WorkflowFixture.leaveForm()).start("start")
                .approval("check", x -> x.approver(ApproverRule.users("dave")))
                .approval("pay", x -> x.approver(ApproverRule.users("bob")).separateFrom("check"))
                .end("end").chain("start", "check", "pay", "end").build();
        long id = s.run(d);
        ooo(s).setProxy(u("bob"), proxy("bob", "dave", false));
        s.approve("dave", id);
        assertThat(s.open(id)).containsExactly("bob");
        assertThat(s.last(id, "proxy-kept").detail()).contains("dave").contains("separated");
    }

    @DbTest
    @DisplayName("E5 moving open tasks to a new proxy obeys the same rule: a task the proxy may not take stays")
    void e5ProxyMovesOpenTasks(TestDatabase db) {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, WorkflowFixture.leave());
        long own = s.f.start("alice", "leave", WorkflowFixture.days(1)).id();
        long dave = s.f.start("dave", "leave", WorkflowFixture.days(1)).id();
        OutOfOffice.ProxyRule rule = ooo(s).setProxy(u("bob"), proxy("bob", "alice", true));
        assertThat(rule.movedTasks()).isEqualTo(1);
        assertThat(s.open(own)).containsExactly("bob");
        assertThat(s.last(own, "proxy-kept").detail()).contains("alice");
        assertThat(s.f.todoOf("alice", dave).onBehalfOf()).isEqualTo("bob");
    }

    @DbTest
    @DisplayName("E6 transfer: a ValidationException on toUserId names the person and the rule (initiator, a later turn, a delegating owner)")
    void e6Transfer(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        long bob = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.transfer(u("bob"), bob, "alice", Decision.none()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-WF/INITIATOR_NOT_ALLOWED");
                    assertThat(only(e).path()).isEqualTo("toUserId");
                    assertThat(only(e).message()).contains("'alice'").contains("started instance " + id);
                });
        s.f.approvals.delegate(u("carol"), s.task("carol", id).id(), "dave", Decision.none());
        assertThatThrownBy(() -> s.f.approvals.transfer(u("bob"), bob, "carol", Decision.none()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-WF/ALREADY_ASSIGNED");
                    assertThat(only(e).message()).contains("'carol'").contains("delegated");
                });

        long seq = s.run(Sem.single(ApprovalMode.SEQUENTIAL, "bob", "carol"));
        assertThatThrownBy(() -> s.f.approvals.transfer(u("bob"), s.task("bob", seq).id(), "carol", Decision.none()))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(only(e).message()).contains("'carol'").contains("later in the sequence"));
        assertThat(s.open(seq)).containsExactly("bob");
    }

    @DbTest
    @DisplayName("E6 with workflow.initiatorAsStandIn the initiator may take a task on a KEEP node, never on a SKIP or MANAGER node")
    void e6TransferToTheInitiatorWhenTheHostAllowsStandIns(TestDatabase db) {
        Sem s = new Sem(new WorkflowFixture(db.start(b -> b.plugin(new dev.oakit.workflow.WorkflowPlugin())
                .config("workflow", java.util.Map.of("initiatorAsStandIn", true)))));
        long keep = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        s.f.approvals.transfer(u("bob"), s.task("bob", keep).id(), "alice", Decision.none());
        assertThat(s.open(keep)).containsExactlyInAnyOrder("alice", "carol");

        long skip = s.run(Sem.single(a -> a.approver(ApproverRule.users("bob")).whenInitiator(Node.InitiatorApprover.SKIP)));
        assertThatThrownBy(() -> s.f.approvals.transfer(u("bob"), s.task("bob", skip).id(), "alice", Decision.none()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("OA-WF/INITIATOR_NOT_ALLOWED"));
    }

    @DbTest
    @DisplayName("E6 transfer and delegate with a proxy (委托): nobody who sits at the node through a proxy task gets a second task;"
            + " the proxy may hand the task back to the approver it holds it for")
    void e6TransferAndDelegateWithAProxy(TestDatabase db) {
        Sem s = new Sem(db);
        ooo(s).setProxy(u("root"), proxy("root", "alice", false));
        long id = s.run("dave", Sem.single(ApprovalMode.ALL, "root", "carol"));
        assertThat(s.task("alice", id).onBehalfOf()).isEqualTo("root");
        long carol = s.task("carol", id).id();
        for (String to : List.of("alice", "root")) {
            assertThatThrownBy(() -> s.f.approvals.transfer(u("carol"), carol, to, Decision.none())).as(to)
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo("OA-WF/ALREADY_ASSIGNED");
                        assertThat(only(e).message()).contains("'" + to + "'");
                    });
            assertThatThrownBy(() -> s.f.approvals.delegate(u("carol"), carol, to, Decision.none())).as(to)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("OA-WF/ALREADY_ASSIGNED"));
        }
        long held = s.task("alice", id).id();
        assertThatThrownBy(() -> s.f.approvals.transfer(u("alice"), held, "carol", Decision.none()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("OA-WF/ALREADY_ASSIGNED"));
        // back from the proxy to the approver: root holds his own task, for nobody
        s.f.approvals.transfer(u("alice"), held, "root", Decision.none());
        assertThat(s.open(id)).containsExactlyInAnyOrder("root", "carol");
        assertThat(s.task("root", id).onBehalfOf()).isNull();
        s.approve("root", id);
        s.approve("carol", id);
        assertThat(s.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    @DisplayName("E7 delegate: the same rule, a ValidationException on toUserId")
    void e7Delegate(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.approver(ApproverRule.users("bob", "carol")).whenInitiator(Node.InitiatorApprover.SKIP)));
        long bob = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.delegate(u("bob"), bob, "alice", Decision.none()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-WF/INITIATOR_NOT_ALLOWED");
                    assertThat(only(e).path()).isEqualTo("toUserId");
                    assertThat(only(e).message()).contains("whenInitiator SKIP");
                });
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
    }

    @DbTest
    @DisplayName("E8 addSigner: every signer who may not sit at the node is listed at once, each on its userIds[k]")
    void e8AddSigner(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "bob", "carol"));
        long bob = s.task("bob", id).id();
        assertThatThrownBy(() -> s.f.approvals.addSigner(u("bob"), bob, SignerPosition.PARALLEL, List.of("dave", "alice", "carol"),
                Decision.none())).isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.paths()).containsExactly("userIds[1]", "userIds[2]");
                    assertThat(e.getMessage()).contains("'alice'").contains("'carol'");
                });
        assertThat(s.open(id)).containsExactlyInAnyOrder("bob", "carol");
    }

    @DbTest
    @DisplayName("E8 addSigner with a proxy (委托): a signer whose proxy is another signer of the batch keeps the task; nobody gets two seats")
    void e8AddSignerWhoseProxyIsAnotherSigner(TestDatabase db) {
        Sem s = new Sem(db);
        ooo(s).setProxy(u("root"), proxy("root", "alice", false));
        for (SignerPosition position : SignerPosition.values()) {
            for (List<String> signers : List.of(List.of("root", "alice"), List.of("alice", "root"))) {
                long id = s.run("dave", Sem.single(ApprovalMode.ALL, "carol", "gus"));
                s.f.approvals.addSigner(u("carol"), s.task("carol", id).id(), position, signers, Decision.none());
                String as = position + " " + signers;
                assertThat(s.open(id)).as(as).contains("root", "alice").doesNotHaveDuplicates();
                assertThat(s.tasks(id)).as(as).extracting(Task::onBehalfOf).containsOnlyNulls();
                assertThat(s.last(id, "proxy-kept").detail()).as(as).contains("alice").contains("stays with root");
            }
        }
    }

    @DbTest
    @DisplayName("E9 claim: a candidate who has a seat at the node already may not claim the pooled task (ForbiddenException)")
    void e9Claim(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(a -> a.approver(ApproverRule.role("finance")).pool()));
        long task = s.f.queries.pool(u("fay"), TodoQuery.firstPage()).get(0).id();
        s.f.approvals.claim(u("fay"), task, Decision.none());
        s.f.approvals.addSigner(u("fay"), task, SignerPosition.PARALLEL, List.of("gus"), Decision.none());
        s.f.approvals.release(u("fay"), task, Decision.none());
        assertThatThrownBy(() -> s.f.approvals.claim(u("gus"), task, Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("OA-WF/ALREADY_ASSIGNED").hasMessageContaining("'gus'");
        s.f.approvals.claim(u("hal"), task, Decision.none());
        assertThat(s.open(id)).containsExactlyInAnyOrder("gus", "hal");
    }

    @DbTest
    @DisplayName("E10 a SEQUENTIAL turn skips an approver who meanwhile approved a node this one is separated from")
    void e10SequentialTurn(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition d = ProcessDefinition.builder("branches").form(WorkflowFixture.leaveForm()).start("start")
                .parallel("split")
                .approval("check", x -> x.approver(ApproverRule.users("dave")))
                .approval("pay", x -> x.mode(ApprovalMode.SEQUENTIAL).approver(ApproverRule.users("bob", "dave", "carol"))
                        .separateFrom("check"))
                .join("join", "split").end("end")
                .chain("start", "split").route("split", "check").route("split", "pay")
                .route("check", "join").route("pay", "join").chain("join", "end").build();
        long id = s.run(d);
        s.approve("dave", id);
        s.approve("bob", id);
        assertThat(s.open(id)).containsExactly("carol");
        assertThat(s.last(id, "approver-skipped").detail()).contains("dave").contains("separated");
    }

    @DbTest
    @DisplayName("E11 the timeout ladder: a manager who may not take the task is passed over for the next manager up, and the timeline says why")
    void e11Timeouts(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = DeadlineTest.start(db, clock);
        f.definitions.deploy(f.admin, WorkflowFixture.single("reassign", a -> a.approver(ApproverRule.users("erin"))
                .deadline(Deadline.of("PT1H").timeouts(Timeout.at("PT0S", Timeout.Action.REASSIGN_TO_MANAGER)))));
        f.definitions.deploy(f.admin, WorkflowFixture.single("add", a -> a.approver(ApproverRule.users("erin", "bob"))
                .deadline(Deadline.of("PT1H").timeouts(Timeout.at("PT0S", Timeout.Action.ADD_MANAGER)))));
        // erin's manager bob started the instance: zhao, next up, gets it
        long reassigned = f.start("bob", "reassign", WorkflowFixture.days(1)).id();
        // erin's manager bob already has a seat at the node: zhao is added instead
        long added = f.start("alice", "add", WorkflowFixture.days(1)).id();
        List<HistoryEntry> h = DeadlineTest.advance(f, clock, Duration.ofHours(2), reassigned,
                t -> DeadlineTest.count(t, "timeout-reassigned") == 1);
        assertThat(f.queries.detail(f.admin, reassigned).tasks()).extracting(Task::assigneeId).containsExactly("zhao");
        assertThat(h).filteredOn(e -> e.action().equals("approver-skipped")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("bob").contains("started instance " + reassigned));
        DeadlineTest.advance(f, clock, Duration.ofMinutes(1), added, t -> DeadlineTest.count(t, "signer-added") == 1);
        assertThat(f.queries.detail(f.admin, added).tasks()).extracting(Task::assigneeId)
                .containsExactlyInAnyOrder("erin", "bob", "zhao");
        assertThat(f.queries.detail(f.admin, added).timeline()).filteredOn(e -> e.action().equals("approver-skipped"))
                .anySatisfy(e -> assertThat(e.detail()).contains("bob").contains("already"));
    }

    @DbTest
    @DisplayName("E12 handover: a task the successor may not take goes to the successor's manager, and the report says so")
    void e12Handover(TestDatabase db) {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, WorkflowFixture.single("buy", a -> a.approver(ApproverRule.users("erin"))));
        long bobs = s.f.start("bob", "buy", WorkflowFixture.days(1)).id();
        long daves = s.f.start("dave", "buy", WorkflowFixture.days(1)).id();
        OutOfOffice.HandoverReport report = ooo(s).handover(s.f.admin, "erin", "bob");
        assertThat(s.open(daves)).containsExactly("bob");
        assertThat(s.open(bobs)).containsExactly("zhao");
        long redirected = s.f.todoOf("zhao", bobs).id();
        assertThat(report.movedTaskIds()).hasSize(2).contains(redirected);
        assertThat(report.redirected()).singleElement().satisfies(r -> {
            assertThat(r.taskId()).isEqualTo(redirected);
            assertThat(r.toUserId()).isEqualTo("zhao");
            assertThat(r.reason()).contains("bob").contains("started instance " + bobs);
        });
        assertThat(s.last(bobs, "approver-skipped").detail()).contains("bob");
    }
}
