package dev.oakit.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/**
 * OAKit against the floor at 1 thread, alternating in one JVM: both warm up by a
 * number of life cycles (not a time, so that OAKit's JIT warm-up does not depend on the machine's
 * load), then take turns in rounds of a fixed number of life cycles. Prints life cycles per second
 * of each and oakit/floor. Arguments: warm-up life cycles [8000], rounds [6], life cycles per round [500],
 * database [h2; or postgresql, the server of {@code -Dbench.pg.url}, {@code .user}, {@code .password} as for the
 * leave benchmark, each engine on a new schema].
 *
 * <pre>java -cp ... dev.oakit.benchmarks.FloorAlternation 8000 6 500 h2</pre>
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
        run(warm, rounds, perRound, db, System.out);
    }

    static double run(int warm, int rounds, int perRound, String db, PrintStream out) throws Exception {
        try (BenchDatabase oaDb = database(db, "oakit"); BenchDatabase floorDb = database(db, "floor");
             LeaveEngine oakit = new OakitLeaveEngine(oaDb.dataSource()); LeaveEngine floor = new FloorLeaveEngine(floorDb.dataSource())) {
            oakit.boot();
            floor.boot();
            oakit.prepare(1, 1);
            floor.prepare(1, 1);
            for (int i = 0; i < warm; i++) {
                oakit.cycle(0);
                floor.cycle(0);
            }
            double oakitSeconds = 0;
            double floorSeconds = 0;
            for (int r = 0; r < rounds; r++) {
                oakitSeconds += seconds(oakit, perRound);
                floorSeconds += seconds(floor, perRound);
            }
            double o = rounds * perRound / oakitSeconds;
            double f = rounds * perRound / floorSeconds;
            out.printf(Locale.ROOT, "floor alternation %s (1 thread, %d warm-up life cycles, %d x %d): oakit=%.1f/s floor=%.1f/s "
                    + "oakit/floor=%.3f%n", db, warm, rounds, perRound, o, f, o / f);
            return o / f;
        }
    }

    private static BenchDatabase database(String db, String engine) throws java.sql.SQLException {
        return switch (db) {
            case "h2" -> BenchDatabase.h2(engine, 2);
            case "postgresql" -> BenchDatabase.postgresql("postgresql", new BenchDatabase.Server(
                    System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                    System.getProperty("bench.pg.user", "postgres"), System.getProperty("bench.pg.password", "")), engine, 2);
            default -> throw new IllegalArgumentException("database '" + db + "': use h2 or postgresql");
        };
    }

    private static double seconds(LeaveEngine engine, int cycles) {
        long t0 = System.nanoTime();
        for (int i = 0; i < cycles; i++) {
            engine.cycle(0);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
