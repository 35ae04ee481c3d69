package dev.oakit.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The leave benchmark's short warm-up alone, OAKit against the floor, without Flowable: each boots on its own fresh
 * database, then, taking turns in five blocks as {@link LeaveBenchmark} does, runs {@code short - 1} life cycles at 1 thread,
 * measures {@code short} at 1 thread, then {@code short} shared by {@code threads} threads. Prints life cycles per second
 * and oakit/floor of the two measurements. What a freshly started host sees, in a JVM small enough to profile
 * ({@code -XX:StartFlightRecording}) and to repeat. Before that line, one per part (warm-up, 1 thread, n threads) and engine
 * says where the cores went while that engine's life cycles ran ({@link ThreadCpu}: workers, JIT, GC, VM, OAKit's own
 * threads, each with the time it waited for a core). Arguments: short [500], threads [4], database [h2 or postgresql].
 * {@code -Dbench.windows=true} adds when each block ran (epoch ms) and its workers' CPU ms, to find them in a recording;
 * {@code -Dbench.floorFirst=true} lets the floor run first in each pair of blocks (the benchmark's order is OAKit first).
 *
 * <pre>java -cp ... dev.oakit.benchmarks.ShortWarmup 500 4 h2</pre>
 */
public final class ShortWarmup {
    private ShortWarmup() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String db = args.length > 2 ? args[2] : "h2";
        run(cycles, threads, db, System.out);
    }

    /** @return oakit/floor after the short warm-up at 1 thread and at {@code threads} */
    static double[] run(int cycles, int threads, String db, PrintStream out) throws Exception {
        int pool = Math.max(8, threads * 2);
        try (BenchDatabase oaDb = database(db, "oakit", pool); BenchDatabase floorDb = database(db, "floor", pool);
             LeaveEngine oakit = new OakitLeaveEngine(oaDb.dataSource()); LeaveEngine floor = new FloorLeaveEngine(floorDb.dataSource())) {
            List<LeaveEngine> engines = List.of(oakit, floor);
            for (LeaveEngine e : engines) {
                e.boot();
                e.prepare(threads, 1);
                if (!e.endedApproved(e.cycle(0))) {
                    throw new IllegalStateException(e.name() + ": the first life cycle did not end approved");
                }
            }
            String[] phases = {"warm-up " + (cycles - 1) + " (1 thread)", "after " + cycles + " (1 thread)",
                    "after " + 2 * cycles + " (" + threads + " threads)"};
            ThreadCpu.Tally[][] cpu = new ThreadCpu.Tally[phases.length][engines.size()];
            String[] began = new String[phases.length];
            began[0] = java.time.Instant.now().toString();
            counted(engines, 1, cycles - 1, cpu[0]);
            began[1] = java.time.Instant.now().toString();
            double[] one = counted(engines, 1, cycles, cpu[1]);
            began[2] = java.time.Instant.now().toString();
            double[] many = counted(engines, threads, cycles, cpu[2]);
            for (int p = 0; p < phases.length; p++) {
                for (int i = 0; i < engines.size(); i++) {
                    out.printf(Locale.ROOT, "  %s from %s, %s: %s%n", phases[p], began[p], engines.get(i).name(), cpu[p][i].line());
                    if (Boolean.getBoolean("bench.windows")) {
                        StringBuilder w = new StringBuilder("    windows");
                        cpu[p][i].windows.forEach(x -> w.append(' ').append(x[0]).append('-').append(x[1]).append('=').append(x[2]));
                        out.println(w);
                    }
                }
            }
            out.printf(Locale.ROOT, "short warm-up %s: after %d life cycles (1 thread) oakit=%.1f/s floor=%.1f/s oakit/floor=%.3f; "
                            + "after %d (%d threads) oakit=%.1f/s floor=%.1f/s oakit/floor=%.3f%n", db, cycles, one[0], one[1],
                    one[0] / one[1], 2 * cycles, threads, many[0], many[1], many[0] / many[1]);
            return new double[]{one[0] / one[1], many[0] / many[1]};
        }
    }

    private static BenchDatabase database(String db, String engine, int pool) throws java.sql.SQLException {
        return switch (db) {
            case "h2" -> BenchDatabase.h2(engine, pool);
            case "postgresql" -> BenchDatabase.postgresql("postgresql", new BenchDatabase.Server(
                    System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                    System.getProperty("bench.pg.user", "postgres"), System.getProperty("bench.pg.password", "")), engine, pool);
            default -> throw new IllegalArgumentException("database '" + db + "': use h2 or postgresql");
        };
    }

    /** As {@link LeaveBenchmark}: {@code cycles} life cycles of each engine in five blocks taking turns; life cycles per second. */
    private static double[] counted(List<LeaveEngine> engines, int threads, int cycles, ThreadCpu.Tally[] cpu) throws Exception {
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = new ThreadCpu.Tally();
        }
        int blocks = Math.min(5, Math.max(1, cycles));
        double[] elapsed = new double[engines.size()];
        int done = 0;
        for (int b = 0; b < blocks; b++) {
            int block = (cycles - done) / (blocks - b);
            done += block;
            for (int j = 0; j < engines.size(); j++) {
                int i = Boolean.getBoolean("bench.floorFirst") ? engines.size() - 1 - j : j;
                elapsed[i] += fixed(engines.get(i), threads, block, cpu[i]);
            }
        }
        double[] rate = new double[engines.size()];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = elapsed[i] == 0 ? 0 : cycles / elapsed[i];
        }
        return rate;
    }

    /**
     * Runs {@code cycles} life cycles shared by {@code threads} threads (a pool per block, as the benchmark's); seconds taken.
     * Adds where the cores went meanwhile to {@code cpu}.
     */
    private static double fixed(LeaveEngine e, int threads, int cycles, ThreadCpu.Tally cpu) throws Exception {
        if (cycles <= 0) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            ThreadCpu.Snapshot before = ThreadCpu.snapshot();
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    while (next.getAndIncrement() < cycles) {
                        e.cycle(worker);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu.add(before, ThreadCpu.snapshot(), seconds);
            return seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
