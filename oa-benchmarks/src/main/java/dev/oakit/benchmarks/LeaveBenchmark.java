package dev.oakit.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs the leave life cycle on OAKit and on Flowable 7 embedded, on the same database in one run,
 * and prints raw figures and one summary line per database (issue 3, section 8):
 *
 * <pre>
 * mvn -B -q -pl oa-benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.oakit.benchmarks.LeaveBenchmark
 * </pre>
 *
 * Settings are system properties or {@code key=value} arguments (see {@link Settings#from}):
 * {@code bench.dbs} (h2,postgresql,embedded), {@code bench.quick}, {@code bench.warmup},
 * {@code bench.measure} (seconds), {@code bench.threads}, {@code bench.open}, {@code bench.assignees},
 * {@code bench.samples}, {@code bench.pg.url}, {@code bench.pg.user}, {@code bench.pg.password}.
 */
public final class LeaveBenchmark {
    private LeaveBenchmark() {
    }

    /**
     * What to run.
     *
     * @param dbs databases: {@code h2}, {@code postgresql} (a local server), {@code embedded} (zonky embedded PostgreSQL)
     * @param warmupSeconds warm-up of each engine before the first measurement (one thread)
     * @param measureSeconds length of each throughput measurement
     * @param rewarmSeconds short warm-up before each further measurement (other thread count, loaded tables)
     * @param threads the multi-threaded run's thread count
     * @param openTasks open instances (tasks) created for the todo and loaded measurements
     * @param assignees over how many assignees the open tasks are spread
     * @param samples todo query samples (after a tenth as many warm-up queries)
     * @param sqlCycles single-threaded life cycles whose statements are counted
     * @param pg the local PostgreSQL server
     */
    public record Settings(List<String> dbs, double warmupSeconds, double measureSeconds, double rewarmSeconds, int threads,
                           int openTasks, int assignees, int samples, int sqlCycles, BenchDatabase.Server pg) {
        /** Reads settings from {@code key=value} overrides, then system properties, then defaults (quick or full). */
        public static Settings from(Map<String, String> overrides) {
            Function<String, String> get = k -> overrides.containsKey(k) ? overrides.get(k) : System.getProperty(k);
            boolean quick = Boolean.parseBoolean(get.apply("bench.quick"));
            Function<String[], String> or = kd -> {
                String v = get.apply(kd[0]);
                return v == null || v.isBlank() ? kd[quick ? 2 : 1] : v.trim();
            };
            return new Settings(
                    Arrays.stream(or.apply(new String[]{"bench.dbs", "h2,postgresql", "h2,postgresql"}).split(","))
                            .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                    Double.parseDouble(or.apply(new String[]{"bench.warmup", "15", "3"})),
                    Double.parseDouble(or.apply(new String[]{"bench.measure", "10", "3"})),
                    Double.parseDouble(or.apply(new String[]{"bench.rewarm", "3", "1"})),
                    Integer.parseInt(or.apply(new String[]{"bench.threads", "4", "4"})),
                    Integer.parseInt(or.apply(new String[]{"bench.open", "100000", "2000"})),
                    Integer.parseInt(or.apply(new String[]{"bench.assignees", "1000", "100"})),
                    Integer.parseInt(or.apply(new String[]{"bench.samples", "2000", "300"})),
                    Integer.parseInt(or.apply(new String[]{"bench.sqlCycles", "100", "20"})),
                    new BenchDatabase.Server(or.apply(new String[]{"bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test", "jdbc:postgresql://127.0.0.1:5432/test"}),
                            or.apply(new String[]{"bench.pg.user", "postgres", "postgres"}),
                            get.apply("bench.pg.password") == null ? "" : get.apply("bench.pg.password")));
        }
    }

    /** Figures of one engine on one database. */
    public record EngineResult(String engine, String db, boolean completed, long bootMs, int tables,
                               double throughput1, double throughputN, int threads, double sqlPerCycle,
                               int openTasks, int assignees, double loadSeconds, double todoMedianMs, double todoP99Ms,
                               double loaded1, double loadedN, long failures) {
        String raw() {
            return String.format(Locale.ROOT,
                    "leave-lifecycle %s %s: completed=%s; boot ms=%d; tables=%d; throughput/s 1 thread=%.1f %d threads=%.1f; "
                            + "sql per cycle=%.1f; %d open tasks over %d assignees created in %.1f s; todo ms median=%.3f p99=%.3f; "
                            + "loaded throughput/s 1 thread=%.1f %d threads=%.1f; failed cycles=%d",
                    db, engine, completed, bootMs, tables, throughput1, threads, throughputN, sqlPerCycle, openTasks, assignees,
                    loadSeconds, todoMedianMs, todoP99Ms, loaded1, threads, loadedN, failures);
        }
    }

    /** Both engines on one database. */
    public record DbResult(String db, EngineResult oakit, EngineResult flowable) {
        /** @return the summary line of issue 3, section 8 */
        public String summary() {
            return String.format(Locale.ROOT,
                    "leave-lifecycle %s: throughput oakit/flowable=%.2f (1 thread) %.2f (%d threads); loaded/empty oakit=%.2f; "
                            + "sql per cycle oakit=%s flowable=%s; todo p99 ms oakit=%.3f flowable=%.3f",
                    db, oakit.throughput1() / flowable.throughput1(), oakit.throughputN() / flowable.throughputN(), oakit.threads(),
                    oakit.loaded1() / oakit.throughput1(), sql(oakit.sqlPerCycle()), sql(flowable.sqlPerCycle()),
                    oakit.todoP99Ms(), flowable.todoP99Ms());
        }

        private static String sql(double n) {
            return n == Math.rint(n) ? Long.toString((long) n) : String.format(Locale.ROOT, "%.1f", n);
        }

        /** @return further ratios the summary line leaves out */
        public String ratios() {
            return String.format(Locale.ROOT,
                    "leave-lifecycle %s ratios: loaded/empty oakit=%.2f (1 thread) %.2f (%d threads), flowable=%.2f (1 thread) %.2f (%d threads); "
                            + "boot oakit/flowable=%.2f; tables oakit=%d flowable=%d; todo median ms oakit=%.3f flowable=%.3f",
                    db, oakit.loaded1() / oakit.throughput1(), oakit.loadedN() / oakit.throughputN(), oakit.threads(),
                    flowable.loaded1() / flowable.throughput1(), flowable.loadedN() / flowable.throughputN(), flowable.threads(),
                    (double) oakit.bootMs() / flowable.bootMs(), oakit.tables(), flowable.tables(),
                    oakit.todoMedianMs(), flowable.todoMedianMs());
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Map<String, String> overrides = new java.util.HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                String k = a.substring(0, eq);
                overrides.put(k.startsWith("bench.") ? k : "bench." + k, a.substring(eq + 1));
            } else {
                overrides.put("bench.dbs", a);
            }
        }
        List<DbResult> results = run(Settings.from(overrides), System.out);
        if (results.stream().anyMatch(r -> !r.oakit().completed() || !r.flowable().completed())) {
            System.exit(1);
        }
    }

    /** Runs every database of the settings; prints progress, raw figures and the summary lines. */
    public static List<DbResult> run(Settings s, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "leave-lifecycle benchmark %s: %s, %d cores, java %s; warm-up %.0f s, measure %.0f s, %d threads, "
                        + "%d open tasks over %d assignees%n", LocalDate.now(), s.dbs(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), s.warmupSeconds(), s.measureSeconds(), s.threads(), s.openTasks(), s.assignees());
        List<DbResult> results = new ArrayList<>();
        for (String db : s.dbs()) {
            switch (db) {
                case "h2" -> results.add(runDb("h2", null, s, out));
                case "postgresql", "pg" -> results.add(runDb("postgresql", s.pg(), s, out));
                case "embedded" -> {
                    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                        results.add(runDb("postgresql-embedded",
                                new BenchDatabase.Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""), s, out));
                    }
                }
                default -> throw new IllegalArgumentException("unknown database '" + db + "': h2, postgresql or embedded");
            }
        }
        for (DbResult r : results) {
            out.println(r.oakit().raw());
            out.println(r.flowable().raw());
            out.println(r.ratios());
        }
        for (DbResult r : results) {
            out.println(r.summary());
        }
        out.flush();
        return results;
    }

    private static DbResult runDb(String label, BenchDatabase.Server server, Settings s, PrintStream out) throws Exception {
        EngineResult oakit = runEngine(label, server, "oakit", s, out);
        EngineResult flowable = runEngine(label, server, "flowable", s, out);
        return new DbResult(label, oakit, flowable);
    }

    private static EngineResult runEngine(String label, BenchDatabase.Server server, String engineName, Settings s, PrintStream out)
            throws Exception {
        int pool = Math.max(8, s.threads() * 2);
        try (BenchDatabase db = server == null ? BenchDatabase.h2(engineName, pool) : BenchDatabase.postgresql(label, server, engineName, pool);
             LeaveEngine e = engineName.equals("oakit") ? new OakitLeaveEngine(db.dataSource())
                     : new FlowableLeaveEngine(db.dataSource(), db.schema())) {
            String p = label + " " + engineName + ": ";
            long t0 = System.nanoTime();
            e.boot();
            long bootMs = (System.nanoTime() - t0) / 1_000_000;
            int tables = db.tableCount();
            out.printf(Locale.ROOT, "%sboot %d ms, %d tables%n", p, bootMs, tables);
            e.prepare(s.threads(), s.assignees());
            boolean completed = e.endedApproved(e.cycle(0));
            AtomicLong failures = new AtomicLong();

            throughput(e, 1, s.warmupSeconds(), failures);
            double t1 = throughput(e, 1, s.measureSeconds(), failures);
            throughput(e, s.threads(), s.rewarmSeconds(), failures);
            double tn = throughput(e, s.threads(), s.measureSeconds(), failures);
            out.printf(Locale.ROOT, "%sthroughput %.1f/s (1 thread) %.1f/s (%d threads)%n", p, t1, tn, s.threads());

            CountingDataSource counting = db.dataSource();
            counting.reset();
            String last = null;
            for (int i = 0; i < s.sqlCycles(); i++) {
                last = e.cycle(0);
            }
            double sql = (double) counting.reset() / s.sqlCycles();
            completed &= e.endedApproved(last);
            out.printf(Locale.ROOT, "%s%.1f statements per life cycle%n", p, sql);

            double loadSeconds = load(e, s);
            out.printf(Locale.ROOT, "%s%d open tasks over %d assignees created in %.1f s%n", p, s.openTasks(), s.assignees(), loadSeconds);
            double[] todo = todoLatency(e, s);
            out.printf(Locale.ROOT, "%stodo query median %.3f ms, p99 %.3f ms%n", p, todo[0], todo[1]);

            throughput(e, 1, s.rewarmSeconds(), failures);
            double l1 = throughput(e, 1, s.measureSeconds(), failures);
            throughput(e, s.threads(), s.rewarmSeconds(), failures);
            double ln = throughput(e, s.threads(), s.measureSeconds(), failures);
            out.printf(Locale.ROOT, "%sloaded throughput %.1f/s (1 thread) %.1f/s (%d threads)%n", p, l1, ln, s.threads());
            completed &= failures.get() == 0;
            out.flush();
            return new EngineResult(engineName, label, completed, bootMs, tables, t1, tn, s.threads(), sql, s.openTasks(),
                    s.assignees(), loadSeconds, todo[0], todo[1], l1, ln, failures.get());
        }
    }

    /** Runs life cycles in {@code threads} threads for {@code seconds}; returns completed cycles per second. */
    private static double throughput(LeaveEngine e, int threads, double seconds, AtomicLong failures) throws Exception {
        if (seconds <= 0) {
            return 0;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicLong cycles = new AtomicLong();
            AtomicReference<RuntimeException> first = new AtomicReference<>();
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                fs.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            e.cycle(worker);
                            cycles.incrementAndGet();
                        } catch (RuntimeException ex) {
                            failures.incrementAndGet();
                            first.compareAndSet(null, ex);
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (first.get() != null && cycles.get() == 0) {
                throw first.get();
            }
            if (first.get() != null) {
                System.err.println("failed life cycle: " + first.get());
            }
            return cycles.get() / elapsed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts the open instances in several threads; returns the seconds it took. */
    private static double load(LeaveEngine e, Settings s) throws Exception {
        int threads = Math.max(2, s.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < s.openTasks(); i = next.getAndIncrement()) {
                        e.startOpen(i % s.assignees());
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Todo queries of random load assignees, one thread; returns {median, p99} in milliseconds. */
    private static double[] todoLatency(LeaveEngine e, Settings s) {
        Random random = new Random(42);
        int expected = Math.min(20, s.openTasks() / s.assignees());
        for (int i = 0; i < Math.max(10, s.samples() / 10); i++) {
            e.todo(random.nextInt(s.assignees()));
        }
        long[] nanos = new long[s.samples()];
        for (int i = 0; i < nanos.length; i++) {
            int a = random.nextInt(s.assignees());
            long t0 = System.nanoTime();
            int rows = e.todo(a);
            nanos[i] = System.nanoTime() - t0;
            if (rows < expected) {
                throw new IllegalStateException("todo of load assignee " + a + " has " + rows + " rows, expected " + expected);
            }
        }
        Arrays.sort(nanos);
        double median = nanos[nanos.length / 2] / 1e6;
        double p99 = nanos[Math.max(0, (int) Math.ceil(nanos.length * 0.99) - 1)] / 1e6;
        return new double[]{median, p99};
    }

}
