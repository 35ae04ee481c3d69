package dev.oakit.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a leave life cycle on in-memory H2 loses time when 100,000 tasks are open: each statement's
 * average execution time from H2's own query statistics, life cycles measured on the tables as they
 * are and again after the open tasks are created (the engine's own start), the same for the floor;
 * CPU time and bytes allocated per life cycle of the measuring thread, garbage collections and their
 * time, the heap in use; and H2's {@code EXPLAIN ANALYZE} (scan counts) of the two reads whose cost
 * could grow with rows. One thread. Arguments: engine {@code oakit|floor|both} [both], life cycles
 * measured per state [3000], open tasks [100000], assignees [1000], MB of live ballast held during the loaded phase [0]
 * (what another in-memory database in the same JVM costs the collector; with 0 open tasks it is the only difference).
 *
 * <pre>java -cp ... dev.oakit.benchmarks.LoadedStatements both 3000 100000 1000 0</pre>
 */
public final class LoadedStatements {
    private LoadedStatements() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        String which = args.length > 0 ? args[0] : "both";
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int open = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int assignees = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int ballastMb = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        for (String engine : which.equals("both") ? List.of("floor", "oakit") : List.of(which)) {
            run(engine, cycles, open, assignees, ballastMb);
        }
    }

    private static void run(String engine, int cycles, int open, int assignees, int ballastMb) throws Exception {
        try (BenchDatabase db = BenchDatabase.h2(engine, 4);
             LeaveEngine e = engine.equals("oakit") ? new OakitLeaveEngine(db.dataSource()) : new FloorLeaveEngine(db.dataSource())) {
            e.boot();
            e.prepare(1, assignees);
            for (int i = 0; i < cycles; i++) {
                e.cycle(0); // warm-up, and as many finished instances as the measured phase leaves
            }
            Phase empty = phase(db, e, cycles);
            long loadStart = System.nanoTime();
            if (open > 0) {
                LeaveBenchmark.startOpen(e, open, assignees, 2);
            }
            Object[] ballast = ballast(ballastMb);
            System.out.printf(Locale.ROOT, "%s: %d open tasks over %d assignees created in %.1f s%n", engine, open, assignees,
                    (System.nanoTime() - loadStart) / 1e9);
            for (int i = 0; i < cycles; i++) {
                e.cycle(0); // the same warm-up again, on the loaded tables
            }
            Phase loaded = phase(db, e, cycles);
            System.out.printf(Locale.ROOT, "%s: loaded phase with %d MB of live ballast (%d groups)%n", engine, ballastMb, ballast.length);
            System.out.printf(Locale.ROOT, "%s life cycle, empty -> loaded: %.3f -> %.3f ms wall, %.3f -> %.3f ms cpu, %.0f -> %.0f bytes, "
                            + "%d -> %d gcs taking %d -> %d ms, heap used %.0f -> %.0f MB%n", engine, empty.wallMs, loaded.wallMs,
                    empty.cpuMs, loaded.cpuMs, empty.bytes, loaded.bytes, empty.gcs, loaded.gcs, empty.gcMs, loaded.gcMs,
                    empty.heapMb, loaded.heapMb);
            for (Map.Entry<String, double[]> s : empty.statements.entrySet()) {
                double[] l = loaded.statements.getOrDefault(s.getKey(), new double[]{0, 0, 0});
                System.out.printf(Locale.ROOT, "%s statement x%.1f/cycle, ms empty %.4f loaded %.4f (x%.2f), rows %.1f -> %.1f: %s%n", engine,
                        s.getValue()[0] / cycles, s.getValue()[1], l[1], l[1] / s.getValue()[1], s.getValue()[2], l[2],
                        s.getKey().replaceAll("\\s+", " ").substring(0, Math.min(110, s.getKey().replaceAll("\\s+", " ").length())));
            }
            System.out.println(engine + " empty plans:\n" + empty.plans + engine + " loaded plans:\n" + loaded.plans);
        }
    }

    /**
     * Live objects standing in for another in-memory database in the same heap (the benchmark's Flowable holds ~1.6 GB per
     * 100,000 open tasks): groups of 16 small arrays, ~1 KB a group.
     */
    private static Object[] ballast(int mb) {
        Object[] groups = new Object[mb * 1024];
        for (int g = 0; g < groups.length; g++) {
            Object[] group = new Object[16];
            for (int i = 0; i < group.length; i++) {
                group[i] = new byte[40];
            }
            groups[g] = group;
        }
        return groups;
    }

    private record Phase(double wallMs, double cpuMs, double bytes, long gcs, long gcMs, double heapMb,
                         Map<String, double[]> statements, String plans) {
    }

    /** Measures {@code cycles} life cycles with H2's query statistics on; returns per-cycle figures and each statement's. */
    private static Phase phase(BenchDatabase db, LeaveEngine e, int cycles) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        sql(db, "SET QUERY_STATISTICS FALSE"); // drops what was gathered
        sql(db, "SET QUERY_STATISTICS_MAX_ENTRIES 1000");
        sql(db, "SET QUERY_STATISTICS TRUE");
        long gcs = 0;
        long gcMs = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs -= g.getCollectionCount();
            gcMs -= g.getCollectionTime();
        }
        long bytes = mx.getThreadAllocatedBytes(thread);
        long cpu = mx.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < cycles; i++) {
            e.cycle(0);
        }
        wall = System.nanoTime() - wall;
        cpu = mx.getCurrentThreadCpuTime() - cpu;
        bytes = mx.getThreadAllocatedBytes(thread) - bytes;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += g.getCollectionCount();
            gcMs += g.getCollectionTime();
        }
        Map<String, double[]> statements = new LinkedHashMap<>();
        try (Connection c = db.rawDataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT, AVERAGE_EXECUTION_TIME, AVERAGE_ROW_COUNT "
                     + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY EXECUTION_COUNT DESC, SQL_STATEMENT")) {
            while (rs.next()) {
                if (rs.getLong(2) >= cycles) {
                    statements.put(rs.getString(1), new double[]{rs.getLong(2), rs.getDouble(3), rs.getDouble(4)});
                }
            }
        }
        sql(db, "SET QUERY_STATISTICS FALSE");
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Phase(wall / 1e6 / cycles, cpu / 1e6 / cycles, bytes / (double) cycles, gcs, gcMs, heap / 1048576.0, statements,
                plans(db));
    }

    /** {@code EXPLAIN ANALYZE} of the todo of a worker's manager and of a load manager, and of the lock of an open task. */
    private static String plans(BenchDatabase db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.rawDataSource().getConnection()) {
            long openTask;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(id) FROM oa_wf_task WHERE assignee_id = 'lm0' AND status = 'OPEN'")) {
                rs.next();
                openTask = rs.getLong(1);
            }
            for (String assignee : new String[]{"m0", "lm0"}) {
                out.append(explain(c, FloorLeaveEngine.TODO, OakitLeaveEngine.T, assignee, 20, 0));
            }
            if (openTask > 0) {
                out.append(explain(c, FloorLeaveEngine.LOCK_AND_LOAD, OakitLeaveEngine.T, openTask));
            }
        }
        return out.toString();
    }

    private static String explain(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                StringBuilder plan = new StringBuilder();
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
                return plan.toString();
            }
        }
    }

    private static void sql(BenchDatabase db, String sql) throws SQLException {
        try (Connection c = db.rawDataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
