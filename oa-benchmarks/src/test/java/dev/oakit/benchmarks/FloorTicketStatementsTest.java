package dev.oakit.benchmarks;

import dev.oakit.core.OaKit;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.Tickets;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket floor is only a floor while it issues OAKit's statements: the same SQL in the same order and the same
 * commit for one routed create (dispatch to the least loaded member, an SLA policy of four firings, the dispatcher's
 * and the agent's notifications). When OAKit's statements change, this fails until {@link FloorTicketCreate} is
 * changed to match.
 */
class FloorTicketStatementsTest {
    @Test
    void onH2TheFloorIssuesTheStatementsAndCommitOfOneOakitRoutedCreate() throws Exception {
        same(null);
    }

    /** PostgreSQL's counter statement differs (RETURNING), and so do keyed job inserts; skipped where no local server runs. */
    @Test
    void onPostgresqlTheFloorIssuesTheStatementsAndCommitOfOneOakitRoutedCreate() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(FloorStatementsTest.PG.url(), FloorStatementsTest.PG.user(),
                FloorStatementsTest.PG.password())) {
            org.junit.jupiter.api.Assumptions.assumeTrue(c.isValid(2));
        } catch (java.sql.SQLException noServer) {
            org.junit.jupiter.api.Assumptions.abort("no PostgreSQL at " + FloorStatementsTest.PG.url());
        }
        same(FloorStatementsTest.PG);
    }

    private static void same(BenchDatabase.Server server) throws Exception {
        Create oakit = capture("oakit", server);
        Create floor = capture("floor", server);
        assertThat(floor.sql()).as("the floor's statements, against OAKit's").containsExactlyElementsOf(oakit.sql());
        assertThat(oakit.sql()).hasSize(15); // RoutingBudgetTest's routed create: configuration (type, category, rules, queue, policy) from the cache, the new agent's preferences not yet
        assertThat(floor.commits()).isEqualTo(oakit.commits()).isEqualTo(1);
    }

    private record Create(List<String> sql, long commits) {
    }

    private static Create capture(String engine, BenchDatabase.Server server) throws Exception {
        try (BenchDatabase db = server == null ? BenchDatabase.h2("tk" + engine, 2) : BenchDatabase.postgresql("postgresql", server, "tk" + engine, 2);
             OaKit oa = OaKit.builder().dataSource(db.dataSource()).tenant(TicketBenchmark.T, TicketBenchmark.T).plugin(new TicketPlugin())
                     .calendar(BusinessCalendar.alwaysOpen("bench", ZoneOffset.UTC))
                     .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                     .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))).build().start();
             FloorTicketCreate floor = new FloorTicketCreate(db.dataSource(), server != null)) {
            TicketBenchmark.Desk desk = new TicketBenchmark.Desk(1, 6);
            desk.setUp(oa);
            Tickets tickets = oa.service(Tickets.class);
            java.util.function.Supplier<Long> create = engine.equals("oakit")
                    ? () -> tickets.create(dev.oakit.core.Actor.of(TicketBenchmark.T, "r1"), NewTicket.builder("it", "打印机卡纸")
                    .queue(desk.queueKeys[0]).category(desk.categories.get(0)).build()).id()
                    : () -> floor.create(0, "r1", desk.queueKeys[0], desk.categories.get(0), "打印机卡纸").getKey();
            Ticket first = tickets.create(dev.oakit.core.Actor.of(TicketBenchmark.T, "r0"), NewTicket.builder("it", "预热")
                    .queue(desk.queueKeys[0]).build()); // opens the year's counter, warms the caches and the audit head
            assertThat(first.assignee()).isNotNull();
            create.get(); // warms the engine
            db.counting(true);
            floor.releaseConnections();
            db.counter().logging(true);
            db.counter().reset();
            long id = create.get();
            Create c = new Create(db.counter().log().stream().map(sql -> sql.replaceAll("\\s+", " ").trim()).toList(), db.counter().commits());
            db.counting(false);
            floor.releaseConnections();
            Ticket made = oa.service(dev.oakit.ticket.TicketQueries.class).detail(dev.oakit.core.Actor.admin(TicketBenchmark.T, "root"), id).ticket();
            assertThat(made.assignee()).isNotNull();
            assertThat(made.slaPolicy()).isEqualTo("bench");
            return c;
        }
    }
}
