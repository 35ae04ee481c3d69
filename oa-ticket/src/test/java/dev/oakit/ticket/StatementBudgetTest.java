package dev.oakit.ticket;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the ticket commands and queries to a statement budget (counted through a JDBC proxy), so
 * that a change adding round trips to the hot path fails the build. The budgets are today's
 * counts; lower them as the engine gets leaner.
 */
class StatementBudgetTest {
    // a command's notifications are written together: the notifications, their jobs, their deliveries (each naming its
    // job), one batch each; the recipients' preferences come from oa-core's cache (warm here); no audit of their own.
    // The type, queue, dispatchers and dispatch rules come from the configuration cache (ConfigCache): no statement.
    /**
     * 8 statements: the year's counter, the row, the history entry, the report figures' row (oa_tk_metric, not rolled
     * up: the rollup job counts it per day and per month later), the dispatchers' notification, the jobs (the "not
     * started" timer, whose key names the new ticket and so needs no look-up, in one batch with the notification's
     * delivery jobs), the deliveries, the audit record. Was 12 with the timer's key looked up, its own job insert, and
     * the deliveries' job ids written back; 9 while the command wrote the counts per day (oa_tk_metric_day, one upsert).
     */
    static final int CREATE_BUDGET = 8;
    // with the assignment for the reports (oa_tk_metric_assign, its prev_day in the same insert; counted per day by the rollup job)
    static final int CLAIM_BUDGET = 11;
    static final int START_BUDGET = 10;
    static final int QUEUE_VIEW_BUDGET = 2;
    static final int WORKBENCH_BUDGET = 6;
    /**
     * 8: the ticket, the rater's role, "rated already?", the rating, the history entry, the ticket's figure row locked (as
     * every writer of its counts does, so a rebuild counts it once), its counts in the report figures per score
     * (oa_tk_metric_day, one upsert; 6 before ratings were counted there), the audit record.
     */
    static final int RATE_BUDGET = 8;

    @DbTest(only = TestDatabase.Kind.H2)
    void ticketCommandsStayWithinTheirStatementBudget(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting).plugin(new TicketPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"))).build().start());
        TicketFixture f = new TicketFixture(oa);
        f.started("预热"); // warm caches and the tenant's counter and audit head
        counting.logging(true);

        counting.reset();
        Ticket t = f.open("预算");
        List<String> createSql = counting.log();
        long create = counting.reset();
        f.tickets.claim(user("carol"), t.id());
        List<String> claimSql = counting.log();
        long claim = counting.reset();
        f.tickets.start(user("carol"), t.id());
        List<String> startSql = counting.log();
        long start = counting.reset();
        f.queries.list(user("dave"), TicketQuery.builder().queue("it").openOnly().build());
        long queue = counting.reset();
        f.queries.workbench(user("dave"));
        long workbench = counting.reset();
        f.tickets.resolve(user("carol"), t.id(), "好了");
        counting.reset();
        f.tickets.rate(user("alice"), t.id(), 4, "谢谢");
        List<String> rateSql = counting.log();
        long rate = counting.reset();

        System.getLogger("budget").log(System.Logger.Level.INFO, "create=" + create + " claim=" + claim + " start=" + start
                + " queue=" + queue + " workbench=" + workbench + "\ncreate SQL:\n" + String.join("\n", createSql)
                + "\nclaim SQL:\n" + String.join("\n", claimSql) + "\nstart SQL:\n" + String.join("\n", startSql)
                + "\nrate=" + rate + " SQL:\n" + String.join("\n", rateSql));
        assertThat(create).as("create: %s", createSql).isLessThanOrEqualTo(CREATE_BUDGET);
        assertThat(claim).as("claim: %s", claimSql).isLessThanOrEqualTo(CLAIM_BUDGET);
        assertThat(start).as("start: %s", startSql).isLessThanOrEqualTo(START_BUDGET);
        assertThat(queue).as("queue view").isLessThanOrEqualTo(QUEUE_VIEW_BUDGET);
        assertThat(workbench).as("workbench").isLessThanOrEqualTo(WORKBENCH_BUDGET);
        assertThat(rate).as("rate: %s", rateSql).isLessThanOrEqualTo(RATE_BUDGET);
    }
}
