package dev.oakit.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * OAKit against the floor, alternating in one JVM: both warm up by a
 * number of life cycles (not a time, so that OAKit's JIT warm-up does not depend on the machine's
 * load), then take turns in rounds of a fixed number of life cycles. Prints life cycles per second
 * of each and oakit/floor. Arguments: warm-up life cycles [8000], rounds [6], life cycles per round [500],
 * database [h2; or postgresql, the server of {@code -Dbench.pg.url}, {@code .user}, {@code .password} as for the
 * leave benchmark, each engine on a new schema], threads [1; with more, each thread runs its own worker's life cycles,
 * the warm-up and the rounds counting per thread].
 *
 * <pre>java -cp ... dev.oakit.benchmarks.FloorAlternation 8000 6 500 h2 4</pre>
 */
public final class FloorAlternation {
    private FloorAlternation() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String db = args.length > 3 ? args[3] : "h2";
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        run(warm, rounds, perRound, db, threads, System.out);
    }

    static double run(int warm, int rounds, int perRound, String db, PrintStream out) throws Exception {
        return run(warm, rounds, perRound, db, 1, out);
    }

    static double run(int warm, int rounds, int perRound, String db, int threads, PrintStream out) throws Exception {
        try (BenchDatabase oaDb = database(db, "oakit", threads); BenchDatabase floorDb = database(db, "floor", threads);
             LeaveEngine oakit = new OakitLeaveEngine(oaDb.dataSource()); LeaveEngine floor = new FloorLeaveEngine(floorDb.dataSource())) {
            oakit.boot();
            floor.boot();
            oakit.prepare(threads, 1);
            floor.prepare(threads, 1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                for (int done = 0; done < warm; done += 100) {
                    seconds(pool, threads, oakit, Math.min(100, warm - done));
                    seconds(pool, threads, floor, Math.min(100, warm - done));
                }
                double oakitSeconds = 0;
                double floorSeconds = 0;
                for (int r = 0; r < rounds; r++) {
                    oakitSeconds += seconds(pool, threads, oakit, perRound);
                    floorSeconds += seconds(pool, threads, floor, perRound);
                }
                double o = (double) threads * rounds * perRound / oakitSeconds;
                double f = (double) threads * rounds * perRound / floorSeconds;
                out.printf(Locale.ROOT, "floor alternation %s (%s, %d warm-up life cycles, %d x %d): oakit=%.1f/s floor=%.1f/s "
                        + "oakit/floor=%.3f%n", db, threads == 1 ? "1 thread" : threads + " threads", warm, rounds, perRound, o, f, o / f);
                return o / f;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static BenchDatabase database(String db, String engine, int threads) throws java.sql.SQLException {
        return switch (db) {
            case "h2" -> BenchDatabase.h2(engine, threads + 1);
            case "postgresql" -> BenchDatabase.postgresql("postgresql", new BenchDatabase.Server(
                    System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                    System.getProperty("bench.pg.user", "postgres"), System.getProperty("bench.pg.password", "")), engine, threads + 1);
            default -> throw new IllegalArgumentException("database '" + db + "': use h2 or postgresql");
        };
    }

    /** Runs {@code cycles} life cycles on each of {@code threads} workers at once; returns the seconds until all are done. */
    private static double seconds(java.util.concurrent.ExecutorService pool, int threads, LeaveEngine engine, int cycles) throws Exception {
        long t0 = System.nanoTime();
        if (threads == 1) {
            for (int i = 0; i < cycles; i++) {
                engine.cycle(0);
            }
        } else {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < cycles; i++) {
                        engine.cycle(worker);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
