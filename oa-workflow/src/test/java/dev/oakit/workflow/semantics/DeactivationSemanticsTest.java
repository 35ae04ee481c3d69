package dev.oakit.workflow.semantics;

import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.User;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.OutOfOffice;
import dev.oakit.workflow.OutOfOffice.ProxyRequest;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.DisplayName;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rows L1–L5 of docs/approval-semantics.md: a user the directory deactivates (or an import marks
 * inactive) never keeps a task; the handover rules give it to someone who may take it, and the
 * timeline and the audit log say why. The hand-over runs after the deactivation committed, on the
 * durable listener job, so the tests wait for it.
 * Organisation: alice, dave, erin, fay, gus, hal report to bob (head of eng); bob and carol to zhao.
 */
class DeactivationSemanticsTest {

    private static OutOfOffice ooo(Sem s) {
        return s.f.oa.service(OutOfOffice.class);
    }

    private static void awaitHolder(Sem s, long id, String user) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(s.open(id)).containsExactly(user));
    }

    @DbTest
    @DisplayName("L1 deactivateUser: the task goes to the leaver's manager; the timeline and the audit log say why")
    void l1ToTheManager(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "erin"));
        s.f.directory.deactivateUser(s.f.admin, "erin");
        awaitHolder(s, id, "bob");
        assertThat(s.last(id, "handed-over").detail()).contains("to bob").contains("'erin' was deactivated in the directory");
        assertThat(s.f.oa.service(AuditLog.class).forTarget(s.f.admin, "user", "erin").stream()
                .filter(a -> a.action().equals("wf.user.deactivated-handover")))
                .singleElement().satisfies(a -> assertThat(a.summary()).contains("erin").contains("1 tasks"));
        s.approve("bob", id);
        assertThat(s.status(id).name()).isEqualTo("APPROVED");
    }

    @DbTest
    @DisplayName("L2 deactivateUser: the leaver's proxy in force takes the task first")
    void l2ToTheProxy(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "erin"));
        Instant now = Instant.now();
        ooo(s).setProxy(s.f.admin, new ProxyRequest("erin", "dave", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3)),
                List.of(), false));
        s.f.directory.deactivateUser(s.f.admin, "erin");
        awaitHolder(s, id, "dave");
        assertThat(s.last(id, "handed-over").detail()).contains("to dave").contains("proxy of erin");
    }

    @DbTest
    @DisplayName("L3 a manager who may not take the task (the initiator) is passed over: the next manager up")
    void l3PastTheInitiator(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run("bob", Sem.single(ApprovalMode.ALL, "erin"));
        s.f.directory.deactivateUser(s.f.admin, "erin");
        awaitHolder(s, id, "zhao");
        assertThat(s.last(id, "approver-skipped").detail()).contains("bob");
    }

    @DbTest
    @DisplayName("L4 an import row with active: false hands over like deactivateUser, and says so")
    void l4Import(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "erin"));
        s.f.directory.importUsers(s.f.admin, ImportFormat.JSON, new StringReader("[{\"id\": \"erin\", \"name\": \"ERIN\", \"active\": false}]"));
        awaitHolder(s, id, "bob");
        assertThat(s.last(id, "handed-over").detail()).contains("by a directory import");
    }

    @DbTest
    @DisplayName("L5 a delegate (委派) who leaves: the task goes back to its owner, who decides")
    void l5DelegateGoesBackToTheOwner(TestDatabase db) {
        Sem s = new Sem(db);
        long id = s.run(Sem.single(ApprovalMode.ALL, "carol"));
        s.f.approvals.delegate(u("carol"), s.task("carol", id).id(), "erin", Decision.none());
        s.f.directory.deactivateUser(s.f.admin, "erin");
        awaitHolder(s, id, "carol");
        Task back = s.task("carol", id);
        assertThat(back.ownerId()).isNull();
        s.approve("carol", id);
        assertThat(s.status(id).name()).isEqualTo("APPROVED");
    }

    @DbTest
    @DisplayName("L6 whoever is deactivated, in whatever order, no open or waiting task stays with an inactive user")
    void l6NoTaskWithAnInactiveUser(TestDatabase db) {
        Sem s = new Sem(db);
        ProcessDefinition all = WorkflowFixture.single("all", a -> a.mode(ApprovalMode.ALL)
                .approver(ApproverRule.users("erin", "dave", "fay")));
        ProcessDefinition seq = WorkflowFixture.single("seq", a -> a.mode(ApprovalMode.SEQUENTIAL)
                .approver(ApproverRule.users("gus", "hal", "erin")));
        s.f.definitions.deploy(s.f.admin, all);
        s.f.definitions.deploy(s.f.admin, seq);
        Random random = new Random(15);
        List<String> initiators = List.of("alice", "bob", "carol", "zhao");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(s.f.start(initiators.get(random.nextInt(initiators.size())), i % 2 == 0 ? "all" : "seq",
                    WorkflowFixture.days(1)).id());
        }
        s.f.approvals.addSigner(u("dave"), s.task("dave", ids.get(0)).id(), dev.oakit.workflow.SignerPosition.BEFORE,
                List.of("root"), Decision.none());
        List<String> leavers = new ArrayList<>(List.of("erin", "dave", "fay", "gus", "hal", "bob"));
        java.util.Collections.shuffle(leavers, random);
        Set<String> inactive = new TreeSet<>();
        for (String leaver : leavers.subList(0, 4)) {
            s.f.directory.deactivateUser(s.f.admin, leaver);
            inactive.add(leaver);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(held(s, ids))
                    .as("holders of open and waiting tasks, with %s inactive", inactive).doesNotContainAnyElementsOf(inactive));
        }
        assertThat(held(s, ids)).allSatisfy(user ->
                assertThat(s.f.directory.findUser(s.f.admin, user).map(User::active)).contains(true));
    }

    private static Set<String> held(Sem s, List<Long> ids) {
        Set<String> holders = new TreeSet<>();
        for (long id : ids) {
            s.tasks(id).stream().filter(t -> t.status() == TaskStatus.OPEN || t.status() == TaskStatus.WAITING)
                    .forEach(t -> holders.add(t.assigneeId()));
        }
        return holders;
    }
}
