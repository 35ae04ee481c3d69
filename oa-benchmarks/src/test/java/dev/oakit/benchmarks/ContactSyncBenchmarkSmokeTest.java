package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A small run on H2 (200 contacts, pages of 100): the sync stores every contact once and the summary has its shape. */
class ContactSyncBenchmarkSmokeTest {
    @Test
    void syncsEveryContactAndPrintsTheRates() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ContactSyncBenchmark.run(200, 100, List.of("h2"), out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("contact-sync h2: 200 contacts; fake alone [0-9]+ records/s; sync [0-9]+"
                + " records/s \\([0-9.]+ of the fake\\); [0-9.]+ statements/record \\([0-9]+ statements\\)");
    }
}
