package dev.oakit.ticket;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Overdue (超时未处理) and automatic acceptance run as durable jobs on OAKit's clock; ratings follow resolutions. */
class TimersAndAcceptanceTest {
    /** Friday 2026-11-20 10:00 in Shanghai. */
    static final Instant FRIDAY_10 = Instant.parse("2026-11-20T02:00:00Z");

    static BusinessCalendar officeHours() {
        return BusinessCalendar.builder("cn-office").zone("Asia/Shanghai")
                .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00").build();
    }

    static TicketFixture fixture(TestDatabase db, ManualClock clock) {
        return new TicketFixture(db, b -> b.clock(clock).calendar(officeHours())
                .config("ticket", Map.of("calendar", "cn-office", "acceptanceDays", 2, "startWithin", "PT30M")));
    }

    static Instant jobDue(TestDatabase db, String dedupeKey) {
        return Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery("SELECT due_at FROM oa_core_job WHERE dedupe_key = :k AND status = 'READY'")
                .bind("k", dedupeKey).mapTo(LocalDateTime.class).findOne().map(t -> t.toInstant(ZoneOffset.UTC)).orElse(null));
    }

    @DbTest
    void anUnansweredResolutionIsAcceptedBySystemAfterNWorkingDays(TestDatabase db) {
        ManualClock clock = new ManualClock(FRIDAY_10);
        TicketFixture f = fixture(db, clock);
        Ticket t = f.started("投影仪无信号");
        f.tickets.resolve(user("carol"), t.id(), "换了 HDMI 线");
        // Friday 10:00 + 2 working days = Tuesday 10:00 (the weekend does not count)
        assertThat(jobDue(db, "tk.accept:" + t.id())).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));

        clock.advance(Duration.ofDays(4).plusMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.ticket(t.id()).stateKind() == StateKind.CLOSED);
        TicketEvent closed = f.queries.detail(f.admin, t.id()).timeline().get(f.queries.detail(f.admin, t.id()).timeline().size() - 1);
        assertThat(closed.kind()).isEqualTo(TicketEventKind.CLOSED);
        assertThat(closed.actorId()).isEqualTo("system");
        assertThat(closed.action()).isEqualTo("accept");
        assertThat(closed.body()).contains("accepted automatically");
        assertThat(f.ticket(t.id()).state()).isEqualTo("closed");
    }

    @DbTest
    void refusingReopensCancelsTheAcceptanceTimerAndEachResolutionIsRatedOnce(TestDatabase db) {
        ManualClock clock = new ManualClock(FRIDAY_10);
        TicketFixture f = fixture(db, clock);
        Ticket t = f.started("网速慢");
        f.tickets.resolve(user("carol"), t.id(), "重启了交换机");
        assertThatThrownBy(() -> f.tickets.rate(user("carol"), t.id(), 5, "我很棒")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only its requester ('alice') may");
        f.tickets.rate(user("alice"), t.id(), 2, "还是慢");
        assertThatThrownBy(() -> f.tickets.rate(user("alice"), t.id(), 3, null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("OA-TK/ALREADY_RATED");
        assertThatThrownBy(() -> f.tickets.refuse(user("alice"), t.id(), null)).hasMessageContaining("needs a reason");
        Ticket refused = f.tickets.refuse(user("alice"), t.id(), "下午还是很慢");
        assertThat(refused.state()).isEqualTo("in_progress");
        assertThat(jobDue(db, "tk.accept:" + t.id())).isNull();
        assertThatThrownBy(() -> f.tickets.rate(user("alice"), t.id(), 3, null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("rate it once it is resolved");
        f.tickets.resolve(user("carol"), t.id(), "换了网线");
        f.tickets.rate(user("alice"), t.id(), 5, "快了");
        f.tickets.accept(user("alice"), t.id(), null);
        TicketDetail d = f.queries.detail(user("alice"), t.id());
        assertThat(d.ratings()).extracting(Rating::resolution, Rating::score).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(2, 5));
        assertThat(d.timeline()).extracting(TicketEvent::kind).contains(TicketEventKind.REOPENED);
        assertThat(jobDue(db, "tk.accept:" + t.id())).isNull();
    }

    @DbTest
    void agentsNeverRateTheirOwnTickets(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket mine = f.tickets.create(user("carol"), NewTicket.builder("it", "我自己的电脑").build());
        f.tickets.claim(user("carol"), mine.id());
        f.tickets.resolve(user("carol"), mine.id(), null);
        assertThatThrownBy(() -> f.tickets.rate(user("carol"), mine.id(), 5, null)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("OA-TK/OWN_TICKET");
        assertThatThrownBy(() -> f.tickets.rate(user("alice"), mine.id(), 0, null)).hasMessageContaining("score");
    }

    @DbTest
    void aTicketNotStartedInTimeIsFlaggedOverdueAndStartingClearsIt(TestDatabase db) {
        ManualClock clock = new ManualClock(FRIDAY_10);
        TicketFixture f = fixture(db, clock);
        Ticket late = f.open("没人管的工单");
        Ticket quick = f.started("马上处理的工单");
        assertThat(jobDue(db, "tk.overdue:" + late.id())).isEqualTo(FRIDAY_10.plus(Duration.ofMinutes(30)));
        assertThat(jobDue(db, "tk.overdue:" + quick.id())).isNull();

        clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.ticket(late.id()).overdue());
        assertThat(f.ticket(quick.id()).overdue()).isFalse();
        assertThat(f.queries.detail(user("bob"), late.id()).timeline()).extracting(TicketEvent::kind).contains(TicketEventKind.OVERDUE);
        assertThat(f.queries.workbench(user("bob")).overdue()).isEqualTo(1);
        assertThat(f.queries.list(user("bob"), TicketQuery.builder().overdue().build()).items()).extracting(Ticket::id).containsExactly(late.id());

        f.tickets.claim(user("dave"), late.id());
        assertThat(f.tickets.start(user("dave"), late.id()).overdue()).isFalse();
        assertThat(f.queries.workbench(user("bob")).overdue()).isZero();
        List<TicketEvent> events = f.queries.detail(user("dave"), late.id()).timeline();
        assertThat(events).extracting(TicketEvent::kind).containsSubsequence(TicketEventKind.OVERDUE, TicketEventKind.STATE_CHANGED);
    }
}
