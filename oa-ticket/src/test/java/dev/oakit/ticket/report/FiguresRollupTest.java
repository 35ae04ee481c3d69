package dev.oakit.ticket.report;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.internal.report.ReportEngine;
import dev.oakit.ticket.internal.store.MetricDayPauses;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creations and assignments reach the figures per day through the rollup, and a command that commits while a rollup or
 * a rebuild runs is neither lost nor counted twice: the reports equal the reports from the metric rows before, during
 * and after, and what the rollup kept equals a rebuild. Each test pauses the rollup (or the rebuild) at its worst point
 * (rows locked and read, nothing written yet) through {@link MetricDayPauses} and runs commands from
 * another thread meanwhile: a create and a claim that commit at once, and a move of a ticket the rollup holds, which
 * waits for it.
 */
class FiguresRollupTest {
    private static final Actor ROOT = Actor.admin(TicketFixture.T, "root");

    private static TicketFixture desk(TestDatabase db) {
        return new TicketFixture(db, b -> b.config("core", Map.of("jobs", Map.of("enabled", false))));
    }

    @DbTest
    void aCreateAndAnAssignmentNeedTheRollupToReachTheFiguresAndTheReportsCountThemBefore(TestDatabase db) {
        TicketFixture f = desk(db);
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        long t = f.open("未汇总").id();
        f.tickets.claim(user("carol"), t);
        assertThat(figures(db, "created")).isZero();
        assertThat(figures(db, "assigned")).isZero();
        same(reports);

        assertThat(reports.rollUpFigures(ROOT)).isEqualTo(2); // the creation and the assignment
        assertThat(reports.rollUpFigures(ROOT)).isZero();
        assertThat(reports.rollUp(TicketFixture.T, 100)).isZero();
        assertThat(figures(db, "created")).isEqualTo(1);
        assertThat(figures(db, "created_m")).isEqualTo(1);
        assertThat(figures(db, "assigned")).isEqualTo(1);
        same(reports);
    }

    @DbTest
    void commandsCommittingWhileARollupRunsAreNeitherLostNorCountedTwice(TestDatabase db) throws Exception {
        TicketFixture f = desk(db);
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        long t1 = f.open("汇总中 1").id();
        long t2 = f.open("汇总中 2").id();
        f.tickets.claim(user("carol"), t1);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        CompletableFuture<?>[] moved = new CompletableFuture<?>[1];
        MetricDayPauses.set(where -> {
            if (!where.equals("rollup:" + TicketFixture.T) || paused.getCount() == 0) {
                return;
            }
            paused.countDown();
            // a create and a claim of a ticket the rollup holds: they write no figures per day, so they commit now
            CompletableFuture.runAsync(() -> {
                f.open("汇总中 3");
                f.tickets.claim(user("dave"), t2);
            }).whenComplete((v, e) -> committed.countDown());
            // a move of a ticket whose creation and assignment the rollup holds: waits for the rollup's commit
            moved[0] = CompletableFuture.runAsync(() -> f.tickets.reassign(ROOT, t1, "fac", null, "搬走"));
            await(committed);
        });
        try {
            int rolled = reports.rollUp(TicketFixture.T, 100);
            assertThat(paused.getCount()).isZero();
            assertThat(rolled).isEqualTo(3); // t1, t2 and t1's assignment, as read before the pause
            moved[0].get(60, TimeUnit.SECONDS);
        } finally {
            MetricDayPauses.set(null);
        }
        same(reports);
        assertThat(reports.rollUp(TicketFixture.T, 100)).isEqualTo(2); // the new ticket and t2's assignment
        assertThat(reports.rollUp(TicketFixture.T, 100)).isZero();
        same(reports);
        Map<String, Long> kept = allFigures(db);
        reports.rebuildFigures(ROOT);
        assertThat(allFigures(db)).isEqualTo(kept);
        assertThat(kept).containsEntry("created|fac", 1L).containsEntry("created|it", 2L).containsEntry("assigned|fac", 1L)
                .containsEntry("assigned|it", 1L);
    }

    @DbTest
    void aCreateCommittingDuringARebuildIsCountedOnce(TestDatabase db) throws Exception {
        TicketFixture f = desk(db);
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        long t1 = f.open("重建前").id();
        f.tickets.claim(user("carol"), t1);
        reports.rollUp(TicketFixture.T, 100);
        f.open("重建前 未汇总");
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        MetricDayPauses.set(where -> {
            if (!where.equals("rebuild:" + TicketFixture.T) || paused.getCount() == 0) {
                return;
            }
            paused.countDown();
            CompletableFuture.runAsync(() -> {
                long t = f.open("重建中").id();
                f.tickets.claim(user("dave"), t);
            }).whenComplete((v, e) -> committed.countDown());
            await(committed);
        });
        try {
            reports.rebuildFigures(ROOT);
            assertThat(paused.getCount()).isZero();
        } finally {
            MetricDayPauses.set(null);
        }
        assertThat(committed.getCount()).isZero();
        same(reports);
        assertThat(figures(db, "created")).isEqualTo(2); // the new one is in the tail
        assertThat(reports.rollUp(TicketFixture.T, 100)).isEqualTo(2); // its creation and its assignment
        same(reports);
        Map<String, Long> kept = allFigures(db);
        reports.rebuildFigures(ROOT);
        assertThat(allFigures(db)).isEqualTo(kept).containsEntry("created|it", 3L).containsEntry("assigned|it", 2L);
    }

    @DbTest
    void idleRollupRunsLeaveNoAuditRecordAndARunThatRollsUpIsAuditedOnceWithItsCount(TestDatabase db) {
        ManualClock clock = new ManualClock();
        TicketFixture f = new TicketFixture(db, b -> b.clock(clock));
        Jdbi jdbi = Jdbi.create(db.dataSource());
        awaitRollupIdle(jdbi, clock);
        Map<String, Long> figures = allFigures(db);
        long done = rollupJobs(jdbi, "DONE");
        for (int i = 0; i < 5; i++) {
            clock.advance(java.time.Duration.ofMinutes(1));
            awaitRollupIdle(jdbi, clock);
        }
        assertThat(rollupJobs(jdbi, "DONE")).isEqualTo(done + 5); // five runs, each found nothing
        assertThat(rollupJobs(jdbi, "READY")).isEqualTo(1); // the chain goes on
        assertThat(rollupAudits(jdbi)).isEmpty();
        assertThat(allFigures(db)).isEqualTo(figures);

        long t = f.open("有活").id();
        f.tickets.claim(user("carol"), t);
        clock.advance(java.time.Duration.ofMinutes(1));
        awaitRollupIdle(jdbi, clock);
        assertThat(rollupAudits(jdbi)).containsExactly("rolled up 2 creation(s) and assignment(s) into the report figures per day");
        clock.advance(java.time.Duration.ofMinutes(1));
        awaitRollupIdle(jdbi, clock);
        assertThat(rollupAudits(jdbi)).hasSize(1);
        assertThat(rollupJobs(jdbi, "READY")).isEqualTo(1);
    }

    @DbTest
    void aRestartWithTheRollupChainAliveRunsNoCommandAndAddsNoAuditRecord(TestDatabase db) {
        TicketFixture f = desk(db); // jobs off: the chain that saving the queues started waits
        Jdbi jdbi = Jdbi.create(db.dataSource());
        assertThat(rollupJobs(jdbi, "READY")).isEqualTo(1);
        long audits = auditRows(jdbi);
        f.oa.close();
        db.start(b -> b.plugin(new dev.oakit.ticket.TicketPlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        assertThat(auditRows(jdbi)).isEqualTo(audits);
        assertThat(rollupJobs(jdbi, "READY")).isEqualTo(1);

        // a chain that is gone (its job cancelled) is started again by the next start, audited
        jdbi.useHandle(h -> h.createUpdate("UPDATE oa_core_job SET status = 'CANCELLED' WHERE type = 'tk.report.rollup'").execute());
        db.start(b -> b.plugin(new dev.oakit.ticket.TicketPlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        assertThat(rollupJobs(jdbi, "READY")).isEqualTo(1);
        assertThat(startAudits(jdbi)).isEqualTo(1);
    }

    private static long startAudits(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oa_core_audit WHERE action = 'tk.report.rollup-start'")
                .mapTo(Long.class).one());
    }

    private static long auditRows(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oa_core_audit").mapTo(Long.class).one());
    }

    @DbTest
    void mergesAndLinksRacingRollupsDoNotDeadlockAndTheReportsStayExact(TestDatabase db) throws Exception {
        TicketFixture f = desk(db);
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        int pairs = 8;
        long[] low = new long[pairs];
        long[] high = new long[pairs];
        for (int i = 0; i < pairs; i++) {
            low[i] = f.open("并发 低 " + i).id();
            high[i] = f.open("并发 高 " + i).id();
            f.tickets.claim(user("carol"), high[i]);
        }
        CountDownLatch start = new CountDownLatch(1);
        // each command names the higher id first; only a merge's source write locks figures, so this race checks the
        // counts, and FiguresLockOrderTest proves the write order with a command paused between two locking writes
        CompletableFuture<?> commands = CompletableFuture.runAsync(() -> {
            await(start);
            for (int i = 0; i < pairs; i++) {
                if (i % 2 == 0) {
                    f.tickets.merge(user("carol"), high[i], low[i], "重复");
                } else {
                    f.tickets.link(user("carol"), high[i], dev.oakit.ticket.LinkKind.RELATED, low[i]);
                }
            }
        });
        CompletableFuture<?> rollups = CompletableFuture.runAsync(() -> {
            await(start);
            for (int i = 0; i < pairs * 3; i++) {
                reports.rollUp(TicketFixture.T, 1 + i % 3);
            }
        });
        start.countDown();
        commands.get(120, TimeUnit.SECONDS); // a deadlock would fail one of them
        rollups.get(120, TimeUnit.SECONDS);
        same(reports);
        reports.rollUpFigures(ROOT);
        same(reports);
        Map<String, Long> kept = allFigures(db);
        reports.rebuildFigures(ROOT);
        assertThat(allFigures(db)).isEqualTo(kept).containsEntry("created|it", 2L * pairs);
    }

    /** Waits until no rollup job is running or due: the due run has run and scheduled its successor. */
    static void awaitRollupIdle(Jdbi jdbi, ManualClock clock) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, due_at FROM oa_core_job WHERE type = 'tk.report.rollup' AND status IN ('READY', 'RUNNING')")
                .map((rs, c) -> rs.getString(1).equals("RUNNING") || !rs.getObject(2, java.time.LocalDateTime.class)
                        .isAfter(java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)))
                .list()).stream().noneMatch(busy -> busy));
    }

    private static long rollupJobs(Jdbi jdbi, String status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oa_core_job WHERE type = 'tk.report.rollup' AND status = :s")
                .bind("s", status).mapTo(Long.class).one());
    }

    static java.util.List<String> rollupAudits(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT summary FROM oa_core_audit WHERE action = 'tk.report.rollup' ORDER BY id")
                .mapTo(String.class).list());
    }

    /**
     * Waits for the other thread's commands, bounded: a command that does not commit within the bound (blocked on the
     * locks of the rollup or rebuild that waits here) fails the test.
     */
    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other thread's commands finished within 30 s").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the other thread's commands", e);
        }
    }

    private static ReportFilter today() {
        LocalDate d = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        return ReportFilter.between(d.minusDays(2), d.plusDays(2));
    }

    /** The reports read from the figures per day (with their tail) equal those from the metric rows. */
    static void same(ReportEngine reports) {
        ReportEngine rows = reports.fromMetricRows();
        ReportFilter range = today();
        assertThat(reports.workload(ROOT, range)).isEqualTo(rows.workload(ROOT, range));
        assertThat(reports.byCategory(ROOT, range)).isEqualTo(rows.byCategory(ROOT, range));
        assertThat(reports.createdVsResolved(ROOT, range, VolumeReport.Period.DAY)).isEqualTo(rows.createdVsResolved(ROOT, range, VolumeReport.Period.DAY));
        ReportFilter month = ReportFilter.between(range.from().withDayOfMonth(1).minusMonths(1), range.to().plusMonths(1));
        assertThat(reports.workload(ROOT, month)).isEqualTo(rows.workload(ROOT, month));
        ReportFilter fac = new ReportFilter(range.from(), range.to(), "fac", null, null);
        assertThat(reports.workload(ROOT, fac)).isEqualTo(rows.workload(ROOT, fac));
    }

    private static long figures(TestDatabase db, String measure) {
        return Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(
                "SELECT COALESCE(SUM(n), 0) FROM oa_tk_metric_day WHERE tenant_id = :t AND measure = :m").bind("t", TicketFixture.T)
                .bind("m", measure).mapTo(Long.class).one());
    }

    /** @return the day rows' non-zero sums per measure and queue */
    static Map<String, Long> allFigures(TestDatabase db) {
        Map<String, Long> out = new TreeMap<>();
        Jdbi.create(db.dataSource()).useHandle(h -> h.createQuery("""
                SELECT measure, queue_key, SUM(n) FROM oa_tk_metric_day WHERE tenant_id = :t GROUP BY measure, queue_key HAVING SUM(n) <> 0""")
                .bind("t", TicketFixture.T).map((rs, c) -> out.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3))).list());
        return out;
    }
}
