package dev.oakit.benchmarks;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cores went while a measurement ran: the time each kind of thread of this JVM ran on a core, and the time it was
 * ready to run but waited for one, from Linux's per-thread scheduler figures ({@code /proc/self/task/<tid>/schedstat},
 * nanoseconds; the JIT's compiler threads are there too, which the JVM's thread bean does not show), and the JIT's own
 * account of its compile time. Kinds: the benchmark's worker threads ({@code pool-…}), the JIT's compiler threads, the
 * garbage collector's, the VM thread (safepoints, deoptimisation), OAKit's own background threads ({@code oakit-…}), H2's
 * (its store's background writer, which also compacts the file) and the rest. Elsewhere than Linux the scheduler figures
 * are absent and only the compile time is given.
 */
final class ThreadCpu {
    static final String[] KINDS = {"workers", "jit", "gc", "vm", "oakit", "h2", "other"};
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    /** Run and wait nanoseconds by thread id, with the thread's kind; and the JIT's total compile time then. */
    record Snapshot(Map<Long, long[]> threads, long compileMs) {
    }

    /** Sums per kind: run ns, wait ns; and the JIT's compile ms, over any number of intervals. */
    static final class Tally {
        final long[] run = new long[KINDS.length];
        final long[] wait = new long[KINDS.length];
        long compileMs;
        double seconds;
        /** the intervals added, as epoch milliseconds from and to, to find them in a flight recording */
        final java.util.List<long[]> windows = new java.util.ArrayList<>();

        /** Adds what happened between {@code before} and {@code after}, {@code seconds} of wall-clock time. */
        void add(Snapshot before, Snapshot after, double seconds) {
            long to = System.currentTimeMillis();
            long workers = 0;
            for (Map.Entry<Long, long[]> e : after.threads().entrySet()) {
                long[] then = before.threads().get(e.getKey());
                workers += e.getValue()[2] == 0 ? e.getValue()[0] - (then == null ? 0 : then[0]) : 0;
            }
            windows.add(new long[]{to - Math.round(seconds * 1000), to, workers / 1_000_000});
            this.seconds += seconds;
            compileMs += after.compileMs() - before.compileMs();
            for (Map.Entry<Long, long[]> e : after.threads().entrySet()) {
                long[] now = e.getValue();
                long[] then = before.threads().get(e.getKey());
                int kind = (int) now[2];
                run[kind] += now[0] - (then == null ? 0 : then[0]);
                wait[kind] += now[1] - (then == null ? 0 : then[1]);
            }
        }

        /** @return one line: per kind the ms it ran (and waited for a core), over the wall-clock ms */
        String line() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "wall %.0f ms; ran (waited for a core) ms:", seconds * 1000));
            for (int k = 0; k < KINDS.length; k++) {
                b.append(String.format(Locale.ROOT, " %s %.0f (%.0f)", KINDS[k], run[k] / 1e6, wait[k] / 1e6));
            }
            return b.append(String.format(Locale.ROOT, "; jit compile time %d ms", compileMs)).toString();
        }
    }

    private ThreadCpu() {
    }

    /** @return the run and wait time of every thread of this JVM now (empty where Linux's figures are absent) */
    static Snapshot snapshot() {
        Map<Long, long[]> threads = new HashMap<>();
        if (Files.isDirectory(TASKS)) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path t : tasks) {
                    long[] figures = figures(t);
                    if (figures != null) {
                        threads.put(Long.parseLong(t.getFileName().toString()), figures);
                    }
                }
            } catch (IOException e) {
                threads.clear();
            }
        }
        return new Snapshot(threads, JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0);
    }

    /** @return run ns, wait ns and kind of one thread, or null when it ended meanwhile */
    private static long[] figures(Path task) {
        try {
            String[] stat = Files.readString(task.resolve("schedstat")).trim().split(" ");
            String name = Files.readString(task.resolve("comm")).trim();
            return new long[]{Long.parseLong(stat[0]), Long.parseLong(stat[1]), kind(name)};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the index in {@link #KINDS} of a thread by its (at most 15 characters long) Linux name */
    static int kind(String name) {
        if (name.startsWith("pool-")) {
            return 0;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Sweeper")) {
            return 1;
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Periodic")) {
            return name.startsWith("VM") ? 3 : 2;
        }
        if (name.equals("VM Thread")) {
            return 3;
        }
        if (name.startsWith("MVStore") || name.startsWith("H2 ")) {
            return 5;
        }
        return name.startsWith("oakit-") ? 4 : 6;
    }
}
