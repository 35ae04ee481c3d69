package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A few life cycles of OAKit and the floor taking turns on H2: both run and the line has its shape. */
class FloorAlternationSmokeTest {
    @Test
    void oakitAndTheFloorTakeTurns() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double ratio;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ratio = FloorAlternation.run(5, 2, 5, "h2", out);
        }
        assertThat(ratio).isPositive();
        assertThat(bytes.toString(StandardCharsets.UTF_8).trim())
                .matches("floor alternation h2 \\(1 thread, 5 warm-up life cycles, 2 x 5\\): oakit=[0-9.]+/s floor=[0-9.]+/s oakit/floor=[0-9.]+");
    }

    @Test
    void withThreadsEachRunsItsOwnWorker() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double ratio;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ratio = FloorAlternation.run(5, 2, 5, "h2", 2, out);
        }
        assertThat(ratio).isPositive();
        assertThat(bytes.toString(StandardCharsets.UTF_8).trim())
                .matches("floor alternation h2 \\(2 threads, 5 warm-up life cycles, 2 x 5\\): oakit=[0-9.]+/s floor=[0-9.]+/s oakit/floor=[0-9.]+");
    }
}
