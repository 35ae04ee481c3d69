package dev.oakit.workflow.deadline;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskDeadlines;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowFixture;

import java.time.Duration;
import java.util.List;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** The todo list by urgency: due time, then priority, then age; tasks without a deadline last. */
class TodoUrgencyTest {

    @DbTest
    void earliestDeadlineFirstThenUrgentThenOldestAndNoDeadlineLast(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = DeadlineTest.start(db, clock);
        // review within 1 working day (urgent too), a quick check within 2 working hours, and one without a deadline
        f.definitions.deploy(f.admin, WorkflowFixture.single("review", a -> a.approver(ApproverRule.manager(1))
                .deadline(Deadline.of("P1D").urgent("P1D").calendar("cn"))));
        f.definitions.deploy(f.admin, WorkflowFixture.single("quick", a -> a.approver(ApproverRule.manager(1))
                .deadline(Deadline.of("PT2H").calendar("cn"))));
        f.definitions.deploy(f.admin, WorkflowFixture.single("open", a -> a.approver(ApproverRule.manager(1))));

        ProcessInstance noDeadlineOld = f.start("alice", "open", days(1));
        ProcessInstance normal = f.start("alice", "review", days(1));
        ProcessInstance urgent = f.approvals.start(user("alice"), StartRequest.of("review", days(1)).withPriority("urgent"));
        ProcessInstance quick = f.start("alice", "quick", days(1));
        clock.advance(Duration.ofMinutes(1));
        ProcessInstance noDeadlineNew = f.start("alice", "open", days(1));

        TodoQuery byUrgency = TodoQuery.firstPage().byUrgency();
        assertThat(instances(f, byUrgency)).containsExactly(quick.id(), urgent.id(), normal.id(), noDeadlineOld.id(), noDeadlineNew.id());
        // the default order is unchanged: newest first
        assertThat(instances(f, TodoQuery.firstPage())).first().isEqualTo(noDeadlineNew.id());
        // paging keeps the order
        assertThat(instances(f, byUrgency.page(1, 2))).containsExactly(normal.id(), noDeadlineOld.id());

        // a priority raised later counts: same due, both urgent, so the older task comes first
        f.oa.service(TaskDeadlines.class).changePriority(user("alice"), normal.id(), "urgent", "boss asked");
        assertThat(instances(f, byUrgency)).containsExactly(quick.id(), normal.id(), urgent.id(), noDeadlineOld.id(), noDeadlineNew.id());
    }

    private static List<Long> instances(WorkflowFixture f, TodoQuery q) {
        return f.queries.todo(user("bob"), q).stream().map(Task::instanceId).toList();
    }
}
