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
     * 15 statements: the year's counter; the row; the requester's earlier agents; the queue lock; the candidates in one
     * query (members, profiles, open load by priority, last assignment; the directory's answer in one batch lookup,
     * cached); when the chosen agent got work (oa_tk_agent_dispatch); the history entries (one batch); the report rows
     * (oa_tk_metric, oa_tk_metric_assign with its prev_day in the same insert; both not rolled up: the rollup job counts
     * them per day later); the row's one update (the assignment and the SLA columns together); the assignment's
     * notification; the chosen agent's notification preferences (not cached yet: another agent took the warm-up
     * ticket); the jobs in one batch (the "not started" timer and the SLA firings, keyed by the new ticket and so not
     * looked up, with the notification's delivery jobs); the deliveries; the audit record. The rules and the SLA policy
     * come from the configuration cache. Was 51 with one directory lookup per member and two statements per firing job,
     * 26 before the configuration cache and the folded row update and job batch, then 18 with the new ticket's job keys
     * looked up, the delivery jobs in a batch of their own and their ids written back; 16 while the command wrote the
     * report figures per day (oa_tk_metric_day, one upsert).
     */
    static final int ROUTED_CREATE_BUDGET = 15;
    /** The plain start's budget + the SLA replay (history, timers, job moves; the SLA columns go with the row's update). */
    static final int SLA_START_BUDGET = 12;

    @DbTest(only = TestDatabase.Kind.H2)
    void routedCommandsStayWithinTheirStatementBudget(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = boot(db, counting);
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

    /**
     * The routed create costs the same however many members the queue has and however many firings the SLA policy's
     * ladder has: candidates, their loads and their directory status come in one query and one batch lookup, the
     * firings in one look-up and one batched insert.
     */
    @DbTest(only = TestDatabase.Kind.H2)
    void aRoutedCreateCostsTheSameForTwoOrTwentyMembersAndOneOrFiveFirings(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        // the directory cache off: the warm-up would fill it, and 20 members looked up one by one would cost nothing
        OaKit oa = boot(db, counting, Map.of("directoryCache", Map.of("ttl", "PT0S")));
        TicketFixture f = new TicketFixture(oa);
        TicketRouting routing = oa.service(TicketRouting.class);
        List<String> many = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("agent%02d", i)).toList();
        dev.oakit.core.testing.DirectorySeed.of(f.directory, f.admin).users(many.toArray(String[]::new));
        f.queues.saveQueue(f.admin, Queue.of("small", "两人"));
        f.queues.saveQueue(f.admin, Queue.of("large", "二十人"));
        f.queues.setMembers(f.admin, "small", List.of(QueueMember.dispatcher("bob"), QueueMember.agent("carol")));
        List<QueueMember> large = new java.util.ArrayList<>(List.of(QueueMember.dispatcher("bob")));
        many.forEach(u -> large.add(QueueMember.agent(u)));
        f.queues.setMembers(f.admin, "large", large);
        routing.saveSlaPolicy(f.admin, dev.oakit.ticket.sla.SlaPolicy.builder("one").calendar("cn-office")
                .targets("NORMAL", null, null, java.time.Duration.ofHours(4)).reopen(dev.oakit.ticket.sla.ReopenRule.RESUME).build());
        routing.saveSlaPolicy(f.admin, dev.oakit.ticket.sla.SlaPolicy.builder("five").calendar("cn-office")
                .targets("HIGH", java.time.Duration.ofHours(1), null, java.time.Duration.ofHours(4)).warningShare(0.8)
                .escalation(dev.oakit.ticket.sla.EscalationStep.notify(dev.oakit.ticket.sla.SlaTarget.RESOLUTION, java.time.Duration.ofMinutes(-30))).reopen(dev.oakit.ticket.sla.ReopenRule.RESUME)
                .build());
        routing.saveDispatchRules(f.admin, DispatchRules.builder()
                .rule("big", dev.oakit.ticket.dispatch.RuleConditions.any().priorities("HIGH"),
                        new DispatchOutcome("large", DispatchStrategies.LEAST_LOADED, null, "five"))
                .otherwise(new DispatchOutcome("small", DispatchStrategies.LEAST_LOADED, null, "one")).build());
        java.util.function.Function<dev.oakit.ticket.Priority, Ticket> open = p -> f.tickets.create(user("alice"),
                dev.oakit.ticket.NewTicket.builder("it", "预算 " + p).priority(p).build());
        open.apply(dev.oakit.ticket.Priority.NORMAL); // warm caches, the counter and the audit head on both paths
        open.apply(dev.oakit.ticket.Priority.HIGH);
        counting.logging(true);

        counting.reset();
        Ticket small = open.apply(dev.oakit.ticket.Priority.NORMAL);
        List<String> smallSql = counting.log();
        long smallCount = counting.reset();
        Ticket big = open.apply(dev.oakit.ticket.Priority.HIGH);
        List<String> bigSql = counting.log();
        long bigCount = counting.reset();

        assertThat(small.queue()).isEqualTo("small");
        assertThat(big.queue()).isEqualTo("large");
        assertThat(small.assignee()).isEqualTo("carol");
        assertThat(big.assignee()).isIn(many);
        assertThat(firingJobs(db, small.id())).isEqualTo(1);
        assertThat(firingJobs(db, big.id())).isEqualTo(5);
        assertThat(bigCount).as("2 members, 1 firing: %s%n20 members, 5 firings: %s", smallSql, bigSql).isEqualTo(smallCount);
        // plus the one batch lookup of the candidates' directory status that the cache, off here, answers otherwise
        // (the notification preferences use the same cache: off, they are read each time, as in the budget's count)
        assertThat(bigCount).isLessThanOrEqualTo(ROUTED_CREATE_BUDGET + 1);
    }

    private static int firingJobs(TestDatabase db, long ticketId) {
        return org.jdbi.v3.core.Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM oa_core_job WHERE status = 'READY' AND dedupe_key LIKE :p").bind("p", "tk.sla:" + ticketId + ":%")
                .mapTo(Integer.class).one());
    }

    /** OAKit on the counted data source, its clock on a Monday at 10:00 in office hours, jobs not running. */
    private static OaKit boot(TestDatabase db, CountingDataSource counting) {
        return boot(db, counting, Map.of());
    }

    private static OaKit boot(TestDatabase db, CountingDataSource counting, Map<String, Object> core) {
        return db.closeLater(OaKit.builder().config("core", TestDatabase.ANY_TENANT).dataSource(counting).plugin(new TicketPlugin())
                .clock(new ManualClock(RoutingFixture.MONDAY_10)).calendar(RoutingFixture.officeHours())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"))).config("core", core)
                // one node: the configuration read by the warm-up create stays cached however slowly a busy machine gets to the counted one
                .config("ticket", Map.of("configCacheTtl", "PT1H"))
                .build().start());
    }
}
