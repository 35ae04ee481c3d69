package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A small run on H2 (20,000 history rows): the queries answer and the summary has its shape. */
class StatisticsBenchmarkSmokeTest {
    @Test
    void statisticsQueriesRunOverSeededHistory() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatisticsBenchmark.Result r;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            r = StatisticsBenchmark.run("h2", 20_000, 50, 2, out);
        }
        assertThat(r.tasks()).isEqualTo(6_000);
        assertThat(r.summary()).matches("statistics h2: history=20000 tasks=6000 median ms byUser=[0-9.]+ byDepartment=[0-9.]+ byProcess=[0-9.]+");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("byUser: 50 rows", "byDepartment: 10 rows", "byProcess: 5 rows");
    }
}
