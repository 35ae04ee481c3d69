package dev.oakit.workflow.internal.stats;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.DirectoryProvider;
import dev.oakit.workflow.ApprovalStatistics;
import dev.oakit.workflow.internal.store.Rows;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics, in portable SQL (H2, PostgreSQL, MariaDB): counts with GROUP BY, percentiles
 * from the handling times sorted by the database (two columns streamed, ranks picked on the way), and
 * the handling time read from {@code oa_wf_task.work_ms}, which the engine writes in working time
 * when a task closes. Served by the indexes {@code oa_wf_task_closed} and {@code oa_wf_instance_started/ended}.
 * Departments come from the {@link DirectoryProvider} (the host's, when it replaced OAKit's), asked
 * outside any transaction for the users who decided tasks in the period.
 */
@Singleton
public final class StatisticsService implements ApprovalStatistics {
    private static final String DECIDED = " t.tenant_id = :t AND t.status = 'DONE' AND t.completed_at >= :f AND t.completed_at < :u"
            + " AND t.acted_by IS NOT NULL AND t.acted_by <> 'system'";

    private final Commands commands;
    private final DirectoryProvider directory;

    @Inject
    private StatisticsService(Commands commands, DirectoryProvider directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Override
    public List<HandlerStats> byUser(Actor admin, Period period) {
        return handlers(admin, period, false);
    }

    @Override
    public List<HandlerStats> byDepartment(Actor admin, Period period) {
        return handlers(admin, period, true);
    }

    private static String process(Period p, String alias) {
        return p.processKey() == null ? "" : " AND " + alias + ".def_key = :k";
    }

    private static Query bind(Query q, Actor admin, Period p) {
        q.bind("t", admin.tenantId()).bind("f", Rows.db(p.from())).bind("u", Rows.db(p.until()));
        if (p.processKey() != null) {
            q.bind("k", p.processKey());
        }
        return q;
    }

    /**
     * Counts per user in SQL, then per group (the user, or the user's primary department in the
     * directory: users without one are left out), then the percentiles of each group in one pass.
     */
    private List<HandlerStats> handlers(Actor admin, Period p, boolean byDepartment) {
        Checks.notNull("admin", admin);
        Checks.notNull("period", p);
        admin.requireAdmin("read approval statistics");
        Map<String, long[]> perUser = new HashMap<>();
        commands.query(h -> bind(h.createQuery("SELECT t.acted_by AS u, COUNT(*) AS handled,"
                + " SUM(CASE WHEN t.due_at IS NOT NULL AND t.completed_at > t.due_at THEN 1 ELSE 0 END) AS overdue,"
                + " SUM(t.urged) AS urges, COUNT(t.work_ms) AS timed FROM oa_wf_task t WHERE" + DECIDED + process(p, "t")
                + " GROUP BY t.acted_by"), admin, p)
                .map((rs, x) -> perUser.put(rs.getString("u"),
                        new long[]{rs.getLong("handled"), rs.getLong("overdue"), rs.getLong("urges"), rs.getLong("timed")})).list());
        // the directory may be remote (the host's LDAP, say): asked here, outside any transaction
        Map<String, String> groupOf;
        if (byDepartment) {
            groupOf = perUser.isEmpty() ? Map.of() : directory.primaryDepartments(admin.tenantId(), perUser.keySet());
        } else {
            groupOf = new HashMap<>();
            perUser.keySet().forEach(u -> groupOf.put(u, u));
        }
        Map<String, long[]> counts = new TreeMap<>();
        perUser.forEach((user, c) -> {
            String g = groupOf.get(user);
            if (g != null) {
                long[] sum = counts.computeIfAbsent(g, k -> new long[4]);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += c[i];
                }
            }
        });
        if (counts.isEmpty()) {
            return List.of();
        }
        // in a transaction: the percentile pass streams with a fetch size (PostgreSQL buffers it all in auto-commit mode)
        Map<String, Duration[]> ranks = commands.queryInTransaction(h -> percentiles(h, admin, p, groupOf, counts));
        List<HandlerStats> out = new ArrayList<>();
        counts.forEach((g, c) -> {
            Duration[] r = ranks.getOrDefault(g, new Duration[2]);
            out.add(new HandlerStats(g, c[0], r[0], r[1], c[1], c[2]));
        });
        return out;
    }

    /**
     * Median and p90 (nearest rank) of the handling time per group, exactly, in one pass over the
     * handling times sorted by the database: a group's times arrive in order among all others, so
     * its n-th row is its n-th smallest time. Only the user and the time of each task are read, and
     * nothing is kept per row (a counter per group). A user missing from {@code groupOf} or a group
     * missing from {@code counts} (a first task decided after the counting statement ran: each
     * statement has its own snapshot) is left out.
     */
    static Map<String, Duration[]> percentiles(Handle h, Actor admin, Period p, Map<String, String> groupOf,
                                               Map<String, long[]> counts) {
        Map<String, Duration[]> out = new HashMap<>();
        Map<String, long[]> rank = new HashMap<>();
        Query q = h.createQuery("SELECT t.acted_by AS u, t.work_ms FROM oa_wf_task t WHERE" + DECIDED + process(p, "t")
                + " AND t.work_ms IS NOT NULL ORDER BY t.work_ms");
        try (var rows = bind(q, admin, p).setFetchSize(1000).map((rs, x) -> new Object[]{rs.getString("u"), rs.getLong("work_ms")}).stream()) {
            rows.forEach(row -> {
                String g = groupOf.get((String) row[0]);
                long[] c = g == null ? null : counts.get(g);
                if (c == null) {
                    return;
                }
                long n = ++rank.computeIfAbsent(g, k -> new long[1])[0];
                long timed = c[3];
                Duration[] r = out.computeIfAbsent(g, k -> new Duration[2]);
                if (n == (timed + 1) / 2) {
                    r[0] = Duration.ofMillis((Long) row[1]);
                }
                if (n == (9 * timed + 9) / 10) {
                    r[1] = Duration.ofMillis((Long) row[1]);
                }
            });
        }
        return out;
    }

    @Override
    public List<ProcessStats> byProcess(Actor admin, Period p) {
        Checks.notNull("admin", admin);
        Checks.notNull("period", p);
        admin.requireAdmin("read approval statistics");
        return commands.query(h -> {
            Map<String, long[]> counts = new TreeMap<>();
            bind(h.createQuery("SELECT i.def_key AS k, COUNT(*) AS n FROM oa_wf_instance i WHERE i.tenant_id = :t"
                    + " AND i.started_at >= :f AND i.started_at < :u" + process(p, "i") + " GROUP BY i.def_key"), admin, p)
                    .map((rs, x) -> counts.computeIfAbsent(rs.getString("k"), k -> new long[3])[0] = rs.getLong("n")).list();
            bind(h.createQuery("SELECT i.def_key AS k, SUM(CASE WHEN i.status = 'APPROVED' THEN 1 ELSE 0 END) AS a,"
                    + " SUM(CASE WHEN i.status = 'REJECTED' THEN 1 ELSE 0 END) AS r FROM oa_wf_instance i WHERE i.tenant_id = :t"
                    + " AND i.ended_at >= :f AND i.ended_at < :u" + process(p, "i") + " GROUP BY i.def_key"), admin, p)
                    .map((rs, x) -> {
                        long[] c = counts.computeIfAbsent(rs.getString("k"), k -> new long[3]);
                        c[1] = rs.getLong("a");
                        c[2] = rs.getLong("r");
                        return c;
                    }).list();
            Map<String, Duration> cycles = medianCycles(h, admin, p);
            Map<String, Object[]> slowest = new LinkedHashMap<>();
            bind(h.createQuery("SELECT t.def_key AS k, t.node_id AS n, AVG(t.work_ms) AS w FROM oa_wf_task t WHERE" + DECIDED
                    + process(p, "t") + " AND t.work_ms IS NOT NULL GROUP BY t.def_key, t.node_id"), admin, p)
                    .map((rs, x) -> {
                        double w = rs.getDouble("w");
                        Object[] best = slowest.get(rs.getString("k"));
                        if (best == null || w > (double) best[1]) {
                            slowest.put(rs.getString("k"), new Object[]{rs.getString("n"), w});
                        }
                        return w;
                    }).list();
            List<ProcessStats> out = new ArrayList<>();
            counts.forEach((k, c) -> {
                Object[] s = slowest.get(k);
                out.add(new ProcessStats(k, c[0], c[1], c[2], cycles.get(k), s == null ? null : (String) s[0],
                        s == null ? null : Duration.ofMillis(Math.round((double) s[1]))));
            });
            return out;
        });
    }

    /**
     * Median wall-clock cycle time per process of the instances that ended decided in the period:
     * only the two timestamps of each come back, and the sort happens per process here (a
     * timestamp difference is not portable SQL).
     */
    private static Map<String, Duration> medianCycles(Handle h, Actor admin, Period p) {
        Map<String, List<Long>> byKey = new TreeMap<>();
        bind(h.createQuery("SELECT i.def_key AS k, i.started_at, i.ended_at FROM oa_wf_instance i WHERE i.tenant_id = :t"
                + " AND i.ended_at >= :f AND i.ended_at < :u AND i.status IN ('APPROVED', 'REJECTED')" + process(p, "i")), admin, p)
                .map((rs, x) -> byKey.computeIfAbsent(rs.getString("k"), k -> new ArrayList<>())
                        .add(Duration.between(Rows.instant(rs, "started_at"), Rows.instant(rs, "ended_at")).toMillis()))
                .list();
        Map<String, Duration> out = new LinkedHashMap<>();
        byKey.forEach((k, v) -> {
            long[] sorted = v.stream().mapToLong(Long::longValue).sorted().toArray();
            out.put(k, Duration.ofMillis(sorted[(sorted.length + 1) / 2 - 1]));
        });
        return out;
    }
}
