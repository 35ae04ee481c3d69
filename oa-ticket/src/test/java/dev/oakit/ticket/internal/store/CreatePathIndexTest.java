package dev.oakit.ticket.internal.store;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two reads of a routed create that would otherwise grow with the ticket table: dispatch's open load of the
 * queue's members by priority reads, per member, their open tickets from {@code oa_tk_ticket_assignee}, which holds state
 * and priority (index only on PostgreSQL), and the requester's earlier agents read the newest of the requester's tickets
 * first from {@code oa_tk_ticket_requester_recent} (or, for a contact without an account, {@code oa_tk_ticket_contact_recent}),
 * stopping at the limit: no scan, no sort, no visit of the ticket rows. Checked through each database's plan
 * over enough tickets of enough agents and requesters that the planner prefers the index.
 */
class CreatePathIndexTest {

    @DbTest
    void aCreatesCandidateLoadAndEarlierAgentsAreReadFromTheirIndexes(TestDatabase db) throws Exception {
        try (TicketTablePlans plans = TicketTablePlans.load(db, c -> {
            tickets(c, 20_000);
            try (Statement s = c.createStatement()) {
                for (int m = 0; m < 5; m++) {
                    s.execute("INSERT INTO oa_tk_queue_member (tenant_id, queue_key, user_id, dispatcher) VALUES ('acme', 'it', 'agent" + m + "', FALSE)");
                }
                if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
                    s.execute("VACUUM oa_tk_ticket"); // as autovacuum keeps a table in use: index-only scans need the visibility map
                }
            }
        }, "oa_tk_ticket", "oa_tk_queue_member")) {
            check(db, plans);
        }
    }

    private static void check(TestDatabase db, TicketTablePlans plans) {
        String load = plans.plan(QueueRepository.CANDIDATES, Map.of("t", "acme", "q", "it"));
        assertThat(load).doesNotContainPattern(fullRead("t"));
        if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
            assertThat(load).containsPattern("index only scan using oa_tk_ticket_assignee on oa_tk_ticket t .*\\n.*index cond: .*assignee_id = .*done_flag = 0");
        }
        if (db.kind() == TestDatabase.Kind.H2) { // a range per member: their open tickets
            assertThat(load).containsPattern("oa_tk_ticket_assignee: tenant_id = \\?\\d+(\\s+and (done_flag = 0|assignee_id = q\\.user_id)){2}\\s");
        }
        if (db.kind() == TestDatabase.Kind.MARIADB) {
            assertThat(load).containsPattern("table=t .*key=oa_tk_ticket_assignee .*ref=const,\\S*user_id,const .*using index");
        }

        String byUser = plans.plan(TicketRepository.earlierAssigneesSql(true), Map.of("t", "acme", "r", "user7", "id", 5L));
        assertThat(byUser).contains("oa_tk_ticket_requester_recent").doesNotContainPattern(fullRead(""))
                .doesNotContain("filesort").doesNotContainPattern("\\bsort\\s+\\(");
        String byContact = plans.plan(TicketRepository.earlierAssigneesSql(false), Map.of("t", "acme", "r", "c10@example.com", "id", 5L));
        assertThat(byContact).contains("oa_tk_ticket_contact_recent").doesNotContainPattern(fullRead(""))
                .doesNotContain("filesort").doesNotContainPattern("\\bsort\\s+\\(");
        if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
            assertThat(byUser).containsPattern("index only scan (backward )?using oa_tk_ticket_requester_recent");
            assertThat(byContact).containsPattern("index only scan (backward )?using oa_tk_ticket_contact_recent");
        }
        if (db.kind() == TestDatabase.Kind.H2) { // read in the list's order: the first 20 end the read
            assertThat(byUser).contains("index sorted");
            assertThat(byContact).contains("index sorted");
        }
    }

    /** A scan of the whole ticket table (H2, PostgreSQL, MariaDB), or on PostgreSQL a visit of its rows. */
    private static String fullRead(String alias) {
        String h2Alias = alias.isEmpty() ? "" : "\\s+" + alias;
        return "oa_tk_ticket" + h2Alias + "\\s+/\\*\\s*public\\.oa_tk_ticket\\.tablescan|seq scan on oa_tk_ticket\\b|bitmap heap scan on oa_tk_ticket\\b"
                + "|index scan (backward )?using oa_tk_ticket|table=" + (alias.isEmpty() ? "oa_tk_ticket" : alias) + " .*type=all\\b";
    }

    /**
     * Tickets of 200 agents and 2,000 requesters (a fifth of them contacts without an account), a third of them held
     * (assigned, open) in four priorities, a tenth of them never assigned.
     */
    static void tickets(Connection c, int n) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO oa_tk_ticket (tenant_id, number, type_key, title, priority, channel,"
                + " requester_id, contact_email, queue_key, assignee_id, state, state_kind, overdue, fields, tags, attachments, resolutions,"
                + " row_version, created_by, created_at, updated_at, done_flag, work_due, prio_rank)"
                + " VALUES ('acme', ?, 'it', 't', ?, 'api', ?, ?, ?, ?, ?, ?, FALSE, '{}', '[]', '[]', 0, 0, 'root', ?, ?, ?, ?, ?)")) {
            LocalDateTime t0 = LocalDateTime.of(2026, 1, 5, 9, 0);
            String[] priorities = {"URGENT", "HIGH", "NORMAL", "LOW"};
            for (int i = 0; i < n; i++) {
                boolean held = i % 3 == 0;
                boolean contact = i % 5 == 0;
                p.setString(1, "TK-" + i);
                p.setString(2, priorities[i % 4]);
                p.setString(3, contact ? null : "user" + i % 2000);
                p.setString(4, contact ? "c" + i % 2000 + "@example.com" : null);
                p.setString(5, new String[] {"it", "fac", "hr", "ops"}[i % 4]);
                p.setString(6, i % 10 == 1 ? null : "agent" + i % 200);
                p.setString(7, held ? "open" : "closed");
                p.setString(8, held ? "ASSIGNED" : "CLOSED");
                p.setObject(9, t0.plusMinutes(i));
                p.setObject(10, t0.plusMinutes(i));
                p.setInt(11, held ? 0 : 1);
                p.setObject(12, TicketRepository.NO_DUE);
                p.setInt(13, i % 4);
                p.addBatch();
                if (i % 2000 == 1999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }
}
