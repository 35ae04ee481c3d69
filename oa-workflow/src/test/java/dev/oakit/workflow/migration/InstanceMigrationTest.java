package dev.oakit.workflow.migration;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceMigrations;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.MigrationPlan;
import dev.oakit.workflow.MigrationRefusedException;
import dev.oakit.workflow.MigrationReport;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.deadline.DeadlineTest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Running instances move to a newer version of their process: mapped, checked, refused with reasons, audited. */
class InstanceMigrationTest {
    /** The leave process of {@link WorkflowFixture#leave()} with an HR approval (fay) after the manager. */
    static ProcessDefinition leaveWithHr() {
        return ProcessDefinition.builder("leave").name("请假").form(WorkflowFixture.leaveForm())
                .start("start", java.util.Map.of("hrNote", dev.oakit.core.form.FieldAccess.HIDDEN))
                .approval("manager", a -> a.name("直属上级").approver(ApproverRule.manager(1)))
                .approval("hr", a -> a.name("人事").approver(ApproverRule.users("fay")))
                .exclusive("long")
                .approval("director", a -> a.name("总监").approver(ApproverRule.role("director")))
                .end("approved")
                .chain("start", "manager", "hr", "long")
                .when("long", "director", "form.days > 3").otherwise("long", "approved")
                .route("director", "approved")
                .build();
    }

    /** start → lead (the manager, renamed) → end: no director. */
    static ProcessDefinition leaveRenamed() {
        return ProcessDefinition.builder("leave").name("请假").form(WorkflowFixture.leaveForm()).start("start")
                .approval("lead", a -> a.name("组长").approver(ApproverRule.manager(1)))
                .end("approved").chain("start", "lead", "approved").build();
    }

    private static InstanceMigrations migrations(WorkflowFixture f) {
        return f.oa.service(InstanceMigrations.class);
    }

    private static Task open(WorkflowFixture f, long id, String user) {
        return f.queries.detail(f.admin, id).tasks().stream().filter(t -> t.status() == TaskStatus.OPEN && t.assigneeId().equals(user))
                .findFirst().orElseThrow(() -> new AssertionError(user + " has no open task on instance " + id));
    }

    private static List<String> openNodes(WorkflowFixture f, long id) {
        return f.queries.detail(f.admin, id).tasks().stream().filter(t -> t.status() == TaskStatus.OPEN)
                .map(t -> t.nodeId() + ":" + t.assigneeId()).toList();
    }

    private static int version(WorkflowFixture f, long id) {
        return f.queries.detail(f.admin, id).instance().processVersion();
    }

    private static List<HistoryEntry> timeline(WorkflowFixture f, long id) {
        return f.queries.detail(f.admin, id).timeline();
    }

    private static void approve(WorkflowFixture f, long id, String user) {
        f.approvals.approve(user(user), open(f, id, user).id(), Decision.none());
    }

    private static List<AuditRecord> audit(WorkflowFixture f, long id) {
        return f.oa.service(AuditLog.class).forTarget(f.admin, "process-instance", Long.toString(id)).stream()
                .filter(a -> a.action().equals("wf.instance.migrate")).toList();
    }

    @DbTest
    void aWaitingInstanceMovesToAVersionWithAnExtraNodeAndFollowsItsRoute(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long id = f.start("alice", "leave", days(1)).id();
        f.definitions.deploy(f.admin, leaveWithHr());

        MigrationReport report = migrations(f).migrateAll(f.admin, MigrationPlan.of("leave", 1, 2));

        assertThat(report.migrated()).containsExactly(id);
        assertThat(report.ok()).isTrue();
        assertThat(version(f, id)).isEqualTo(2);
        assertThat(openNodes(f, id)).containsExactly("manager:bob");
        approve(f, id, "bob");
        assertThat(openNodes(f, id)).containsExactly("hr:fay");
        approve(f, id, "fay");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);

        HistoryEntry line = timeline(f, id).stream().filter(e -> e.action().equals("migrated")).findFirst().orElseThrow();
        assertThat(line.actorId()).isEqualTo("root");
        assertThat(line.detail()).startsWith("migrated to version 2 by root").contains("from version 1");
        assertThat(audit(f, id)).singleElement().satisfies(a -> {
            assertThat(a.actorId()).isEqualTo("root");
            assertThat(a.summary()).contains("from v1 to v2").contains("mapping: same node ids");
        });
    }

    @DbTest
    void anInstanceWaitingAtANodeTheNewVersionDropsIsRefusedNamingTheNodeAndLeftAsItWas(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long atDirector = f.start("alice", "leave", days(5)).id();
        approve(f, atDirector, "bob");
        long atManager = f.start("dave", "leave", days(1)).id();
        f.definitions.deploy(f.admin, ProcessDefinition.builder("leave").form(WorkflowFixture.leaveForm()).start("start")
                .approval("manager", a -> a.approver(ApproverRule.manager(1))).end("approved").chain("start", "manager", "approved").build());
        MigrationPlan plan = MigrationPlan.of("leave", 1, 2);

        assertThatThrownBy(() -> migrations(f).migrate(f.admin, plan, atDirector)).isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
            assertThat(e.code()).isEqualTo(WorkflowErrors.MIGRATION_REFUSED);
            assertThat(e.reasons()).extracting(MigrationReport.Reason::problem, MigrationReport.Reason::nodeId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(MigrationReport.Problem.NO_COUNTERPART, "director"));
            assertThat(e.getMessage()).contains("node 'director'").contains("plan.map(\"director\"");
        });
        MigrationReport report = migrations(f).migrateAll(f.admin, plan);
        assertThat(report.migrated()).containsExactly(atManager);
        assertThat(report.refused()).extracting(MigrationReport.Refusal::instanceId).containsExactly(atDirector);

        assertThat(version(f, atDirector)).isEqualTo(1);
        assertThat(timeline(f, atDirector)).extracting(HistoryEntry::action).doesNotContain("migrated");
        assertThat(audit(f, atDirector)).isEmpty();
        approve(f, atDirector, "carol");
        assertThat(f.status(atDirector)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    void aRenamedNodeMovesByAnExplicitPair(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long id = f.start("alice", "leave", days(1)).id();
        f.definitions.deploy(f.admin, leaveRenamed());

        MigrationReport unmapped = migrations(f).validate(f.admin, MigrationPlan.of("leave", 1, 2), List.of(id));
        assertThat(unmapped.refused()).singleElement().satisfies(r -> assertThat(r.reasons()).extracting(MigrationReport.Reason::message)
                .singleElement().asString().contains("node 'manager'").contains("plan.map(\"manager\""));

        migrations(f).migrate(f.admin, MigrationPlan.of("leave", 1, 2).map("manager", "lead"), id);
        Task t = open(f, id, "bob");
        assertThat(t.nodeId()).isEqualTo("lead");
        assertThat(t.nodeName()).isEqualTo("组长");
        assertThat(f.queries.detail(f.admin, id).instance().activeNodes()).containsExactly("lead");
        approve(f, id, "bob");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(audit(f, id)).singleElement().extracting(AuditRecord::summary).asString().contains("manager=lead");
    }

    @DbTest
    void aWaitingNodeMappedOntoTheTargetOfANodeAlreadyRunIsRefusedAsMerged(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, ProcessDefinition.builder("leave").form(WorkflowFixture.leaveForm()).start("start")
                .approval("lead", a -> a.approver(ApproverRule.users("fay")))
                .approval("manager", a -> a.approver(ApproverRule.manager(1)))
                .end("approved").chain("start", "lead", "manager", "approved").build());
        long id = f.start("alice", "leave", days(1)).id();
        approve(f, id, "fay");
        assertThat(openNodes(f, id)).containsExactly("manager:bob");
        f.definitions.deploy(f.admin, leaveRenamed());
        MigrationPlan plan = MigrationPlan.of("leave", 1, 2).map("manager", "lead");

        assertThatThrownBy(() -> migrations(f).migrate(f.admin, plan, id)).isInstanceOfSatisfying(MigrationRefusedException.class,
                e -> assertThat(e.reasons()).extracting(MigrationReport.Reason::problem, MigrationReport.Reason::nodeId)
                        .contains(org.assertj.core.groups.Tuple.tuple(MigrationReport.Problem.MERGED, "manager")));
        assertThat(version(f, id)).isEqualTo(1);
        approve(f, id, "bob");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    @DbTest
    void aHalfSignedCountersignKeepsItsVotesAndAnotherModeIsRefused(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.single("p", a -> a.mode(ApprovalMode.ALL).approver(ApproverRule.users("bob", "carol", "dave"))));
        long id = f.start("alice", "p", days(1)).id();
        approve(f, id, "bob");
        f.definitions.deploy(f.admin, WorkflowFixture.single("p", a -> a.name("会签").mode(ApprovalMode.ALL)
                .approver(ApproverRule.users("bob", "carol", "dave", "erin"))));
        f.definitions.deploy(f.admin, WorkflowFixture.single("p", a -> a.mode(ApprovalMode.ANY).approver(ApproverRule.users("bob", "carol"))));

        assertThat(migrations(f).validate(f.admin, MigrationPlan.of("p", 1, 3), List.of(id)).refused()).singleElement()
                .satisfies(r -> assertThat(r.reasons()).singleElement().satisfies(x -> {
                    assertThat(x.problem()).isEqualTo(MigrationReport.Problem.MODE_CHANGED);
                    assertThat(x.message()).contains("node 'a' decides ALL (会签)").contains("ANY (或签)");
                }));
        migrations(f).migrate(f.admin, MigrationPlan.of("p", 1, 2), id);

        // bob's signature carries over; the tasks keep their assignees (erin, added by v2's rule, is not asked)
        assertThat(openNodes(f, id)).containsExactlyInAnyOrder("a:carol", "a:dave");
        assertThat(open(f, id, "carol").nodeName()).isEqualTo("会签");
        approve(f, id, "carol");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.RUNNING);
        approve(f, id, "dave");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(f.queries.detail(f.admin, id).tasks()).extracting(t -> t.assigneeId() + ":" + t.outcome())
                .containsExactlyInAnyOrder("bob:APPROVED", "carol:APPROVED", "dave:APPROVED");
    }

    @DbTest
    void deadlinesArePlannedAgainInWorkingTimeFromWhenTheTaskOpened(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = DeadlineTest.start(db, clock);
        f.definitions.deploy(f.admin, WorkflowFixture.single("d", a -> a.approver(ApproverRule.users("bob"))
                .deadline(Deadline.of("P1D").calendar("cn"))));
        long id = f.start("alice", "d", days(1)).id();
        // Monday 10:00 Shanghai + 1 working day
        assertThat(open(f, id, "bob").dueAt()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
        clock.advance(Duration.ofHours(1));
        f.definitions.deploy(f.admin, WorkflowFixture.single("d", a -> a.approver(ApproverRule.users("bob"))
                .deadline(Deadline.of("PT4H").calendar("cn"))));

        migrations(f).migrate(f.admin, MigrationPlan.of("d", 1, 2), id);

        // from Monday 10:00, four working hours skip lunch: Monday 15:00 Shanghai
        assertThat(open(f, id, "bob").dueAt()).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
    }

    @DbTest
    void aDryRunChangesNothing(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long id = f.start("alice", "leave", days(1)).id();
        f.definitions.deploy(f.admin, leaveWithHr());
        List<HistoryEntry> before = timeline(f, id);

        MigrationReport report = migrations(f).validateAll(f.admin, MigrationPlan.of("leave", 1, 2));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.migrated()).containsExactly(id);
        assertThat(version(f, id)).isEqualTo(1);
        assertThat(timeline(f, id)).isEqualTo(before);
        assertThat(audit(f, id)).isEmpty();
        approve(f, id, "bob");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED); // still v1: no HR step
    }

    @DbTest
    void anInstanceThatFailsUnexpectedlyIsReportedAndTheOthersStillMigrate(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long first = f.start("alice", "leave", days(1)).id();
        long broken = f.start("dave", "leave", days(1)).id();
        long last = f.start("alice", "leave", days(2)).id();
        f.definitions.deploy(f.admin, leaveWithHr());
        try (var c = db.dataSource().getConnection(); var st = c.prepareStatement("UPDATE oa_wf_instance SET state = ? WHERE id = ?")) {
            st.setString(1, "{not json");
            st.setLong(2, broken);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        MigrationPlan plan = MigrationPlan.of("leave", 1, 2);

        for (MigrationReport report : List.of(migrations(f).validateAll(f.admin, plan), migrations(f).migrateAll(f.admin, plan))) {
            assertThat(report.migrated()).containsExactly(first, last);
            assertThat(report.refused()).singleElement().satisfies(r -> {
                assertThat(r.instanceId()).isEqualTo(broken);
                assertThat(r.reasons()).singleElement().satisfies(reason -> {
                    assertThat(reason.problem()).isEqualTo(MigrationReport.Problem.FAILED);
                    assertThat(reason.message()).isNotBlank();
                });
            });
        }
        assertThat(version(f, first)).isEqualTo(2);
        assertThat(version(f, last)).isEqualTo(2);
    }

    @DbTest
    void onlyAdministratorsMigrateAndAPlanThatDoesNotHoldListsEveryProblem(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long id = f.start("alice", "leave", days(1)).id();
        assertThatThrownBy(() -> migrations(f).migrateAll(user("bob"), MigrationPlan.of("leave", 1, 2)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only administrators");
        assertThatThrownBy(() -> migrations(f).migrate(f.admin, MigrationPlan.of("leave", 1, 2).map("ghost", "manager"), id))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(WorkflowErrors.MIGRATION_PLAN_INVALID);
                    assertThat(e.paths()).containsExactly("toVersion", "mapping.ghost");
                    assertThat(e.getMessage()).contains("deploy the new version first").contains("has no node 'ghost'");
                });
    }

    @DbTest
    void parallelBranchesInFlightMoveWithTheirJoinOrAreRefused(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, parallel("c"));
        long id = f.start("alice", "par", days(1)).id();
        approve(f, id, "bob"); // branch a done; branch b (carol) waits
        f.definitions.deploy(f.admin, parallel("d"));
        f.definitions.deploy(f.admin, ProcessDefinition.builder("par").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.approver(ApproverRule.users("bob"))).approval("b", x -> x.approver(ApproverRule.users("carol")))
                .end("end").chain("start", "a", "b", "end").build());

        assertThat(migrations(f).validate(f.admin, MigrationPlan.of("par", 1, 3), List.of(id)).refused()).singleElement()
                .satisfies(r -> assertThat(r.reasons()).extracting(MigrationReport.Reason::problem)
                        .contains(MigrationReport.Problem.BRANCHES_IN_FLIGHT));
        migrations(f).migrate(f.admin, MigrationPlan.of("par", 1, 2), id);
        approve(f, id, "carol");
        assertThat(openNodes(f, id)).containsExactly("d:zhao");
        approve(f, id, "zhao");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);
    }

    /** start → split → (a: bob | b: carol) → join → {@code after}: zhao → end. */
    static ProcessDefinition parallel(String after) {
        return ProcessDefinition.builder("par").form(WorkflowFixture.leaveForm()).start("start")
                .parallel("split")
                .approval("a", x -> x.approver(ApproverRule.users("bob")))
                .approval("b", x -> x.approver(ApproverRule.users("carol")))
                .join("join", "split")
                .approval(after, x -> x.approver(ApproverRule.users("zhao")))
                .end("end")
                .chain("start", "split").route("split", "a").route("split", "b")
                .route("a", "join").route("b", "join").chain("join", after, "end").build();
    }

    @DbTest(only = {TestDatabase.Kind.H2, TestDatabase.Kind.POSTGRESQL, TestDatabase.Kind.MARIADB})
    void anApprovalRacingAMigrationNeverHalfApplies(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db);
        ProcessDefinition v1 = ProcessDefinition.builder("two").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.approver(ApproverRule.users("bob"))).approval("b", x -> x.approver(ApproverRule.users("carol")))
                .end("end").chain("start", "a", "b", "end").build();
        ProcessDefinition v2 = ProcessDefinition.builder("two").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", x -> x.approver(ApproverRule.users("bob"))).approval("x", x -> x.approver(ApproverRule.users("dave")))
                .approval("b", x -> x.approver(ApproverRule.users("carol"))).end("end").chain("start", "a", "x", "b", "end").build();
        f.definitions.deploy(f.admin, v1);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(f.start("alice", "two", days(1)).id());
        }
        List<Long> bobTasks = ids.stream().map(id -> open(f, id, "bob").id()).toList();
        f.definitions.deploy(f.admin, v2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?> approvals = pool.submit(() -> {
                go.await();
                for (long t : bobTasks) {
                    f.approvals.approve(user("bob"), t, Decision.none());
                }
                return null;
            });
            Future<MigrationReport> migration = pool.submit(() -> {
                go.await();
                return migrations(f).migrateAll(f.admin, MigrationPlan.of("two", 1, 2));
            });
            go.countDown();
            approvals.get(60, TimeUnit.SECONDS);
            assertThat(migration.get(60, TimeUnit.SECONDS).refused()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertThat(version(f, id)).isEqualTo(2);
            List<String> actions = timeline(f, id).stream().map(HistoryEntry::action).filter(a -> a.equals("approved")
                    || a.equals("migrated")).toList();
            // whichever came first, the other saw its whole result: migrated first → the new route; approved first → the old task moved
            String expected = actions.get(0).equals("migrated") ? "x:dave" : "b:carol";
            assertThat(openNodes(f, id)).as("instance %d after %s", id, actions).containsExactly(expected);
        }
    }
}
