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
 * and prints raw figures and one summary line per database:
 *
 * <pre>
 * mvn -B -q -pl oa-benchmarks -am -DskipTests package exec:java   (LeaveBenchmark is the module's default main class)
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
    public record EngineResult(String engine, String db, boolean completed, long bootMs, long warmBootMs, int tables,
                               double throughput1, double throughputN, int threads, double sqlPerCycle,
                               int openTasks, int assignees, double loadSeconds, double todoMedianMs, double todoP99Ms,
                               double loaded1, double loadedN, long failures) {
        String raw() {
            return String.format(Locale.ROOT,
                    "leave-lifecycle %s %s: completed=%s; boot ms=%d (warm %d); tables=%d; throughput/s 1 thread=%.1f %d threads=%.1f; "
                            + "sql per cycle=%.1f; %d open tasks over %d assignees created in %.1f s; todo ms median=%.3f p99=%.3f; "
                            + "loaded throughput/s 1 thread=%.1f %d threads=%.1f; failed cycles=%d",
                    db, engine, completed, bootMs, warmBootMs, tables, throughput1, threads, throughputN, sqlPerCycle, openTasks, assignees,
                    loadSeconds, todoMedianMs, todoP99Ms, loaded1, threads, loadedN, failures);
        }
    }

    /** Both engines on one database. */
    public record DbResult(String db, EngineResult oakit, EngineResult flowable) {
        /** @return the summary line per database */
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
                            + "boot oakit/flowable=%.2f (first in the JVM) %.2f (warm); tables oakit=%d flowable=%d; "
                            + "todo median ms oakit=%.3f flowable=%.3f",
                    db, oakit.loaded1() / oakit.throughput1(), oakit.loadedN() / oakit.throughputN(), oakit.threads(),
                    flowable.loaded1() / flowable.throughput1(), flowable.loadedN() / flowable.throughputN(), flowable.threads(),
                    (double) oakit.bootMs() / flowable.bootMs(), (double) oakit.warmBootMs() / flowable.warmBootMs(),
                    oakit.tables(), flowable.tables(),
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

    /** One engine on its own fresh database, with its figures as they are measured. */
    private static final class Run implements AutoCloseable {
        final String engine;
        final BenchDatabase db;
        final LeaveEngine e;
        final AtomicLong failures = new AtomicLong();
        long bootMs;
        int tables;
        boolean completed;

        Run(String label, BenchDatabase.Server server, String engine, int pool) throws Exception {
            this.engine = engine;
            this.db = server == null ? BenchDatabase.h2(engine, pool) : BenchDatabase.postgresql(label, server, engine, pool);
            this.e = engine.equals("oakit") ? new OakitLeaveEngine(db.dataSource()) : new FlowableLeaveEngine(db.dataSource(), db.schema());
        }

        @Override
        public void close() throws Exception {
            try {
                e.close();
            } finally {
                db.close();
            }
        }
    }

    /**
     * Both engines on one database. The machine may be shared, so the engines take turns: each
     * measurement is split into rounds that alternate between them, and background load falls on
     * both alike.
     */
    private static DbResult runDb(String label, BenchDatabase.Server server, Settings s, PrintStream out) throws Exception {
        int pool = Math.max(8, s.threads() * 2);
        try (Run oakit = new Run(label, server, "oakit", pool); Run flowable = new Run(label, server, "flowable", pool)) {
            List<Run> runs = List.of(oakit, flowable);
            for (Run r : runs) {
                long t0 = System.nanoTime();
                r.e.boot();
                r.bootMs = (System.nanoTime() - t0) / 1_000_000;
                r.tables = r.db.tableCount();
                r.e.prepare(s.threads(), s.assignees());
                r.completed = r.e.endedApproved(r.e.cycle(0));
                out.printf(Locale.ROOT, "%s %s: boot %d ms (schema creation and deployment included), %d tables%n",
                        label, r.engine, r.bootMs, r.tables);
            }
            alternate(runs, 1, s.warmupSeconds(), s);
            double[] t1 = alternate(runs, 1, s.measureSeconds(), s);
            alternate(runs, s.threads(), s.rewarmSeconds(), s);
            double[] tn = alternate(runs, s.threads(), s.measureSeconds(), s);
            print(out, label, runs, "throughput/s (1 thread)", t1);
            print(out, label, runs, "throughput/s (" + s.threads() + " threads)", tn);

            double[] sql = new double[2];
            for (int i = 0; i < 2; i++) {
                Run r = runs.get(i);
                r.db.dataSource().reset();
                String last = null;
                for (int c = 0; c < s.sqlCycles(); c++) {
                    last = r.e.cycle(0);
                }
                sql[i] = (double) r.db.dataSource().reset() / s.sqlCycles();
                r.completed &= r.e.endedApproved(last);
            }
            print(out, label, runs, "statements per life cycle", sql);

            double[] loadSeconds = new double[2];
            for (int i = 0; i < 2; i++) {
                loadSeconds[i] = load(runs.get(i).e, s);
            }
            print(out, label, runs, "seconds to create " + s.openTasks() + " open tasks over " + s.assignees() + " assignees", loadSeconds);
            for (Run r : runs) {
                r.db.analyze(); // both engines alike: statistics as autovacuum leaves them some time after a bulk load
            }
            double[][] todo = todoLatency(runs, s);
            print(out, label, runs, "todo query median ms", new double[]{todo[0][0], todo[1][0]});
            print(out, label, runs, "todo query p99 ms", new double[]{todo[0][1], todo[1][1]});

            alternate(runs, 1, s.rewarmSeconds(), s);
            double[] l1 = alternate(runs, 1, s.measureSeconds(), s);
            alternate(runs, s.threads(), s.rewarmSeconds(), s);
            double[] ln = alternate(runs, s.threads(), s.measureSeconds(), s);
            print(out, label, runs, "loaded throughput/s (1 thread)", l1);
            print(out, label, runs, "loaded throughput/s (" + s.threads() + " threads)", ln);

            long[] warmBoot = warmBoots(label, server, runs);
            print(out, label, runs, "boot ms, warm (median of " + WARM_BOOTS + " boots on fresh databases after the measurements)",
                    new double[]{warmBoot[0], warmBoot[1]});

            EngineResult[] res = new EngineResult[2];
            for (int i = 0; i < 2; i++) {
                Run r = runs.get(i);
                res[i] = new EngineResult(r.engine, label, r.completed && r.failures.get() == 0, r.bootMs, warmBoot[i], r.tables, t1[i], tn[i],
                        s.threads(), sql[i], s.openTasks(), s.assignees(), loadSeconds[i], todo[i][0], todo[i][1], l1[i], ln[i],
                        r.failures.get());
            }
            out.flush();
            return new DbResult(label, res[0], res[1]);
        }
    }

    /** Boots per engine for the warm boot figure: an odd number, the median is reported (one machine hiccup does not move it). */
    private static final int WARM_BOOTS = 5;

    /**
     * Boots each engine {@value #WARM_BOOTS} more times, in turns, each on a fresh empty database, with the JVM
     * warm (classes loaded and compiled by then): the engine's own start-up work, without the
     * class loading the first boot in a JVM pays for whatever it shares with the other engine.
     *
     * @return the median boot of each engine in milliseconds
     */
    private static long[] warmBoots(String label, BenchDatabase.Server server, List<Run> runs) throws Exception {
        long[][] ms = new long[runs.size()][WARM_BOOTS];
        for (int k = 0; k < WARM_BOOTS; k++) {
            for (int i = 0; i < runs.size(); i++) {
                try (Run fresh = new Run(label, server, runs.get(i).engine, 2)) {
                    long t0 = System.nanoTime();
                    fresh.e.boot();
                    ms[i][k] = (System.nanoTime() - t0) / 1_000_000;
                }
            }
        }
        long[] median = new long[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            Arrays.sort(ms[i]);
            median[i] = ms[i][WARM_BOOTS / 2];
        }
        return median;
    }

    private static void print(PrintStream out, String label, List<Run> runs, String what, double[] v) {
        out.printf(Locale.ROOT, "%s %s: oakit=%.3f flowable=%.3f%n", label, what, v[0], v[1]);
        out.flush();
    }

    /** Measures each engine for {@code seconds} in all, in alternating rounds; returns life cycles per second of each. */
    private static double[] alternate(List<Run> runs, int threads, double seconds, Settings s) throws Exception {
        int rounds = Math.max(1, (int) Math.min(4, Math.floor(seconds / 2)));
        double[] cycles = new double[runs.size()];
        double[] elapsed = new double[runs.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < runs.size(); i++) {
                double[] ce = throughput(runs.get(i).e, threads, seconds / rounds, runs.get(i).failures);
                cycles[i] += ce[0];
                elapsed[i] += ce[1];
            }
        }
        double[] rate = new double[runs.size()];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = elapsed[i] == 0 ? 0 : cycles[i] / elapsed[i];
        }
        return rate;
    }

    /** Runs life cycles in {@code threads} threads for {@code seconds}; returns {completed cycles, elapsed seconds}. */
    private static double[] throughput(LeaveEngine e, int threads, double seconds, AtomicLong failures) throws Exception {
        if (seconds <= 0) {
            return new double[]{0, 0};
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
            return new double[]{cycles.get(), elapsed};
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

    /**
     * Todo queries of random load assignees, one thread, alternating between the engines in blocks;
     * returns {median, p99} in milliseconds per engine.
     */
    private static double[][] todoLatency(List<Run> runs, Settings s) {
        int expected = Math.min(20, s.openTasks() / s.assignees());
        Random random = new Random(42);
        for (Run r : runs) {
            for (int i = 0; i < Math.max(10, s.samples() / 10); i++) {
                r.e.todo(random.nextInt(s.assignees()));
            }
        }
        int block = Math.max(1, s.samples() / 10);
        long[][] nanos = new long[runs.size()][s.samples()];
        for (int from = 0; from < s.samples(); from += block) {
            for (int k = 0; k < runs.size(); k++) {
                LeaveEngine e = runs.get(k).e;
                for (int i = from; i < Math.min(s.samples(), from + block); i++) {
                    int a = random.nextInt(s.assignees());
                    long t0 = System.nanoTime();
                    int rows = e.todo(a);
                    nanos[k][i] = System.nanoTime() - t0;
                    if (rows < expected) {
                        throw new IllegalStateException(runs.get(k).engine + ": todo of load assignee " + a + " has " + rows
                                + " rows, expected " + expected);
                    }
                }
            }
        }
        double[][] result = new double[runs.size()][];
        for (int k = 0; k < runs.size(); k++) {
            Arrays.sort(nanos[k]);
            result[k] = new double[]{nanos[k][nanos[k].length / 2] / 1e6,
                    nanos[k][Math.max(0, (int) Math.ceil(nanos[k].length * 0.99) - 1)] / 1e6};
        }
        return result;
    }
}
