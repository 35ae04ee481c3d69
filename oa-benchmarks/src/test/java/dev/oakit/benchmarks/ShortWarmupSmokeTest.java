package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short warm-up on H2 with a few life cycles: OAKit and the floor both run, at 1 thread and at 2, the summary line has its
 * shape, and before it a line per part and engine says where the cores went (on Linux the workers' CPU time is there).
 */
class ShortWarmupSmokeTest {
    @Test
    void oakitAndTheFloorAfterAFewLifeCycles() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double[] ratios;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ratios = ShortWarmup.run(10, 2, "h2", out);
        }
        assertThat(ratios).hasSize(2);
        assertThat(ratios[0]).isPositive();
        assertThat(ratios[1]).isPositive();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).stripTrailing().split("\\R");
        assertThat(lines).hasSize(7);
        String[] parts = {"warm-up 9 \\(1 thread\\)", "after 10 \\(1 thread\\)", "after 20 \\(2 threads\\)"};
        for (int i = 0; i < 6; i++) {
            assertThat(lines[i]).matches("  " + parts[i / 2] + " from \\S+, " + (i % 2 == 0 ? "oakit" : "floor") + ": wall \\d+ ms; "
                    + "ran \\(waited for a core\\) ms: workers \\d+ \\(\\d+\\) jit \\d+ \\(\\d+\\) gc \\d+ \\(\\d+\\) vm \\d+ \\(\\d+\\) "
                    + "oakit \\d+ \\(\\d+\\) h2 \\d+ \\(\\d+\\) other \\d+ \\(\\d+\\); jit compile time \\d+ ms");
            if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
                assertThat(lines[i]).doesNotContain("workers 0 (");
            }
        }
        assertThat(lines[6]).matches("short warm-up h2: after 10 life cycles \\(1 thread\\) "
                + "oakit=[0-9.]+/s floor=[0-9.]+/s oakit/floor=[0-9.]+; after 20 \\(2 threads\\) oakit=[0-9.]+/s floor=[0-9.]+/s "
                + "oakit/floor=[0-9.]+");
    }
}
