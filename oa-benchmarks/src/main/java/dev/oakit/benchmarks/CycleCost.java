package dev.oakit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The Java work of one OAKit leave life cycle, in figures a loaded machine does not distort: bytes allocated and CPU time of
 * the measuring thread per life cycle (1 thread, a fresh in-memory H2 database), after a number of warm-up life cycles.
 * Allocation counts what the engine and H2 create, whatever the load; CPU time leaves out the time the thread waited for a
 * core. Arguments: warm-up life cycles [500], measured life cycles [500]. With {@code -Xint} nothing is compiled, so the CPU
 * time counts interpreted work alone.
 *
 * <pre>java -cp ... dev.oakit.benchmarks.CycleCost 500 500</pre>
 */
public final class CycleCost {
    private CycleCost() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (BenchDatabase db = BenchDatabase.h2("oakit", 2); LeaveEngine oakit = new OakitLeaveEngine(db.dataSource())) {
            oakit.boot();
            oakit.prepare(1, 1);
            for (int i = 0; i < warm; i++) {
                oakit.cycle(0);
            }
            long bytes = mx.getThreadAllocatedBytes(thread);
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < measure; i++) {
                oakit.cycle(0);
            }
            wall = System.nanoTime() - wall;
            cpu = mx.getCurrentThreadCpuTime() - cpu;
            bytes = mx.getThreadAllocatedBytes(thread) - bytes;
            System.out.printf(Locale.ROOT, "cycle cost after %d life cycles (%d measured): %.0f bytes/cycle, cpu %.3f ms/cycle, "
                    + "wall %.3f ms/cycle%n", warm, measure, bytes / (double) measure, cpu / 1e6 / measure, wall / 1e6 / measure);
        }
    }
}
