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
 * change that adds round trips to the hot path fails the build. The budgets are today's counts;
 * lower them as the engine gets leaner (the benchmark's target is 15 for a whole leave life cycle).
 */
class StatementBudgetTest {
    static final int START_BUDGET = 6;
    static final int APPROVE_BUDGET = 7;
    static final int TODO_BUDGET = 1;
    static final int END_BUDGET = 5;

    @DbTest(only = TestDatabase.Kind.H2)
    void leaveLifeCycleStaysWithinItsStatementBudget(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(OaKit.builder().dataSource(counting).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false))).build().start());
        WorkflowFixture f = new WorkflowFixture(oa);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        f.start("alice", "leave", days(1)); // warm the definition cache and the audit head of the tenant
        counting.logging(true);

        counting.reset();
        ProcessInstance pi = f.start("alice", "leave", days(5));
        java.util.List<String> startSql = counting.log();
        long start = counting.reset();
        Task t1 = f.todoOf("bob", pi.id());
        long todo = counting.reset();
        f.approvals.approve(user("bob"), t1.id(), Decision.none());
        long approve1 = counting.count();
        java.util.List<String> approveSql = counting.log();
        counting.reset();
        Task t2 = f.todoOf("carol", pi.id());
        counting.reset();
        f.approvals.approve(user("carol"), t2.id(), Decision.none());
        long approve2 = counting.reset();

        System.getLogger("budget").log(System.Logger.Level.INFO, "start=" + start + " todo=" + todo + " approve=" + approve1 + "/" + approve2
                + "\napprove SQL:\n" + String.join("\n", approveSql) + "\nstart SQL:\n" + String.join("\n", startSql));
        assertThat(todo).as("todo query").isLessThanOrEqualTo(TODO_BUDGET);
        assertThat(approve1).as("approve (manager) : %s", approveSql).isLessThanOrEqualTo(APPROVE_BUDGET);
        assertThat(start).as("start").isLessThanOrEqualTo(START_BUDGET);
        assertThat(approve1).as("approve (manager) : %s", approveSql).isLessThanOrEqualTo(APPROVE_BUDGET);
        assertThat(approve2).as("approve (director, ends the instance)").isLessThanOrEqualTo(END_BUDGET);
    }
}
