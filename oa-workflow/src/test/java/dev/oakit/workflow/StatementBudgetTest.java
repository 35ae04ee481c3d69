package dev.oakit.workflow;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the approval commands to a statement budget (counted through a JDBC proxy), so that a
 * change that adds round trips to the hot path fails the build. The benchmark's target is 15 for a
 * whole leave life cycle (start, manager's todo and approval, director's todo and approval): the
 * history entries ride on the instance's UPDATE (inline timeline) and the directory answers
 * (manager, role members) come from the directory cache once warm. Cold, each directory question
 * costs one statement.
 */
class StatementBudgetTest {
    static final int START_BUDGET = 4; // insert instance, insert task, update instance (state + timeline), audit
    static final int APPROVE_BUDGET = 5; // lock+load, close task, insert task, update instance, audit
    static final int TODO_BUDGET = 1;
    static final int END_BUDGET = 4; // lock+load, close task, update instance, audit
    static final int CYCLE_BUDGET = 15;
    /** Without the directory cache: the manager at start and the director's role members at the manager's approval. */
    static final int CYCLE_BUDGET_UNCACHED = CYCLE_BUDGET + 2;

    @DbTest(only = TestDatabase.Kind.H2)
    void leaveLifeCycleStaysWithinItsStatementBudget(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        WorkflowFixture f = new WorkflowFixture(WorkflowFixture.startCounting(db, counting));
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        cycle(f, counting); // warms the definition cache, the audit head of the tenant and the directory cache
        counting.logging(true);
        long[] c = cycle(f, counting);

        assertThat(c[1]).as("todo query").isLessThanOrEqualTo(TODO_BUDGET);
        assertThat(c[3]).as("todo query").isLessThanOrEqualTo(TODO_BUDGET);
        assertThat(c[0]).as("start").isLessThanOrEqualTo(START_BUDGET);
        assertThat(c[2]).as("approve (manager)").isLessThanOrEqualTo(APPROVE_BUDGET);
        assertThat(c[4]).as("approve (director, ends the instance)").isLessThanOrEqualTo(END_BUDGET);
        assertThat(java.util.Arrays.stream(c).sum()).as("whole life cycle").isLessThanOrEqualTo(CYCLE_BUDGET);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void withoutTheDirectoryCacheEachDirectoryQuestionCostsOneStatement(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"),
                        "directoryCache", Map.of("ttl", "PT0S"))).build().start());
        WorkflowFixture f = new WorkflowFixture(oa);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        cycle(f, counting);
        long[] c = cycle(f, counting);
        assertThat(java.util.Arrays.stream(c).sum()).as("whole life cycle, uncached").isEqualTo(CYCLE_BUDGET_UNCACHED);
        assertThat(c[0]).as("start asks the manager").isEqualTo(START_BUDGET + 1);
        assertThat(c[2]).as("the manager's approval asks the director role").isEqualTo(APPROVE_BUDGET + 1);
    }

    /** Round trips beyond statements: one COMMIT per command, none for the todo queries (auto-commit reads). */
    @DbTest
    void aLifeCycleCommitsOncePerCommandAndNeverForItsQueries(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        WorkflowFixture f = new WorkflowFixture(WorkflowFixture.startCounting(db, counting));
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        cycle(f, counting);
        counting.reset();
        ProcessInstance pi = f.start("alice", "leave", days(5));
        assertThat(counting.commits()).as("start").isOne();
        counting.reset();
        Task t1 = f.todoOf("bob", pi.id());
        assertThat(counting.commits()).as("todo").isZero();
        f.approvals.approve(user("bob"), t1.id(), Decision.none());
        assertThat(counting.commits()).as("approve").isOne();
        counting.reset();
        Task t2 = f.todoOf("carol", pi.id());
        f.approvals.approve(user("carol"), t2.id(), Decision.none());
        assertThat(counting.commits()).as("todo and the approval that ends the instance").isOne();
        counting.reset();
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.APPROVED);
        assertThat(counting.commits()).as("detail").isZero();
    }

    @DbTest
    void aCountersignNodeOpensAllItsTasksInOneStatement(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        WorkflowFixture f = new WorkflowFixture(WorkflowFixture.startCounting(db, counting));
        java.util.List<String> signers = java.util.List.of("bob", "carol", "dave", "erin", "fay", "gus");
        f.definitions.deploy(f.admin, WorkflowFixture.single("countersign",
                a -> a.approver(ApproverRule.users(signers.toArray(String[]::new))).mode(ApprovalMode.ALL)));
        f.start("alice", "countersign", days(1)); // warms the caches
        counting.reset();
        ProcessInstance pi = f.start("alice", "countersign", days(1));
        assertThat(counting.reset()).as("start with six signers").isLessThanOrEqualTo(START_BUDGET);
        for (String u : signers) {
            assertThat(f.todoOf(u, pi.id()).assigneeId()).isEqualTo(u);
        }
        java.util.List<Long> ids = signers.stream().map(u -> f.todoOf(u, pi.id()).id()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        for (String u : signers) {
            f.approvals.approve(user(u), f.todoOf(u, pi.id()).id(), Decision.none());
        }
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.APPROVED);
    }

    /** @return statements of start, todo, approve, todo, approve */
    private static long[] cycle(WorkflowFixture f, CountingDataSource counting) {
        long[] c = new long[5];
        counting.reset();
        ProcessInstance pi = f.start("alice", "leave", days(5));
        java.util.List<String> startSql = counting.log();
        c[0] = counting.reset();
        Task t1 = f.todoOf("bob", pi.id());
        c[1] = counting.reset();
        f.approvals.approve(user("bob"), t1.id(), Decision.none());
        java.util.List<String> approveSql = counting.log();
        c[2] = counting.reset();
        Task t2 = f.todoOf("carol", pi.id());
        c[3] = counting.reset();
        f.approvals.approve(user("carol"), t2.id(), Decision.none());
        c[4] = counting.reset();
        System.getLogger("budget").log(System.Logger.Level.INFO, "statements " + java.util.Arrays.toString(c)
                + "\napprove SQL:\n" + String.join("\n", approveSql) + "\nstart SQL:\n" + String.join("\n", startSql));
        return c;
    }
}
