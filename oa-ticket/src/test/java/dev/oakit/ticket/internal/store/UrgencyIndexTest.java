package dev.oakit.ticket.internal.store;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue's open tickets by urgency, and an assignee's, are each one range of an index read in the list's order: no
 * sort of every open ticket of the queue, however many there are. Checked through each database's plan.
 */
class UrgencyIndexTest {

    @DbTest
    void aQueueAndAnAssigneeByUrgencyAreReadFromTheirIndex(TestDatabase db) throws Exception {
        try (TicketTablePlans plans = TicketTablePlans.load(db, c -> tickets(c, 6000), "oa_tk_ticket")) {
            TicketQuery queue = TicketQuery.builder().queue("it").openOnly().byUrgency().build();
            String queueSql = "SELECT t.* FROM oa_tk_ticket t WHERE t.tenant_id = ? AND t.queue_key = ? AND t.done_flag = 0"
                    + TicketRepository.order(queue) + " LIMIT ? OFFSET ?";
            assertThat(plans.plan(queueSql, "acme", "it", 50, 0)).contains("oa_tk_ticket_queue_urgency")
                    .doesNotContain("filesort").doesNotContainPattern("\\bsort\\s+\\(");

            TicketQuery mine = TicketQuery.builder().scope(TicketQuery.Scope.ASSIGNED_TO_ME).openOnly().byUrgency().build();
            String mineSql = "SELECT t.* FROM oa_tk_ticket t WHERE t.tenant_id = ? AND t.assignee_id = ? AND t.done_flag = 0"
                    + TicketRepository.order(mine) + " LIMIT ? OFFSET ?";
            assertThat(plans.plan(mineSql, "acme", "agent3", 50, 0)).contains("oa_tk_ticket_assignee_urgency")
                    .doesNotContain("filesort").doesNotContainPattern("\\bsort\\s+\\(");
        }
    }

    /** Tickets of four queues and ten agents, most of them closed, the open ones with and without a due. */
    static void tickets(Connection c, int n) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO oa_tk_ticket (tenant_id, number, type_key, title, priority, channel,"
                + " queue_key, assignee_id, state, state_kind, overdue, fields, tags, attachments, resolutions, row_version, created_by,"
                + " created_at, updated_at, done_flag, work_due, prio_rank)"
                + " VALUES ('acme', ?, 'it', 't', 'NORMAL', 'api', ?, ?, ?, ?, FALSE, '{}', '[]', '[]', 0, 0, 'root', ?, ?, ?, ?, ?)")) {
            LocalDateTime t0 = LocalDateTime.of(2026, 1, 5, 9, 0);
            for (int i = 0; i < n; i++) {
                boolean open = i % 3 == 0;
                p.setString(1, "TK-" + i);
                p.setString(2, new String[] {"it", "fac", "hr", "ops"}[i % 4]);
                p.setString(3, "agent" + (i % 10));
                p.setString(4, open ? "open" : "closed");
                p.setString(5, open ? "ASSIGNED" : "CLOSED");
                p.setObject(6, t0.plusMinutes(i));
                p.setObject(7, t0.plusMinutes(i));
                p.setInt(8, open ? 0 : 1);
                p.setObject(9, i % 5 == 0 ? TicketRepository.NO_DUE : t0.plusHours(i % 101));
                p.setInt(10, i % 4);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
