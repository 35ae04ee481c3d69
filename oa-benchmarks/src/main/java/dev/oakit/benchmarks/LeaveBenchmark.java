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
 * Runs the leave life cycle on OAKit, on Flowable 7 embedded and on the floor (OAKit's own
 * statements in plain JDBC, {@link FloorLeaveEngine}), on the same database in one run, and prints
 * raw figures and one summary line per database:
 *
 * <pre>
 * mvn -B -q -pl oa-benchmarks -am -DskipTests package exec:java   (LeaveBenchmark is the module's default main class)
 * </pre>
 *
 * Settings are system properties or {@code key=value} arguments (see {@link Settings#from}):
 * {@code bench.dbs} (h2,postgresql,embedded), {@code bench.quick}, {@code bench.warmup},
 * {@code bench.measure} (seconds), {@code bench.threads}, {@code bench.open}, {@code bench.assignees},
 * {@code bench.samples}, {@code bench.short}, {@code bench.freshJvm}, {@code bench.freshJvm.separate}, {@code bench.pg.url}, {@code bench.pg.user},
 * {@code bench.pg.password}.
 *
 * <p>Longer than most classes here because it is the benchmark's whole script: the settings, the
 * result lines and the order of the measurements read best in one place.
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
     * @param shortCycles the short warm-up (life cycles per engine, what a freshly started host has run) and the
     *     life cycles then measured at 1 thread and at {@code threads}
     * @param freshJvm whether to launch a JVM for the time from build() to the first approval (and two more for the same
     *     with a class-data archive: one writes it, one starts from it)
     * @param plainJvmOfItsOwn whether the plain fresh JVM's figures come from a JVM of their own (the benchmark: three
     *     launches) or from the JVM that writes the archive (two launches; its figures are a little off since the JVM
     *     records its classes as it runs; the smoke test's choice, which proves the same two paths)
     * @param pg the local PostgreSQL server
     */
    public record Settings(List<String> dbs, double warmupSeconds, double measureSeconds, double rewarmSeconds, int threads,
                           int openTasks, int assignees, int samples, int sqlCycles, int shortCycles, boolean freshJvm,
                           boolean plainJvmOfItsOwn, BenchDatabase.Server pg) {
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
                    Integer.parseInt(or.apply(new String[]{"bench.short", "500", "100"})),
                    Boolean.parseBoolean(or.apply(new String[]{"bench.freshJvm", "true", "true"})),
                    Boolean.parseBoolean(or.apply(new String[]{"bench.freshJvm.separate", "true", "true"})),
                    new BenchDatabase.Server(or.apply(new String[]{"bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test", "jdbc:postgresql://127.0.0.1:5432/test"}),
                            or.apply(new String[]{"bench.pg.user", "postgres", "postgres"}),
                            get.apply("bench.pg.password") == null ? "" : get.apply("bench.pg.password")));
        }
    }

    /**
     * Figures of one engine on one database (the floor has no todo or warm boot figures: zero).
     * {@code short1} and {@code shortN} are the throughput after the short warm-up, {@code heapMbPer100k} the
     * heap the open tasks hold, scaled to 100,000 (on in-memory H2 the database's rows included).
     */
    public record EngineResult(String engine, String db, boolean completed, long bootMs, long warmBootMs, long deployMs, int tables,
                               double short1, double shortN, double throughput1, double throughputN, int threads, double sqlPerCycle,
                               int openTasks, int assignees, double loadSeconds, double heapMbPer100k, double todoMedianMs,
                               double todoP99Ms, double loaded1, double loadedN, long failures) {
        String raw() {
            return String.format(Locale.ROOT,
                    "leave-lifecycle %s %s: completed=%s; boot ms=%d (warm %d; deploy %d); tables=%d; throughput/s after the short "
                            + "warm-up 1 thread=%.1f %d threads=%.1f; throughput/s 1 thread=%.1f %d threads=%.1f; "
                            + "sql per cycle=%.1f; %d open tasks over %d assignees created in %.1f s, heap MB per 100,000=%.1f; "
                            + "todo ms median=%.3f p99=%.3f; loaded throughput/s 1 thread=%.1f %d threads=%.1f; failed cycles=%d",
                    db, engine, completed, bootMs, warmBootMs, deployMs, tables, short1, threads, shortN, throughput1, threads, throughputN,
                    sqlPerCycle, openTasks, assignees, loadSeconds, heapMbPer100k, todoMedianMs, todoP99Ms, loaded1, threads, loadedN,
                    failures);
        }
    }

    /** The engines and the floor on one database. */
    public record DbResult(String db, EngineResult oakit, EngineResult flowable, EngineResult floor) {
        /** @return the summary line per database */
        public String summary() {
            return String.format(Locale.ROOT,
                    "leave-lifecycle %s: throughput oakit/flowable=%.2f (1 thread) %.2f (%d threads); "
                            + "oakit/floor=%.2f (1 thread) %.2f (%d threads), after the short warm-up %.2f (1 thread) %.2f (%d threads); "
                            + "loaded/empty oakit=%.2f floor=%.2f; sql per cycle oakit=%s flowable=%s floor=%s; todo p99 ms oakit=%.3f flowable=%.3f; "
                            + "deploy ms oakit=%d flowable=%d; heap MB per 100,000 open tasks oakit=%.1f flowable=%.1f",
                    db, oakit.throughput1() / flowable.throughput1(), oakit.throughputN() / flowable.throughputN(), oakit.threads(),
                    oakit.throughput1() / floor.throughput1(), oakit.throughputN() / floor.throughputN(), oakit.threads(),
                    oakit.short1() / floor.short1(), oakit.shortN() / floor.shortN(), oakit.threads(),
                    oakit.loaded1() / oakit.throughput1(), floor.loaded1() / floor.throughput1(), sql(oakit.sqlPerCycle()), sql(flowable.sqlPerCycle()), sql(floor.sqlPerCycle()),
                    oakit.todoP99Ms(), flowable.todoP99Ms(), oakit.deployMs(), flowable.deployMs(), oakit.heapMbPer100k(),
                    flowable.heapMbPer100k());
        }

        private static String sql(double n) {
            return n == Math.rint(n) ? Long.toString((long) n) : String.format(Locale.ROOT, "%.1f", n);
        }

        /** @return further ratios the summary line leaves out */
        public String ratios() {
            return String.format(Locale.ROOT,
                    "leave-lifecycle %s ratios: loaded/empty oakit=%.2f (1 thread) %.2f (%d threads), flowable=%.2f (1 thread) %.2f (%d threads), "
                            + "floor=%.2f (1 thread) %.2f (%d threads); "
                            + "boot oakit/flowable=%.2f (first in the JVM) %.2f (warm); tables oakit=%d flowable=%d; "
                            + "todo median ms oakit=%.3f flowable=%.3f; oakit/flowable after the short warm-up=%.2f (1 thread) %.2f (%d threads); "
                            + "oakit's own ms per life cycle over the floor's=%.3f (1 thread), after the short warm-up %.3f",
                    db, oakit.loaded1() / oakit.throughput1(), oakit.loadedN() / oakit.throughputN(), oakit.threads(),
                    flowable.loaded1() / flowable.throughput1(), flowable.loadedN() / flowable.throughputN(), flowable.threads(),
                    floor.loaded1() / floor.throughput1(), floor.loadedN() / floor.throughputN(), floor.threads(),
                    (double) oakit.bootMs() / flowable.bootMs(), (double) oakit.warmBootMs() / flowable.warmBootMs(),
                    oakit.tables(), flowable.tables(),
                    oakit.todoMedianMs(), flowable.todoMedianMs(), oakit.short1() / flowable.short1(), oakit.shortN() / flowable.shortN(),
                    oakit.threads(), 1000 / oakit.throughput1() - 1000 / floor.throughput1(), 1000 / oakit.short1() - 1000 / floor.short1());
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
        if (results.stream().anyMatch(r -> !r.oakit().completed() || !r.flowable().completed() || !r.floor().completed())) {
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
        FirstApproval.Figures first = s.freshJvm() ? FirstApproval.measure(s.plainJvmOfItsOwn()) : null;
        for (DbResult r : results) {
            out.println(r.oakit().raw());
            out.println(r.flowable().raw());
            out.println(r.floor().raw());
            out.println(r.ratios());
        }
        if (first != null) {
            out.println(first.plain().line());
            out.println(first.withAppCds());
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
        double loadSeconds;
        double heapMbPer100k;
        /** {median, p99} ms of the todo query (the floor has none: zero) */
        double[] todoMs = {0, 0};
        double loaded1;
        double loadedN;
        private boolean closed;

        Run(String label, BenchDatabase.Server server, String engine, int pool) throws Exception {
            this.engine = engine;
            this.db = server == null ? BenchDatabase.h2(engine, pool) : BenchDatabase.postgresql(label, server, engine, pool);
            this.e = switch (engine) {
                case "oakit" -> new OakitLeaveEngine(db.dataSource());
                case "flowable" -> new FlowableLeaveEngine(db.dataSource(), db.schema());
                default -> new FloorLeaveEngine(db.dataSource());
            };
        }

        /** Closes the engine and drops its database (on in-memory H2 its rows leave the heap); once, however often called. */
        @Override
        public void close() throws Exception {
            if (closed) {
                return;
            }
            closed = true;
            try {
                e.close();
            } finally {
                db.close();
            }
        }
    }

    /**
     * The engines and the floor on one database. The machine may be shared, so they take turns: each
     * measurement is split into rounds that alternate between them, and background load falls on
     * all alike. The floor runs only the life cycle measurements. With open tasks, one engine's exist at a
     * time: OAKit's and the floor's first, dropped before Flowable creates its own (see {@link #loaded}).
     */
    private static DbResult runDb(String label, BenchDatabase.Server server, Settings s, PrintStream out) throws Exception {
        int pool = Math.max(8, s.threads() * 2);
        try (Run oakit = new Run(label, server, "oakit", pool); Run flowable = new Run(label, server, "flowable", pool);
             Run floor = new Run(label, server, "floor", pool)) {
            List<Run> runs = List.of(oakit, flowable, floor);
            List<Run> engines = List.of(oakit, flowable);
            for (Run r : runs) {
                long t0 = System.nanoTime();
                r.e.boot();
                r.bootMs = (System.nanoTime() - t0) / 1_000_000;
                r.tables = r.db.tableCount();
                r.e.prepare(s.threads(), s.assignees());
                r.completed = r.e.endedApproved(r.e.cycle(0));
                out.printf(Locale.ROOT, "%s %s: boot %d ms (schema creation and deployment included; deploy %d ms), %d tables%n",
                        label, r.engine, r.bootMs, r.e.deployMs(), r.tables);
            }
            // what a freshly started host sees: the short warm-up, then as many life cycles measured at 1 and at n threads
            counted(runs, 1, s.shortCycles() - 1);
            double[] short1 = counted(runs, 1, s.shortCycles());
            double[] shortN = counted(runs, s.threads(), s.shortCycles());
            print(out, label, runs, "throughput/s after " + s.shortCycles() + " life cycles (1 thread)", short1);
            print(out, label, runs, "throughput/s after " + 2 * s.shortCycles() + " life cycles (" + s.threads() + " threads)", shortN);

            alternate(runs, 1, s.warmupSeconds(), s);
            double[] t1 = alternate(runs, 1, s.measureSeconds(), s);
            alternate(runs, s.threads(), s.rewarmSeconds(), s);
            double[] tn = alternate(runs, s.threads(), s.measureSeconds(), s);
            print(out, label, runs, "throughput/s (1 thread)", t1);
            print(out, label, runs, "throughput/s (" + s.threads() + " threads)", tn);

            double[] sql = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                Run r = runs.get(i);
                r.db.counting(true);
                r.e.releaseConnections();
                r.db.counter().reset();
                String last = null;
                for (int c = 0; c < s.sqlCycles(); c++) {
                    last = r.e.cycle(0);
                }
                sql[i] = (double) r.db.counter().reset() / s.sqlCycles();
                r.db.counting(false);
                r.e.releaseConnections();
                r.completed &= r.e.endedApproved(last);
            }
            print(out, label, runs, "statements per life cycle", sql);

            // the loaded phase, one engine's open tasks at a time: OAKit and the floor first, taking turns, then Flowable on
            // its own once their databases are dropped. On in-memory H2 each database's rows live in this JVM's heap, and
            // Flowable's (about 1.6 GB per 100,000 open tasks) would otherwise slow the collector under OAKit's rounds
            loaded(label, List.of(oakit, floor), s, out);
            oakit.close();
            floor.close();
            loaded(label, List.of(flowable), s, out);
            flowable.close();

            long[] warmBoot = warmBoots(label, server, engines);
            print(out, label, engines, "boot ms, warm (median of " + WARM_BOOTS + " boots on fresh databases after the measurements)",
                    new double[]{warmBoot[0], warmBoot[1]});

            EngineResult[] res = new EngineResult[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                Run r = runs.get(i);
                boolean engine = i < engines.size();
                res[i] = new EngineResult(r.engine, label, r.completed && r.failures.get() == 0, r.bootMs, engine ? warmBoot[i] : 0,
                        r.e.deployMs(), r.tables, short1[i], shortN[i], t1[i], tn[i], s.threads(), sql[i], s.openTasks(),
                        s.assignees(), r.loadSeconds, r.heapMbPer100k, r.todoMs[0], r.todoMs[1], r.loaded1, r.loadedN, r.failures.get());
            }
            out.flush();
            return new DbResult(label, res[0], res[1], res[2]);
        }
    }

    /**
     * The loaded phase of {@code runs}: each creates the open tasks in turn (its heap growth measured on its own), then
     * the todo latency of the engines among them and their life cycles on the loaded tables at 1 and n threads, in
     * rounds that alternate between the runs.
     */
    private static void loaded(String label, List<Run> runs, Settings s, PrintStream out) throws Exception {
        for (Run r : runs) {
            long before = usedHeap();
            r.loadSeconds = load(r.e, s);
            r.heapMbPer100k = (usedHeap() - before) / 1048576.0 * 100_000 / s.openTasks();
        }
        print(out, label, runs, "seconds to create " + s.openTasks() + " open tasks over " + s.assignees() + " assignees",
                each(runs, r -> r.loadSeconds));
        print(out, label, runs, "heap MB per 100,000 open tasks (in-memory H2: the database's rows included)",
                each(runs, r -> r.heapMbPer100k));
        for (Run r : runs) {
            r.db.analyze(); // every engine alike: statistics as autovacuum leaves them some time after a bulk load
        }
        List<Run> engines = runs.stream().filter(r -> !r.engine.equals("floor")).toList();
        double[][] todo = todoLatency(engines, s);
        for (int i = 0; i < engines.size(); i++) {
            engines.get(i).todoMs = todo[i];
        }
        print(out, label, engines, "todo query median ms", each(engines, r -> r.todoMs[0]));
        print(out, label, engines, "todo query p99 ms", each(engines, r -> r.todoMs[1]));

        alternate(runs, 1, s.rewarmSeconds(), s);
        double[] l1 = alternate(runs, 1, s.measureSeconds(), s);
        alternate(runs, s.threads(), s.rewarmSeconds(), s);
        double[] ln = alternate(runs, s.threads(), s.measureSeconds(), s);
        for (int i = 0; i < runs.size(); i++) {
            runs.get(i).loaded1 = l1[i];
            runs.get(i).loadedN = ln[i];
        }
        print(out, label, runs, "loaded throughput/s (1 thread)", l1);
        print(out, label, runs, "loaded throughput/s (" + s.threads() + " threads)", ln);
    }

    private static double[] each(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        return runs.stream().mapToDouble(figure).toArray();
    }

    /** Heap in use after garbage collection, in bytes. */
    private static long usedHeap() throws InterruptedException {
        java.lang.management.MemoryMXBean m = java.lang.management.ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return m.getHeapMemoryUsage().getUsed();
    }

    /**
     * Runs {@code cycles} life cycles of each engine in {@code threads} threads, in five blocks that take
     * turns between the engines; returns life cycles per second of each.
     */
    private static double[] counted(List<Run> runs, int threads, int cycles) throws Exception {
        int blocks = Math.min(5, Math.max(1, cycles));
        double[] elapsed = new double[runs.size()];
        int done = 0;
        for (int b = 0; b < blocks; b++) {
            int block = (cycles - done) / (blocks - b);
            done += block;
            for (int i = 0; i < runs.size(); i++) {
                elapsed[i] += fixed(runs.get(i).e, threads, block, runs.get(i).failures);
            }
        }
        double[] rate = new double[runs.size()];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = elapsed[i] == 0 ? 0 : cycles / elapsed[i];
        }
        return rate;
    }

    /** Runs {@code cycles} life cycles shared by {@code threads} threads; returns the seconds they took. */
    private static double fixed(LeaveEngine e, int threads, int cycles, AtomicLong failures) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return cycles <= 0 ? 0 : run(e, threads, () -> next.getAndIncrement() < cycles, failures)[1];
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
        StringBuilder line = new StringBuilder(label).append(' ').append(what).append(':');
        for (int i = 0; i < runs.size(); i++) {
            line.append(' ').append(runs.get(i).engine).append('=').append(String.format(Locale.ROOT, "%.3f", v[i]));
        }
        out.println(line);
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
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        return run(e, threads, () -> System.nanoTime() < deadline, failures);
    }

    /** Runs life cycles in {@code threads} threads while {@code more} says so; returns {completed cycles, elapsed seconds}. */
    private static double[] run(LeaveEngine e, int threads, java.util.function.BooleanSupplier more, AtomicLong failures) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicLong cycles = new AtomicLong();
            AtomicReference<RuntimeException> first = new AtomicReference<>();
            long start = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                fs.add(pool.submit(() -> {
                    while (more.getAsBoolean()) {
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
        return startOpen(e, s.openTasks(), s.assignees(), Math.max(2, s.threads()));
    }

    /** Starts {@code open} instances in {@code threads} threads, spread over the load assignees; returns the seconds it took. */
    static double startOpen(LeaveEngine e, int open, int assignees, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < open; i = next.getAndIncrement()) {
                        e.startOpen(i % assignees);
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
