package dev.oakit.ticket.routing;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;

import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What routing costs on the hot path, counted through a JDBC proxy: a create with rules, automatic
 * dispatch and an SLA policy, and a state change that replays the SLA clock. Lower the budgets as
 * the wiring gets leaner.
 */
class RoutingBudgetTest {
    /**
     * The plain create (StatementBudgetTest) + the queue lock, the candidates (members, one directory
     * lookup each, load, last assignment), the assignment with its notification, and the SLA: the
     * policy, the row update and two statements per firing job (six here).
     */
    static final int ROUTED_CREATE_BUDGET = 51; // with the report figures' rows (ticket, assignment)
    /** The plain start's budget + the SLA replay (history, policy, timers, row update, job moves). */
    static final int SLA_START_BUDGET = 18;

    @DbTest(only = TestDatabase.Kind.H2)
    void routedCommandsStayWithinTheirStatementBudget(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        ManualClock clock = new ManualClock(RoutingFixture.MONDAY_10);
        OaKit oa = db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting).plugin(new TicketPlugin()).clock(clock)
                .calendar(RoutingFixture.officeHours())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"))).build().start());
        TicketFixture f = new TicketFixture(oa);
        TicketRouting routing = oa.service(TicketRouting.class);
        f.queues.saveQueue(f.admin, Queue.of("desk", "服务台"));
        f.queues.setMembers(f.admin, "desk", List.of(QueueMember.agent("carol"), QueueMember.agent("dave"), QueueMember.agent("erin")));
        routing.saveSlaPolicy(f.admin, RoutingRulesTest.STANDARD);
        routing.saveDispatchRules(f.admin, DispatchRules.builder()
                .otherwise(new DispatchOutcome("desk", DispatchStrategies.LEAST_LOADED, null, "standard")).build());
        Ticket warm = f.open("预热"); // warm caches, the counter, the audit head and the agents' dispatch rows
        f.tickets.start(user(warm.assignee()), warm.id());
        counting.logging(true);

        counting.reset();
        Ticket t = f.open("预算");
        List<String> createSql = counting.log();
        long create = counting.reset();
        f.tickets.start(user(t.assignee()), t.id());
        List<String> startSql = counting.log();
        long start = counting.reset();

        System.getLogger("budget").log(System.Logger.Level.INFO, "routed create=" + create + " sla start=" + start
                + "\ncreate SQL:\n" + String.join("\n", createSql) + "\nstart SQL:\n" + String.join("\n", startSql));
        assertThat(t.assignee()).isNotNull();
        assertThat(create).as("create: %s", createSql).isLessThanOrEqualTo(ROUTED_CREATE_BUDGET);
        assertThat(start).as("start: %s", startSql).isLessThanOrEqualTo(SLA_START_BUDGET);
    }
}
