package dev.oakit.ticket.report;

import dev.oakit.core.testing.ManualClock;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketFixture;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every report on a small known help desk built through the public API on a hand-moved clock,
 * with exact figures; access per role and tenant.
 *
 * <p>Office hours (Shanghai, Mon–Fri 09–12, 13–18). Week of Monday 2026-11-16 (ISO 2026-W47):
 * <pre>
 * T0 Fri 11-06 09:00 alice, sw            stays open, unassigned (backlog over 7 days, outside the range)
 * T1 Mon 09:00 alice, hw.printer          carol claims, due Mon 13:00; carol replies 09:30; resolved 14:00 (late); rated 4
 * T2 Mon 09:00 alice, sw                  bob assigns dave, due Tue 18:00; dave replies 10:00; resolved Tue 10:00; rated 5
 * T3 Mon 09:00 alice, hw                  stays open, unassigned
 * T4 Mon 09:00 frank, repair (queue fac)  erin claims, replies 11:00; stays open
 * T5 Mon 09:00 alice, hw.printer          carol claims, resolves 10:00; alice refuses 11:00; resolved again Wed 09:00; rated 3
 * T6 Tue 11:00 alice, sw                  stays open, unassigned
 * time: carol 45 min on T1 (Mon), dave 30 min on T2 (Tue). Reports read on Wed 11-18 09:00.
 * </pre>
 */
class TicketReportsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);
    static final ReportFilter WEEK = ReportFilter.between(MONDAY, MONDAY.plusDays(6));

    static Instant at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
    }

    /** The desk above, and its reports service. */
    static final class Desk {
        final TicketFixture f;
        final ManualClock clock = new ManualClock(at(LocalDate.of(2026, 11, 6), 9, 0));
        final TicketReports reports;
        long t0;
        long t1;
        long t2;
        long t3;
        long t4;
        long t5;
        long t6;

        Desk(TestDatabase db) {
            BusinessCalendar office = BusinessCalendar.builder("cn-office").zone(SHANGHAI)
                    .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00").build();
            f = new TicketFixture(db, b -> b.clock(clock).calendar(office)
                    .config("ticket", Map.of("calendar", "cn-office", "acceptanceDays", 0, "startWithin", "PT0S")));
            reports = f.oa.service(TicketReports.class);
            t0 = ticket("旧工单", "sw");
            moveTo(MONDAY, 9, 0);
            t1 = ticket("打印机卡纸", "hw.printer");
            t2 = ticket("邮箱打不开", "sw");
            t3 = ticket("显示器闪烁", "hw");
            t4 = f.tickets.create(user("frank"), NewTicket.builder("repair", "门锁坏了").build()).id();
            t5 = ticket("打印机缺墨", "hw.printer");
            f.tickets.claim(user("carol"), t1);
            f.tickets.claim(user("carol"), t5);
            f.tickets.assign(user("bob"), t2, "dave");
            f.tickets.claim(user("erin"), t4);
            f.tickets.update(user("bob"), t1, TicketChanges.none().withDueAt(at(MONDAY, 13, 0)));
            f.tickets.update(user("bob"), t2, TicketChanges.none().withDueAt(at(MONDAY.plusDays(1), 18, 0)));
            f.tickets.logTime(user("carol"), t1, 45, MONDAY, "换硒鼓");
            moveTo(MONDAY, 9, 30);
            f.tickets.reply(user("carol"), t1, "马上来", List.of());
            f.tickets.note(user("carol"), t5, "internal notes are no response");
            moveTo(MONDAY, 10, 0);
            f.tickets.reply(user("dave"), t2, "请重启", List.of());
            f.tickets.resolve(user("carol"), t5, "加了墨");
            moveTo(MONDAY, 11, 0);
            f.tickets.refuse(user("alice"), t5, "还是不出字");
            f.tickets.reply(user("erin"), t4, "下午去修", List.of());
            moveTo(MONDAY, 14, 0);
            f.tickets.start(user("carol"), t1);
            f.tickets.resolve(user("carol"), t1, "清理了卡纸");
            moveTo(MONDAY.plusDays(1), 10, 0);
            f.tickets.start(user("dave"), t2);
            f.tickets.resolve(user("dave"), t2, null);
            f.tickets.logTime(user("dave"), t2, 30, MONDAY.plusDays(1), null);
            moveTo(MONDAY.plusDays(1), 11, 0);
            f.tickets.rate(user("alice"), t1, 4, "还行");
            f.tickets.rate(user("alice"), t2, 5, null);
            t6 = ticket("软件授权", "sw");
            moveTo(MONDAY.plusDays(2), 9, 0);
            f.tickets.resolve(user("carol"), t5, "换了墨盒");
            f.tickets.rate(user("alice"), t5, 3, null);
        }

        long ticket(String title, String category) {
            Ticket t = f.tickets.create(user("alice"), NewTicket.builder("it", title).category(category).build());
            return t.id();
        }

        void moveTo(LocalDate day, int hour, int minute) {
            clock.advance(Duration.between(clock.instant(), at(day, hour, minute)));
        }
    }

    static Duration min(double minutes) {
        return Duration.ofSeconds(Math.round(minutes * 60));
    }

    @DbTest
    void everyReportHasTheExactFiguresOfTheKnownDesk(TestDatabase db) {
        Desk d = new Desk(db);
        Actor root = d.f.admin;

        assertThat(d.reports.workload(root, WEEK).rows()).containsExactly(
                new WorkloadReport.Row("carol", 2, 2, 0, 45),
                new WorkloadReport.Row("dave", 1, 1, 0, 30),
                new WorkloadReport.Row("erin", 1, 0, 1, 0));

        assertThat(d.reports.byCategory(root, WEEK).rows()).containsExactly(
                new CategoryReport.Row("hw", "硬件", null, 0, 1, 3, 0, 2),
                new CategoryReport.Row("hw.printer", "打印机", "hw", 1, 2, 2, 2, 2),
                new CategoryReport.Row("sw", "软件", null, 0, 2, 2, 1, 1),
                new CategoryReport.Row(null, "", null, 0, 1, 1, 0, 0));

        VolumeReport days = d.reports.createdVsResolved(root, WEEK, VolumeReport.Period.DAY);
        assertThat(days.rows()).hasSize(7);
        assertThat(days.rows().subList(0, 4)).containsExactly(
                new VolumeReport.Row(MONDAY, "2026-11-16", 5, 1),
                new VolumeReport.Row(MONDAY.plusDays(1), "2026-11-17", 1, 1),
                new VolumeReport.Row(MONDAY.plusDays(2), "2026-11-18", 0, 1),
                new VolumeReport.Row(MONDAY.plusDays(3), "2026-11-19", 0, 0));
        assertThat(d.reports.createdVsResolved(root, WEEK, VolumeReport.Period.WEEK).rows())
                .containsExactly(new VolumeReport.Row(MONDAY, "2026-W47", 6, 3));
        // the range ends inside the week: only its days count; T0 (11-06) falls in the week of 11-02; empty weeks are listed
        assertThat(d.reports.createdVsResolved(root, ReportFilter.between(LocalDate.of(2026, 11, 6), MONDAY.plusDays(1)),
                VolumeReport.Period.WEEK).rows()).containsExactly(
                new VolumeReport.Row(LocalDate.of(2026, 11, 2), "2026-W45", 1, 0),
                new VolumeReport.Row(LocalDate.of(2026, 11, 9), "2026-W46", 0, 0),
                new VolumeReport.Row(MONDAY, "2026-W47", 6, 2));

        assertThat(d.reports.slaCompliance(root, WEEK).rows()).containsExactly(
                new SlaReport.Row(SlaTarget.FIRST_RESPONSE, 0, 0),
                new SlaReport.Row(SlaTarget.NEXT_RESPONSE, 0, 0),
                new SlaReport.Row(SlaTarget.RESOLUTION, 1, 1));
        assertThat(d.reports.slaCompliance(root, WEEK).rows().get(2).compliance()).isEqualTo(0.5);

        // working time on office hours: T1 09:00→14:00 is 4 h (lunch excluded), T2 Mon 09:00→Tue 10:00 is 9 h,
        // T5 Mon 09:00→Wed 09:00 is 16 h (its first resolution was refused)
        assertThat(d.reports.responseTimes(root, WEEK).rows()).containsExactly(
                new ResponseTimeReport.Row("fac", 1, min(120), min(120), 0, null, null),
                new ResponseTimeReport.Row("it", 2, min(45), min(60), 3, min(540), min(960)),
                new ResponseTimeReport.Row(null, 3, min(60), min(120), 3, min(540), min(960)));

        RatingReport ratings = d.reports.ratings(root, WEEK);
        assertThat(ratings.rows()).containsExactly(
                new RatingReport.Row("it", List.of(0L, 0L, 1L, 1L, 1L)),
                new RatingReport.Row(null, List.of(0L, 0L, 1L, 1L, 1L)));
        assertThat(ratings.total().average()).isEqualTo(4.0);
        assertThat(ratings.total().ratings()).isEqualTo(3);

        BacklogReport backlog = d.reports.backlog(root, WEEK);
        assertThat(backlog.asOf()).isEqualTo(at(MONDAY.plusDays(2), 9, 0));
        assertThat(backlog.rows()).containsExactly(
                new BacklogReport.Row("fac", 0, 1, 0, 0),
                new BacklogReport.Row("it", 1, 1, 0, 1),
                new BacklogReport.Row(null, 1, 2, 0, 1));
    }

    @DbTest
    void filtersNarrowEveryReport(TestDatabase db) {
        Desk d = new Desk(db);
        Actor root = d.f.admin;
        ReportFilter hardware = WEEK.withCategory("hw");
        assertThat(d.reports.byCategory(root, hardware).rows()).extracting(CategoryReport.Row::key).containsExactly("hw", "hw.printer");
        assertThat(d.reports.byCategory(root, WEEK.withCategory("hw.printer")).rows()).containsExactly(
                new CategoryReport.Row("hw.printer", "打印机", "hw", 0, 2, 2, 2, 2));
        assertThat(d.reports.createdVsResolved(root, hardware, VolumeReport.Period.WEEK).rows())
                .containsExactly(new VolumeReport.Row(MONDAY, "2026-W47", 3, 2));
        assertThat(d.reports.workload(root, hardware).rows()).containsExactly(new WorkloadReport.Row("carol", 2, 2, 0, 45));
        assertThat(d.reports.workload(root, WEEK.withType("repair")).rows()).containsExactly(new WorkloadReport.Row("erin", 1, 0, 1, 0));
        assertThat(d.reports.backlog(root, WEEK.withQueue("it")).total()).isEqualTo(new BacklogReport.Row(null, 1, 1, 0, 1));
        assertThat(d.reports.ratings(root, WEEK.withCategory("sw")).total().byScore()).containsExactly(0L, 0L, 0L, 0L, 1L);
        assertThat(d.reports.slaCompliance(root, WEEK.withQueue("fac")).rows()).allSatisfy(r -> assertThat(r.met() + r.breached()).isZero());
        // a range without the Monday: T1's late resolution and the Monday figures drop out
        ReportFilter fromTuesday = ReportFilter.between(MONDAY.plusDays(1), MONDAY.plusDays(6));
        assertThat(d.reports.slaCompliance(root, fromTuesday).rows().get(2)).isEqualTo(new SlaReport.Row(SlaTarget.RESOLUTION, 1, 0));
        assertThat(d.reports.workload(root, fromTuesday).rows()).containsExactly(
                new WorkloadReport.Row("carol", 0, 1, 0, 0),
                new WorkloadReport.Row("dave", 0, 1, 0, 30),
                new WorkloadReport.Row("erin", 0, 0, 1, 0));
    }

    @DbTest
    void agentsReadTheirQueuesOnlyAndRequestersNothing(TestDatabase db) {
        Desk d = new Desk(db);
        assertThat(d.reports.workload(user("erin"), WEEK).rows()).containsExactly(new WorkloadReport.Row("erin", 1, 0, 1, 0));
        assertThat(d.reports.backlog(user("carol"), WEEK).rows()).extracting(BacklogReport.Row::queue).containsExactly("it", null);
        assertThat(d.reports.responseTimes(user("erin"), WEEK).rows()).extracting(ResponseTimeReport.Row::queue).containsExactly("fac", null);
        assertThatThrownBy(() -> d.reports.workload(user("erin"), WEEK.withQueue("it")))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("'erin' may not read reports on queue 'it'").hasMessageContaining("agents of that queue and administrators may");
        assertThatThrownBy(() -> d.reports.ratings(user("alice"), WEEK))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("'alice' may not read ticket reports").hasMessageContaining("agents of a queue")
                .hasMessageContaining("administrators");
    }

    @DbTest
    void tenantsNeverSeeEachOthersFigures(TestDatabase db) {
        Desk d = new Desk(db);
        d.f.setUpTenant("globex");
        Actor other = Actor.admin("globex", "root");
        assertThat(d.reports.workload(other, WEEK).rows()).isEmpty();
        assertThat(d.reports.backlog(other, WEEK).rows()).containsExactly(new BacklogReport.Row(null, 0, 0, 0, 0));
        assertThat(d.reports.createdVsResolved(other, WEEK, VolumeReport.Period.WEEK).rows())
                .containsExactly(new VolumeReport.Row(MONDAY, "2026-W47", 0, 0));
        assertThat(d.reports.responseTimes(other, WEEK).rows()).containsExactly(new ResponseTimeReport.Row(null, 0, null, null, 0, null, null));
        assertThat(d.reports.ratings(other, WEEK).total().average()).isNull();
    }
}
