package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A few thousand tickets on H2, short runs: the load is counted back by the reports, nothing fails, and the summary has its shape. */
class TicketBenchmarkSmokeTest {
    static final String NUM = "\\d+(\\.\\d+)?";

    @Test
    void loadsMeasuresAndPrintsOneSummaryLine() throws Exception {
        TicketBenchmark.Settings s = new TicketBenchmark.Settings(List.of("h2"), 3000, 4, 12, 2, 30, 0.5,
                new BenchDatabase.Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<TicketBenchmark.Result> results;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            results = TicketBenchmark.run(s, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.failures()).isZero();
            assertThat(r.createdInYear()).isEqualTo(3000);
            assertThat(r.reportMs30()).containsOnlyKeys(TicketBenchmark.REPORTS);
            assertThat(r.reportMs365().values()).allSatisfy(ms -> assertThat(ms).isPositive());
            assertThat(r.reportMs365c()).containsOnlyKeys(TicketBenchmark.REPORTS);
            assertThat(r.reportMs365c().values()).allSatisfy(ms -> assertThat(ms).isPositive());
            assertThat(r.createAssign1()).isPositive();
            assertThat(r.createAssign4()).isPositive();
            assertThat(r.queueView().p99()).isGreaterThanOrEqualTo(r.queueView().p95()).isGreaterThanOrEqualTo(r.queueView().median());
            assertThat(r.queueView().max()).isGreaterThanOrEqualTo(r.queueView().p99());
            assertThat(r.summary()).matches("ticket-reports h2: 3000 tickets loaded in " + NUM + " s; report ms median 30d/365d/365d-c0 "
                    + "workload=" + NUM + "/" + NUM + "/" + NUM + " .* backlog=" + NUM + "/" + NUM + "/" + NUM + "; queue view ms median=" + NUM + " p95=" + NUM + " p99=" + NUM + " max=" + NUM
                    + "; create\\+assign/s 1 thread=" + NUM + " 4 threads=" + NUM + " \\(p99 ms " + NUM + "/" + NUM + "\\); floor/s 1 thread="
                    + NUM + " 4 threads=" + NUM + " \\(p99 ms " + NUM + "/" + NUM + "\\); oakit/floor=" + NUM + " \\(1 thread\\) " + NUM
                    + " \\(4 threads\\)");
            assertThat(r.floor()).allSatisfy(f -> assertThat(f.perSecond()).isPositive());
        });
        assertThat(printed.lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(results.get(0).summary());
    }
}
