package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The short warm-up on H2 with a few life cycles: OAKit and the floor both run, at 1 thread and at 2, and the line has its shape. */
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
        assertThat(bytes.toString(StandardCharsets.UTF_8).trim()).matches("short warm-up h2: after 10 life cycles \\(1 thread\\) "
                + "oakit=[0-9.]+/s floor=[0-9.]+/s oakit/floor=[0-9.]+; after 20 \\(2 threads\\) oakit=[0-9.]+/s floor=[0-9.]+/s "
                + "oakit/floor=[0-9.]+");
    }
}
