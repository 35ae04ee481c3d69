package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.workflow.ApprovalStatistics;
import dev.oakit.workflow.ApprovalStatistics.Period;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The statistics queries over a month of approvals with a million history
 * rows: seeds instances, tasks (with working-time durations, deadlines, urges) and history rows
 * straight into the tables, then times {@code byUser}, {@code byDepartment} and {@code byProcess}
 * for the month:
 *
 * <pre>
 * mvn -B -q -pl oa-benchmarks -am -DskipTests package exec:java -Doakit.demo.main=dev.oakit.benchmarks.StatisticsBenchmark
 * mvn ... -Dexec.args="db=postgresql history=1000000"
 * </pre>
 *
 * Arguments ({@code key=value}): {@code db} (h2, default, or postgresql on 127.0.0.1:5432/test),
 * {@code history} rows (default 1,000,000; ten per instance, three tasks per instance),
 * {@code users} (default 500), {@code runs} timed runs per query (default 10, after 3 warm-ups).
 */
public final class StatisticsBenchmark {
    static final String TENANT = "bench";
    static final Instant MONTH = Instant.parse("2026-10-01T00:00:00Z");
    static final String[] PROCESSES = {"leave", "expense", "purchase", "contract", "travel"};
    static final String[] NODES = {"manager", "director", "finance"};

    private StatisticsBenchmark() {
    }

    /** The timing of one run. */
    record Result(int history, int tasks, double byUserMs, double byDepartmentMs, double byProcessMs, String summary) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        run(a.getOrDefault("db", "h2"), Integer.parseInt(a.getOrDefault("history", "1000000")),
                Integer.parseInt(a.getOrDefault("users", "500")), Integer.parseInt(a.getOrDefault("runs", "10")), System.out);
    }

    static Result run(String db, int historyRows, int users, int runs, PrintStream out) throws Exception {
        try (BenchDatabase d = "postgresql".equals(db)
                ? BenchDatabase.postgresql("postgresql", new BenchDatabase.Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""),
                "stats", 4)
                : BenchDatabase.h2("stats", 4);
             OaKit oa = OaKit.builder().dataSource(d.rawDataSource()).tenant(TENANT, TENANT).plugin(new WorkflowPlugin())
                     .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start()) {
            Actor admin = Actor.admin(TENANT, "root");
            long t0 = System.nanoTime();
            organisation(oa.service(Directory.class), admin, users);
            int tasks = seed(d, historyRows, users);
            out.printf("seeded %d history rows, %d tasks, %d instances for %d users on %s in %.1f s%n", historyRows, tasks,
                    historyRows / 10, users, db, (System.nanoTime() - t0) / 1e9);
            ApprovalStatistics stats = oa.service(ApprovalStatistics.class);
            Period month = Period.of(MONTH, MONTH.plus(Duration.ofDays(31)));
            double byUser = time(runs, () -> stats.byUser(admin, month).size(), out, "byUser");
            double byDepartment = time(runs, () -> stats.byDepartment(admin, month).size(), out, "byDepartment");
            double byProcess = time(runs, () -> stats.byProcess(admin, month).size(), out, "byProcess");
            String summary = String.format(java.util.Locale.ROOT, "statistics %s: history=%d tasks=%d median ms byUser=%.1f byDepartment=%.1f"
                    + " byProcess=%.1f", db, historyRows, tasks, byUser, byDepartment, byProcess);
            out.println(summary);
            return new Result(historyRows, tasks, byUser, byDepartment, byProcess, summary);
        }
    }

    private static void organisation(Directory directory, Actor admin, int users) {
        DirectorySeed seed = DirectorySeed.of(directory, admin).department("hq", null, "HQ").users("root").admins("root");
        for (int dep = 0; dep < 10; dep++) {
            seed.department("d" + dep, "hq", "Department " + dep);
        }
        for (int u = 0; u < users; u++) {
            seed.users("u" + u).members("d" + (u % 10), "u" + u);
        }
    }

    /** Inserts instances, their tasks and history rows with batched JDBC; returns the task count. */
    private static int seed(BenchDatabase d, int historyRows, int users) throws Exception {
        Random random = new Random(42);
        int instances = historyRows / 10;
        int tasks = 0;
        try (Connection c = d.rawDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement in = c.prepareStatement("""
                         INSERT INTO oa_wf_instance (id, tenant_id, definition_id, def_key, def_version, title, initiator_id, status,
                             priority, form, state, row_version, started_at, ended_at, updated_at)
                         VALUES (?, ?, 1, ?, 1, ?, ?, ?, 'normal', '{}', '{}', 1, ?, ?, ?)""");
                 PreparedStatement tk = c.prepareStatement("""
                         INSERT INTO oa_wf_task (tenant_id, instance_id, node_id, node_name, round, seq, kind, assignee_id, status,
                             outcome, def_key, title, initiator_id, acted_by, created_at, completed_at, due_at, work_ms, urged)
                         VALUES (?, ?, ?, ?, 1, 0, 'APPROVER', ?, 'DONE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement hi = c.prepareStatement("""
                         INSERT INTO oa_wf_history (tenant_id, instance_id, node_id, action, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (int i = 1; i <= instances; i++) {
                    String key = PROCESSES[i % PROCESSES.length];
                    String initiator = "u" + random.nextInt(users);
                    Instant start = MONTH.plusSeconds(random.nextInt(30 * 86_400));
                    Instant at = start;
                    boolean rejected = random.nextInt(10) == 0;
                    for (int n = 0; n < NODES.length; n++) {
                        Instant opened = at;
                        long work = (long) (Math.abs(random.nextGaussian()) * 4 * 3_600_000L) + 60_000;
                        at = opened.plusMillis(work * 2);
                        tk.setString(1, TENANT);
                        tk.setLong(2, i);
                        tk.setString(3, NODES[n]);
                        tk.setString(4, NODES[n]);
                        String actor = "u" + random.nextInt(users);
                        tk.setString(5, actor);
                        tk.setString(6, rejected && n == NODES.length - 1 ? "REJECTED" : "APPROVED");
                        tk.setString(7, key);
                        tk.setString(8, key + " " + i);
                        tk.setString(9, initiator);
                        tk.setString(10, actor);
                        tk.setObject(11, db(opened));
                        tk.setObject(12, db(at));
                        tk.setObject(13, db(opened.plus(Duration.ofHours(8))));
                        tk.setLong(14, work);
                        tk.setInt(15, random.nextInt(20) == 0 ? 1 : 0);
                        tk.addBatch();
                        tasks++;
                    }
                    in.setLong(1, i);
                    in.setString(2, TENANT);
                    in.setString(3, key);
                    in.setString(4, key + " " + i);
                    in.setString(5, initiator);
                    in.setString(6, rejected ? "REJECTED" : "APPROVED");
                    in.setObject(7, db(start));
                    in.setObject(8, db(at));
                    in.setObject(9, db(at));
                    in.addBatch();
                    for (int h = 0; h < 10; h++) {
                        hi.setString(1, TENANT);
                        hi.setLong(2, i);
                        hi.setString(3, NODES[h % NODES.length]);
                        hi.setString(4, h == 0 ? "started" : h == 9 ? "ended" : "approved");
                        hi.setString(5, initiator);
                        hi.setObject(6, db(start.plusSeconds(h)));
                        hi.addBatch();
                    }
                    if (i % 1000 == 0 || i == instances) {
                        in.executeBatch();
                        tk.executeBatch();
                        hi.executeBatch();
                        c.commit();
                    }
                }
            }
            // a database in use has planner statistics; a bulk load has none until it is analysed
            try (java.sql.Statement st = c.createStatement()) {
                for (String table : new String[]{"oa_wf_task", "oa_wf_instance", "oa_wf_history", "oa_core_membership"}) {
                    st.execute(c.getMetaData().getDatabaseProductName().startsWith("H2") ? "ANALYZE TABLE " + table : "ANALYZE " + table);
                }
                c.commit();
            }
        }
        return tasks;
    }

    private static Object db(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }

    /** Median milliseconds of {@code runs} runs after three warm-ups. */
    private static double time(int runs, Supplier<Integer> query, PrintStream out, String name) {
        for (int i = 0; i < 3; i++) {
            query.get();
        }
        double[] ms = new double[runs];
        int rows = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            rows = query.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[(runs - 1) / 2];
        out.printf(java.util.Locale.ROOT, "%s: %d rows, median %.1f ms, min %.1f ms, max %.1f ms%n", name, rows, median, ms[0], ms[runs - 1]);
        return median;
    }
}
