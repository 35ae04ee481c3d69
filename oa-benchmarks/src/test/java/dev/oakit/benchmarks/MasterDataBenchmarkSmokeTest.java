package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A small run on H2 (1,200 vendors, three pages): the sync stores every vendor and the summary has its shape. */
class MasterDataBenchmarkSmokeTest {
    @Test
    void syncsEveryVendorAndPrintsTheRates() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            MasterDataBenchmark.run(1_200, List.of("h2"), null, out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("master-data h2: 1200 vendors; fake alone [0-9]+ records/s; sync [0-9]+"
                + " records/s \\([0-9.]+ of the fake\\); [0-9.]+ statements/record \\([0-9]+ statements\\)");
    }
}
