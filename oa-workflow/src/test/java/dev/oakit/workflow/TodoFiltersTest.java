package dev.oakit.workflow;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** The todo list's filters (process, initiator, creation time), its pages and its orders. */
class TodoFiltersTest {

    @DbTest
    void theTodoListFiltersByProcessInitiatorAndCreationTimeAndPages(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        f.definitions.deploy(f.admin, WorkflowFixture.single("trip", a -> a.approver(ApproverRule.manager(1))));
        long a1 = f.start("alice", "leave", days(1)).id();
        long a2 = f.start("alice", "trip", days(2)).id();
        long d1 = f.start("dave", "leave", days(1)).id();

        assertThat(ids(f, TodoQuery.firstPage())).containsExactly(d1, a2, a1);
        assertThat(ids(f, TodoQuery.firstPage().oldestFirst())).containsExactly(a1, a2, d1);
        assertThat(ids(f, TodoQuery.firstPage().process("leave"))).containsExactly(d1, a1);
        assertThat(ids(f, TodoQuery.firstPage().initiator("alice"))).containsExactly(a2, a1);
        assertThat(ids(f, TodoQuery.firstPage().process("leave").initiator("alice"))).containsExactly(a1);
        assertThat(ids(f, TodoQuery.firstPage().page(1, 2))).containsExactly(a1);
        assertThat(ids(f, TodoQuery.firstPage().byUrgency().page(0, 2))).containsExactly(a1, a2);
        Instant past = Instant.now().minus(1, ChronoUnit.DAYS);
        Instant future = Instant.now().plus(1, ChronoUnit.DAYS);
        assertThat(ids(f, new TodoQuery("leave", null, past, future, true, 0, 20))).containsExactly(d1, a1);
        assertThat(ids(f, new TodoQuery(null, "dave", future, null, true, 0, 20))).isEmpty();
        assertThat(ids(f, new TodoQuery(null, null, null, past, true, 0, 20))).isEmpty();
        assertThat(ids(f, TodoQuery.firstPage().due(DueState.NONE))).containsExactly(d1, a2, a1);
        assertThat(f.queries.todo(user("carol"), TodoQuery.firstPage())).isEmpty();
    }

    private static List<Long> ids(WorkflowFixture f, TodoQuery q) {
        return f.queries.todo(user("bob"), q).stream().map(Task::instanceId).toList();
    }
}
