package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 2,000 open tasks on H2, 4 clients for a second: every answer is a full todo page, and the summary has its shape. */
class TodoHttpBenchmarkSmokeTest {
    static final String NUM = "\\d+(\\.\\d+)?";

    @Test
    void servesTheTodoToConcurrentClientsAndPrintsOneSummaryLine() throws Exception {
        TodoHttpBenchmark.Settings s = new TodoHttpBenchmark.Settings(List.of("h2"), 2000, 100, 4, 1, 1, 400,
                new BenchDatabase.Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<TodoHttpBenchmark.Result> results;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            results = TodoHttpBenchmark.run(s, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.failures()).isZero();
            assertThat(r.requests()).isPositive().isLessThanOrEqualTo(400);
            assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.medianMs());
            assertThat(r.summary()).matches("todo-http h2: 2000 open tasks \\(loaded in " + NUM + " s\\); \\d+ requests, 0 failed; requests/s="
                    + NUM + "; ms median=" + NUM + " p99=" + NUM + " max=" + NUM);
        });
        assertThat(printed.lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(results.get(0).summary());
    }
}
