package dev.oakit.ticket.routing;

import dev.oakit.core.Actor;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import org.jdbi.v3.core.Jdbi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The help desk of {@link TicketFixture} plus queue {@code desk} (agents carol, dave, erin;
 * dispatcher bob), the office calendar {@code cn-office} (Asia/Shanghai, weekdays 09-12, 13-18)
 * and a clock the test moves. Starts on Monday 2026-11-23 10:00 in Shanghai.
 */
final class RoutingFixture {
    /** Monday 2026-11-23 10:00 in Shanghai. */
    static final Instant MONDAY_10 = Instant.parse("2026-11-23T02:00:00Z");
    final ManualClock clock = new ManualClock(MONDAY_10);
    final TicketFixture f;
    final TicketRouting routing;
    final TestDatabase db;
    final Actor admin;

    RoutingFixture(TestDatabase db) {
        this.db = db;
        f = new TicketFixture(db, b -> b.clock(clock).calendar(officeHours())
                .config("ticket", Map.of("calendar", "cn-office", "startWithin", "PT0S", "acceptanceDays", 0)));
        routing = f.oa.service(TicketRouting.class);
        admin = f.admin;
        f.queues.saveQueue(admin, Queue.of("desk", "服务台"));
        f.queues.setMembers(admin, "desk", List.of(QueueMember.dispatcher("bob"), QueueMember.agent("carol"), QueueMember.agent("dave"),
                QueueMember.agent("erin")));
    }

    static BusinessCalendar officeHours() {
        return BusinessCalendar.builder("cn-office").zone("Asia/Shanghai")
                .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00").build();
    }

    /** Every ticket to {@code desk} with the strategy. */
    void strategy(String strategy) {
        routing.saveDispatchRules(admin, DispatchRules.builder().otherwise(DispatchOutcome.of("desk", strategy)).build());
    }

    /** bob dispatches only: he takes no tickets in these tests. */
    void onlyAgents() {
        f.queues.setMembers(admin, "desk", List.of(QueueMember.agent("carol"), QueueMember.agent("dave"), QueueMember.agent("erin")));
    }

    Ticket open(String requester, String title) {
        return f.tickets.create(TicketFixture.user(requester), NewTicket.builder("it", title).build());
    }

    Ticket create(NewTicket.Builder b) {
        return f.tickets.create(admin, b.build());
    }

    List<TicketEvent> history(long id, TicketEventKind kind) {
        return f.queries.detail(admin, id).timeline().stream().filter(e -> e.kind() == kind).toList();
    }

    <T> T sql(String sql, long id, Class<T> type) {
        return Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(type).findOne().orElse(null));
    }

    Instant column(long ticketId, String column) {
        LocalDateTime t = sql("SELECT " + column + " FROM oa_tk_ticket WHERE id = :id", ticketId, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** Ready jobs of the ticket's SLA firings: dedupe key suffix (the firing key) → due instant. */
    Map<String, Instant> slaJobs(long ticketId) {
        String prefix = "tk.sla:" + ticketId + ":";
        return Jdbi.create(db.dataSource()).withHandle(h -> {
            Map<String, Instant> out = new java.util.TreeMap<>();
            h.createQuery("SELECT dedupe_key, due_at FROM oa_core_job WHERE status = 'READY' AND dedupe_key LIKE :p")
                    .bind("p", prefix + "%").map((rs, c) -> {
                        out.put(rs.getString(1).substring(prefix.length()), rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                        return null;
                    }).list();
            return out;
        });
    }
}
