package dev.oakit.benchmarks;

import dev.oakit.core.OaKit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OAKit's own Java cost of a routed create, on an H2 database in files: the desk of {@link TicketBenchmark}, a few
 * thousand loaded tickets, then create-and-assign against its floor ({@link FloorTicketCreate}) in alternating rounds,
 * and optionally a JFR recording (the {@code profile} settings: execution samples, allocations) of OAKit's creates alone,
 * started after the warm-up. With {@code cpu=N} it measures the CPU time of a create instead of its rate: blocks of
 * {@code N} OAKit creates and {@code N} floor creates, in turns on the main thread, each timed by the thread's own CPU
 * clock ({@link ThreadMXBean}); H2 runs in the calling thread, so that is OAKit's Java plus the database's work, and a
 * busy machine changes it far less than it changes creates per second. The full benchmark is {@link TicketBenchmark}.
 *
 * <pre>
 * java -cp &lt;classpath&gt; dev.oakit.benchmarks.TicketCreateProfile tickets=20000 passes=3 measure=8 jfr=/tmp/create.jfr jfrSeconds=30
 * java -cp &lt;classpath&gt; dev.oakit.benchmarks.TicketCreateProfile tickets=5000 passes=0 cpu=500 blocks=12
 * </pre>
 */
public final class TicketCreateProfile {
    private TicketCreateProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        run(args, System.out);
    }

    /** Runs with the {@code key=value} settings of {@link #main}, printing to {@code out}. */
    static void run(String[] args, PrintStream out) throws Exception {
        int tickets = 20_000;
        int passes = 3;
        double measure = 8;
        int threads = 1;
        String jfr = null;
        double jfrSeconds = 30;
        int cpu = 0;
        int blocks = 10;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "tickets" -> tickets = Integer.parseInt(kv[1]);
                case "passes" -> passes = Integer.parseInt(kv[1]);
                case "measure" -> measure = Double.parseDouble(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "jfr" -> jfr = kv[1];
                case "jfrSeconds" -> jfrSeconds = Double.parseDouble(kv[1]);
                case "cpu" -> cpu = Integer.parseInt(kv[1]);
                case "blocks" -> blocks = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown setting '" + kv[0]
                        + "': tickets, passes, measure, threads, jfr, jfrSeconds, cpu, blocks");
            }
        }
        TicketBenchmark.Desk desk = new TicketBenchmark.Desk(20, 200);
        try (BenchDatabase db = BenchDatabase.h2File("tickets", 10)) {
            OaKit oa = TicketBenchmark.boot(db);
            try {
                desk.setUp(oa);
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                new TicketLoader(desk, now).load(db, tickets, out, "h2");
                TicketBenchmark.afterLoad(oa, db, now, out);
                AtomicLong failures = new AtomicLong();
                try (FloorTicketCreate floor = new FloorTicketCreate(db.rawDataSource(), false)) {
                    for (int p = 0; p < passes; p++) {
                        TicketBenchmark.Rate[] r = TicketBenchmark.alternate(oa, floor, desk, threads, measure, failures);
                        out.printf(Locale.ROOT, "pass %d, %d thread(s): oakit %.1f/s p99 %.1f ms; floor %.1f/s p99 %.1f ms;"
                                        + " oakit/floor=%.2f; failures=%d%n", p, threads, r[0].perSecond(), r[0].p99Ms(),
                                r[1].perSecond(), r[1].p99Ms(), r[0].perSecond() / r[1].perSecond(), failures.get());
                    }
                    if (cpu > 0) {
                        cpuPerCreate(oa, floor, desk, cpu, blocks, out);
                    }
                    if (jfr != null) {
                        try (Recording rec = new Recording(Configuration.getConfiguration("profile"))) {
                            rec.start();
                            long n = TicketBenchmark.createFor(oa, desk, threads, jfrSeconds, failures);
                            rec.stop();
                            rec.dump(Path.of(jfr));
                            out.printf(Locale.ROOT, "recorded %d OAKit creates in %.0f s into %s%n", n, jfrSeconds, jfr);
                        }
                    }
                }
            } finally {
                oa.close();
            }
        }
    }

    /**
     * Blocks of {@code n} OAKit creates and {@code n} floor creates in turns on this thread (one warm-up pair first), each
     * block timed by this thread's CPU clock and allocation counter; prints each pair and the medians.
     */
    static void cpuPerCreate(OaKit oa, FloorTicketCreate floor, TicketBenchmark.Desk desk, int n, int blocks, PrintStream out) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        if (!cpu.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time: run without cpu=");
        }
        com.sun.management.ThreadMXBean bytes = cpu instanceof com.sun.management.ThreadMXBean b ? b : null;
        TicketBenchmark.Creator viaOakit = TicketBenchmark.viaOakit(oa, desk);
        TicketBenchmark.Creator viaFloor = (w, rnd) -> floor.create(w, "r" + rnd.nextInt(10_000), desk.queueKeys[rnd.nextInt(desk.queues)],
                desk.categories.get(rnd.nextInt(desk.categories.size())), "打印机卡纸");
        SplittableRandom rnd = new SplittableRandom(11);
        double[] oakitUs = new double[blocks];
        double[] floorUs = new double[blocks];
        double[] oakitKb = new double[blocks];
        double[] floorKb = new double[blocks];
        for (int b = -1; b < blocks; b++) {
            double[] o = block(viaOakit, n, rnd, cpu, bytes);
            double[] f = block(viaFloor, n, rnd, cpu, bytes);
            if (b >= 0) {
                oakitUs[b] = o[0];
                oakitKb[b] = o[1];
                floorUs[b] = f[0];
                floorKb[b] = f[1];
                out.printf(Locale.ROOT, "cpu block %d: oakit %.0f µs %.0f KB, floor %.0f µs %.0f KB per create; floor/oakit=%.2f%n",
                        b, o[0], o[1], f[0], f[1], f[0] / o[0]);
            }
        }
        double om = TicketBenchmark.percentile(oakitUs, 0.5);
        double fm = TicketBenchmark.percentile(floorUs, 0.5);
        out.printf(Locale.ROOT, "cpu per create, median of %d blocks of %d: oakit %.0f µs (%.0f KB), floor %.0f µs (%.0f KB); floor/oakit=%.2f%n",
                blocks, n, om, TicketBenchmark.percentile(oakitKb, 0.5), fm, TicketBenchmark.percentile(floorKb, 0.5), fm / om);
    }

    /** @return CPU µs and allocated KB per create of {@code n} creates on this thread */
    private static double[] block(TicketBenchmark.Creator creator, int n, SplittableRandom rnd, ThreadMXBean cpu,
                                  com.sun.management.ThreadMXBean bytes) {
        long b0 = bytes == null ? 0 : bytes.getCurrentThreadAllocatedBytes();
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            creator.create(0, rnd);
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        long b1 = bytes == null ? 0 : bytes.getCurrentThreadAllocatedBytes();
        return new double[]{(t1 - t0) / 1e3 / n, (b1 - b0) / 1024.0 / n};
    }
}
