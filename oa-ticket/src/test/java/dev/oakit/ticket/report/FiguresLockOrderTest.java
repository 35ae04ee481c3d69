package dev.oakit.ticket.report;

import dev.oakit.core.Actor;
import com.google.inject.multibindings.OptionalBinder;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.DatabaseProduct;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.internal.command.Assignment;
import dev.oakit.ticket.internal.command.TicketCommand;
import dev.oakit.ticket.internal.report.ReportEngine;
import dev.oakit.ticket.internal.report.TicketMetrics;
import dev.oakit.ticket.internal.runner.CommandRunner;
import dev.oakit.ticket.internal.store.MetricDayPauses;
import dev.oakit.ticket.internal.store.MetricDayRepository;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.spi.SlaHook;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock order of the report figures, proven with pauses ({@link MetricDayPauses}) rather than hoped for in a race:
 * a command on two tickets paused between its two writes while a rollup takes the tickets' metric rows, and a
 * resolution and a move committing while a rebuild has deleted the figures and counted nothing yet. Each pause holds
 * until the other thread's work has finished or waits for a lock (asked of the database), so the worst interleaving
 * happens on every run, on H2, PostgreSQL and MariaDB.
 */
class FiguresLockOrderTest {
    private static final Actor ROOT = Actor.admin(TicketFixture.T, "root");
    /** A transaction's session in InnoDB's status ("MariaDB thread id 12, OS thread handle ..."). */
    private static final java.util.regex.Pattern MARIADB_THREAD = java.util.regex.Pattern.compile("(?:MariaDB|MySQL) thread id (\\d+)");

    @DbTest
    void aCommandOnTwoTicketsPausedBetweenItsWritesDoesNotDeadlockWithARollup(TestDatabase db) throws Exception {
        TicketFixture f = new TicketFixture(db, b -> b.plugin(new PairMoverPlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        long low = f.open("成对 低").id();
        long high = f.open("成对 高").id();
        // the rollup's statements in a transaction of their own: OAKit's command would run them again after a deadlock
        MetricDayRepository days = new MetricDayRepository(() -> DatabaseProduct.valueOf(db.kind().name()));
        Jdbi jdbi = Jdbi.create(db.dataSource());
        AtomicReference<CompletableFuture<Integer>> rollup = new AtomicReference<>();
        Map<String, Integer> pauses = new java.util.concurrent.ConcurrentHashMap<>();
        MetricDayPauses.set(where -> {
            if (pauses.merge(where, 1, Integer::sum) > 1 || !where.equals("pair:" + TicketFixture.T)) {
                return;
            }
            // the first write holds its ticket's metric row; the rollup locks the metric rows in id order
            rollup.set(CompletableFuture.supplyAsync(() -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                    h -> days.rollUp(h, TicketFixture.T, 100))));
            untilDoneOrWaiting(db, rollup.get());
        });
        try {
            // names the higher id first: writing in naming order would hold the higher row while the rollup holds the lower
            f.oa.service(PairMover.class).moveBoth(ROOT, high, low, "fac");
            assertThat(rollup.get()).as("the pause between the writes ran").isNotNull();
            assertThat(rollup.get().get(60, TimeUnit.SECONDS)).isEqualTo(2); // both creations, counted where the move put them
        } finally {
            MetricDayPauses.set(null);
        }
        // ran once: no deadlock undid the command (OAKit runs a command again after one)
        assertThat(pauses).containsEntry("pair:" + TicketFixture.T, 1);
        FiguresRollupTest.same(reports);
        Map<String, Long> kept = FiguresRollupTest.allFigures(db);
        reports.rebuildFigures(ROOT);
        assertThat(FiguresRollupTest.allFigures(db)).isEqualTo(kept).containsEntry("created|fac", 2L).doesNotContainKey("created|it");
    }

    @DbTest
    void aResolutionAMoveAndARatingCommittingDuringARebuildAreCountedOnce(TestDatabase db) throws Exception {
        TicketFixture f = new TicketFixture(db, b -> b.config("core", Map.of("jobs", Map.of("enabled", false))));
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        long resolved = f.started("重建中 解决").id();
        long moved = f.started("重建中 搬走").id();
        long rated = f.started("重建中 评分").id();
        f.tickets.resolve(user("carol"), rated, "好了");
        f.open("重建中 留下");
        reports.rollUp(TicketFixture.T, 100);
        rebuildWhileCommitting(db, reports,
                () -> f.tickets.resolve(user("carol"), resolved, "好了"),
                () -> f.tickets.reassign(ROOT, moved, "fac", null, "搬走"),
                () -> f.tickets.rate(user("alice"), rated, 4, "谢谢"));
        FiguresRollupTest.same(reports);
        Map<String, Long> kept = FiguresRollupTest.allFigures(db);
        assertThat(kept).containsEntry("resolved|it", 2L).containsEntry("created|it", 3L).containsEntry("created|fac", 1L)
                .containsEntry("assigned|it", 2L).containsEntry("assigned|fac", 1L).containsEntry("rated|it", 1L);
        reports.rebuildFigures(ROOT);
        assertThat(FiguresRollupTest.allFigures(db)).isEqualTo(kept);
    }

    /**
     * An SLA clock writes its outcome after the command's own figures, in a command that need not touch the ticket's
     * metric row (here a note): committing while a rebuild has deleted the figures and counted nothing yet, it is
     * counted once, as the outcome takes the ticket's figures lock first.
     */
    @DbTest
    void anSlaOutcomeCommittingDuringARebuildIsCountedOnce(TestDatabase db) throws Exception {
        TicketFixture f = new TicketFixture(db, b -> b.plugin(new NoteSlaPlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        long noted = f.started("重建中 备注").id();
        reports.rollUp(TicketFixture.T, 100);
        rebuildWhileCommitting(db, reports, () -> f.tickets.note(user("carol"), noted, "已电话联系"));
        Map<String, Long> kept = FiguresRollupTest.allFigures(db);
        assertThat(kept).containsEntry("sla|it", 1L);
        reports.rebuildFigures(ROOT);
        assertThat(FiguresRollupTest.allFigures(db)).isEqualTo(kept);
    }

    /**
     * Rebuilds the figures with the commands started where the rebuild has deleted the figures and counted nothing yet
     * (the worst point for a command to commit), held there until each has finished or waits for a lock.
     */
    private static void rebuildWhileCommitting(TestDatabase db, ReportEngine reports, Runnable... commands) throws Exception {
        CompletableFuture<?>[] running = new CompletableFuture<?>[commands.length];
        Map<String, Integer> pauses = new java.util.concurrent.ConcurrentHashMap<>();
        MetricDayPauses.set(where -> {
            if (pauses.merge(where, 1, Integer::sum) > 1 || !where.equals("rebuild:" + TicketFixture.T)) {
                return;
            }
            for (int i = 0; i < commands.length; i++) {
                running[i] = CompletableFuture.runAsync(commands[i]);
            }
            untilDoneOrWaiting(db, running);
        });
        try {
            reports.rebuildFigures(ROOT);
            assertThat(running[0]).as("the pause in the rebuild ran").isNotNull();
            CompletableFuture.allOf(running).get(60, TimeUnit.SECONDS);
        } finally {
            MetricDayPauses.set(null);
        }
        assertThat(pauses).containsEntry("rebuild:" + TicketFixture.T, 1); // no deadlock undid the rebuild
    }

    /** An SLA clock that counts a note as the first response, met (it writes through the report figures' own door). */
    static final class NoteSla implements SlaHook {
        private final TicketMetrics metrics;

        @Inject
        NoteSla(TicketMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void recorded(CommandContext ctx, Ticket t, List<TicketEvent> events) {
            for (TicketEvent e : events) {
                if (e.kind() == TicketEventKind.INTERNAL_NOTE) {
                    metrics.outcome(ctx.handle(), ctx.actor().tenantId(), t.id(), SlaTarget.FIRST_RESPONSE, null, false, e.at());
                }
            }
        }
    }

    /** Puts the {@link NoteSla} in place of the built-in SLA clock. */
    static final class NoteSlaPlugin implements OaPlugin {
        @Override
        public String id() {
            return "note-sla";
        }

        @Override
        public Set<String> requires() {
            return Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.install(binder -> OptionalBinder.newOptionalBinder(binder, SlaHook.class).setBinding().to(NoteSla.class));
        }
    }

    /**
     * Holds the paused thread until each of the other threads' futures has finished or waits for a lock (as many
     * sessions of the test's schema wait as futures have not finished; the paused thread holds those locks), at most
     * 30 s; past that it fails with what the database said of its sessions.
     */
    private static void untilDoneOrWaiting(TestDatabase db, CompletableFuture<?>... others) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> java.util.Arrays.stream(others).filter(o -> !o.isDone()).count() <= waitingForALock(db));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the other threads neither finished nor waited for a lock within 30 s; sessions: " + sessions(db), e);
        }
    }

    /** @return how many sessions of the test's schema wait for a row or table lock now (the database says so, not a timer) */
    private static int waitingForALock(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            if (db.kind() == TestDatabase.Kind.MARIADB) {
                return mariaDbWaiting(st);
            }
            String sql = db.kind() == TestDatabase.Kind.H2 ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                    // the test schema's sessions carry its name as their application name
                    : "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = current_setting('application_name')"
                    + " AND cardinality(pg_blocking_pids(pid)) > 0";
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * MariaDB 10.11 (performance_schema off, so no data_lock_waits): the transactions InnoDB reports waiting for a row
     * lock in its live status, and the sessions waiting for a table's metadata lock, of the test's schema. Not
     * information_schema.innodb_trx or INNODB_LOCK_WAITS: InnoDB refreshes their snapshot only when nobody on the server
     * has read it for 0.1 s, so a poll every 20 ms (or another test polling the same server) keeps a snapshot taken
     * before the wait began, and a waiting session shows as running, or not at all.
     */
    private static int mariaDbWaiting(java.sql.Statement st) throws java.sql.SQLException {
        Set<Long> lockWaits = innoDbLockWaits(st);
        int waiting = 0;
        try (ResultSet rs = st.executeQuery("SELECT id, state FROM information_schema.processlist"
                + " WHERE db = DATABASE() AND id <> CONNECTION_ID() AND command = 'Query'")) {
            while (rs.next()) {
                String state = rs.getString(2);
                if (lockWaits.contains(rs.getLong(1)) || state != null && state.startsWith("Waiting for") && state.endsWith(" lock")) {
                    waiting++;
                }
            }
        }
        return waiting;
    }

    /** @return the thread ids of the transactions InnoDB's live status reports waiting for a lock (LOCK WAIT) */
    private static Set<Long> innoDbLockWaits(java.sql.Statement st) throws java.sql.SQLException {
        Set<Long> out = new java.util.HashSet<>();
        try (ResultSet rs = st.executeQuery("SHOW ENGINE INNODB STATUS")) {
            rs.next();
            String status = rs.getString("Status");
            // the list of live transactions only, not the latest deadlock's (above it, with its sessions' ids)
            String live = status.substring(Math.max(0, status.indexOf("LIST OF TRANSACTIONS FOR EACH SESSION")));
            for (String trx : live.split("\n---TRANSACTION ")) {
                java.util.regex.Matcher m = MARIADB_THREAD.matcher(trx);
                if (trx.contains("\nLOCK WAIT ") && m.find()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        }
        return out;
    }

    /** @return the test schema's other sessions as MariaDB describes them (what they run, which wait for a lock); empty elsewhere */
    private static String sessions(TestDatabase db) {
        if (db.kind() != TestDatabase.Kind.MARIADB) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            out.append("InnoDB lock waits (thread ids) ").append(innoDbLockWaits(st));
            try (ResultSet rs = st.executeQuery("SELECT id, command, state, time_ms, info FROM information_schema.processlist"
                    + " WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
                while (rs.next()) {
                    out.append("\n  ").append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(" '").append(rs.getString(3))
                            .append("' ").append(rs.getString(4)).append(" ms: ").append(rs.getString(5));
                }
            }
        } catch (java.sql.SQLException e) {
            out.append("(not readable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    /** A command on two tickets that moves both to another queue: each write moves its ticket's figures. */
    public static final class PairMover {
        private final CommandRunner runner;
        private final Assignment assignment;

        @Inject
        public PairMover(CommandRunner runner, Assignment assignment) {
            this.runner = runner;
            this.assignment = assignment;
        }

        void moveBoth(Actor actor, long first, long second, String queue) {
            runner.onPair(actor, first, second, new TicketCommand.Reassign(queue, null, "成对"), null, Void.class, (a, b, reads) -> {
                assignment.reassign(a, queue, null, "成对", reads);
                assignment.reassign(b, queue, null, "成对", reads);
                return null;
            });
        }
    }

    /** Exposes the {@link PairMover}. */
    static final class PairMoverPlugin implements OaPlugin {
        @Override
        public String id() {
            return "pair-mover";
        }

        @Override
        public Set<String> requires() {
            return Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.install(binder -> binder.bind(PairMover.class));
            context.exposeService(PairMover.class);
        }
    }
}
