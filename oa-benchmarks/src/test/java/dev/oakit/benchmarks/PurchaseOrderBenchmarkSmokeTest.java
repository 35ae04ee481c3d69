package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A few requisitions on H2 with four approving threads: each becomes exactly one order in the fake, and the summary has its shape. */
class PurchaseOrderBenchmarkSmokeTest {
    static final String NUM = "\\d+(\\.\\d+)?";

    @Test
    void deliversOneOrderPerRequisitionAndPrintsOneSummaryLine() throws Exception {
        PurchaseOrderBenchmark.Settings s = new PurchaseOrderBenchmark.Settings(List.of("h2"), 24, 4, 4,
                new BenchDatabase.Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<PurchaseOrderBenchmark.Result> results;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            results = PurchaseOrderBenchmark.run(s, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.failures()).isZero();
            assertThat(r.orders()).as("one order per requisition, warm-up included").isEqualTo(28);
            assertThat(r.p50Ms()).isPositive();
            assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms());
            assertThat(r.summary()).matches("po-delivery h2: 24 requisitions, 4 threads; approval → confirmed ERPNext order ms p50=" + NUM
                    + " p99=" + NUM + " max=" + NUM + "; " + NUM + " orders/s; orders in the ERP=28; failed=0");
        });
        assertThat(printed.lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(results.get(0).summary());
    }
}
