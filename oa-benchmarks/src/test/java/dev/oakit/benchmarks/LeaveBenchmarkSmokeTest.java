package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quick mode on H2 only, a few dozen life cycles, no 100k load: both engines complete, the summary has its shape, and
 * OAKit's and the floor's loaded figures are measured before Flowable's open tasks exist.
 * Two fresh JVMs, not the benchmark's three: the one that writes the class-data archive gives the plain figures too,
 * and the second starts from its archive.
 */
class LeaveBenchmarkSmokeTest {
    static final String NUM = "\\d+(\\.\\d+)?";
    static final String SUMMARY = "leave-lifecycle h2: throughput oakit/flowable=" + NUM + " \\(1 thread\\) " + NUM + " \\(2 threads\\); "
            + "oakit/floor=" + NUM + " \\(1 thread\\) " + NUM + " \\(2 threads\\), after the short warm-up " + NUM + " \\(1 thread\\) "
            + NUM + " \\(2 threads\\); "
            + "loaded/empty oakit=" + NUM + " floor=" + NUM + "; sql per cycle oakit=" + NUM + " flowable=" + NUM + " floor=" + NUM + "; todo p99 ms oakit=" + NUM
            + " flowable=" + NUM + "; deploy ms oakit=" + NUM + " flowable=" + NUM + "; heap MB per 100,000 open tasks oakit=-?" + NUM
            + " flowable=-?" + NUM;

    @Test
    void leaveLifeCycleCompletesOnBothEnginesAndTheSummaryHasItsShape() throws Exception {
        LeaveBenchmark.Settings s = new LeaveBenchmark.Settings(List.of("h2"), 0.3, 0.3, 0.1, 2, 100, 10, 30, 3, 10, true, false,
                new BenchDatabase.Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<LeaveBenchmark.DbResult> results;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            results = LeaveBenchmark.run(s, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(results).hasSize(1);
        LeaveBenchmark.DbResult r = results.get(0);
        for (LeaveBenchmark.EngineResult e : List.of(r.oakit(), r.flowable(), r.floor())) {
            assertThat(e.completed()).as("%s completed every life cycle", e.engine()).isTrue();
            assertThat(e.failures()).isZero();
            assertThat(e.short1()).isPositive();
            assertThat(e.shortN()).isPositive();
            assertThat(e.throughput1()).isPositive();
            assertThat(e.throughputN()).isPositive();
            assertThat(e.sqlPerCycle()).isPositive();
            assertThat(e.tables()).isPositive();
            assertThat(e.loaded1()).as("%s loaded, 1 thread", e.engine()).isPositive();
            assertThat(e.loadedN()).as("%s loaded, n threads", e.engine()).isPositive();
        }
        for (LeaveBenchmark.EngineResult e : List.of(r.oakit(), r.flowable())) {
            assertThat(e.warmBootMs()).as("%s warm boot", e.engine()).isPositive();
            assertThat(e.deployMs()).as("%s deploy", e.engine()).isNotNegative();
        }
        // OAKit's own count may exceed 15 here when a slow machine outlives the directory cache between cycles
        assertThat(r.floor().sqlPerCycle()).as("the floor issues OAKit's 15 statements").isEqualTo(15.0);
        assertThat(printed).containsPattern("leave-lifecycle fresh jvm h2: build\\(\\) to first approval ms=\\d+ ");
        assertThat(printed).containsPattern("leave-lifecycle fresh jvm h2 \\(AppCDS archive\\): build\\(\\) to first approval ms=\\d+ ");
        // OAKit's and the floor's loaded rounds run before Flowable has created its open tasks (in-memory H2: its rows
        // are not yet in the heap those rounds share)
        List<String> lines = printed.lines().toList();
        int oakitLoaded = lineStarting(lines, "h2 loaded throughput/s (1 thread): oakit=");
        int flowableLoad = lineStarting(lines, "h2 seconds to create 100 open tasks over 10 assignees: flowable=");
        assertThat(lines.get(oakitLoaded)).contains(" floor=").doesNotContain("flowable=");
        assertThat(oakitLoaded).as("OAKit's loaded rounds before Flowable's open tasks").isLessThan(flowableLoad);
        assertThat(r.summary()).matches(SUMMARY);
        assertThat(printed.lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(r.summary());
    }

    private static int lineStarting(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + start + "'");
    }
}
