package dev.oakit.workflow.internal.store;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.QueryPlans;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowPlugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's todo list by urgency is one range of the index {@code oa_wf_task_urgency}, read in the list's order:
 * no sort of all their open tasks, however many there are. Checked through each database's plan.
 */
class TodoUrgencyIndexTest {

    @DbTest
    void theUrgencyOrderIsReadFromTheIndex(TestDatabase db) throws Exception {
        db.start(b -> b.plugin(new WorkflowPlugin()));
        try (Connection c = db.dataSource().getConnection()) {
            openTasks(c, 6000);
            QueryPlans.analyze(c, db.kind(), "oa_wf_task");

            String sql = TaskRepository.todoSql(TodoQuery.firstPage().byUrgency()).replaceAll(":\\w+", "?");
            String plan = QueryPlans.plan(c, sql, "acme", "u1", 20, 0).toLowerCase(Locale.ROOT);
            assertThat(plan).contains("oa_wf_task_urgency").doesNotContain("filesort").doesNotContainPattern("\\bsort\\s+\\(");
        }
    }

    /** Open tasks of 20 people, most with a deadline, some urgent, and as many closed ones. */
    static void openTasks(Connection c, int n) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO oa_wf_task (tenant_id, instance_id, node_id, round, seq, kind,"
                + " assignee_id, status, def_key, title, initiator_id, created_at, due_at, no_due, prio_rank)"
                + " VALUES ('acme', ?, 'a', 1, 1, 'APPROVAL', ?, ?, 'leave', 'leave', 'alice', ?, ?, ?, ?)")) {
            LocalDateTime t0 = LocalDateTime.of(2026, 1, 5, 9, 0);
            for (int i = 0; i < n; i++) {
                boolean due = i % 5 != 0;
                p.setLong(1, i);
                p.setString(2, "u" + (i % 20));
                p.setString(3, i % 2 == 0 ? "OPEN" : "DONE");
                p.setObject(4, t0.plusMinutes(i));
                p.setObject(5, due ? t0.plusHours(i % 97) : null);
                p.setInt(6, due ? 0 : 1);
                p.setInt(7, i % 7 == 0 ? 0 : 1);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
