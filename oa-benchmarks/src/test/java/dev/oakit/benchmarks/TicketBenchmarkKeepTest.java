package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bench.keep}: the first run loads and keeps the data set, a later run of the same settings reuses it without
 * loading, and a set made by other settings or by another schema is refused with a message naming what differs and the
 * fix. On H2 always, on PostgreSQL when {@code OAKIT_TEST_DATABASES} names it.
 */
class TicketBenchmarkKeepTest {
    static final BenchDatabase.Server PG = new BenchDatabase.Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");

    @TempDir
    Path dir;

    @Test
    void h2KeepsReusesAndRefusesAMismatchedSet() throws Exception {
        keepsReusesAndRefuses("h2", "jdbc:h2:file:" + dir.resolve("tk_keep_test").toAbsolutePath(), "");
    }

    @Test
    void postgresqlKeepsReusesAndRefusesAMismatchedSet() throws Exception {
        String dbs = System.getenv().getOrDefault("OAKIT_TEST_DATABASES", "h2");
        org.junit.jupiter.api.Assumptions.assumeTrue(dbs.toLowerCase(Locale.ROOT).contains("postgresql"), "PostgreSQL not selected");
        keepsReusesAndRefuses("postgresql", PG.url() + "?currentSchema=bench_keep_tk_keep_test", "bench_keep_tk_keep_test.");
    }

    private void keepsReusesAndRefuses(String db, String url, String prefix) throws Exception {
        TicketBenchmark.Settings s = new TicketBenchmark.Settings(List.of(db), 400, 2, 4, 1, 5, 0.2, PG).keeping("tk_keep_test", dir, true);
        String first = run(s);
        assertThat(first).contains("kept as").doesNotContain("reusing");

        TicketBenchmark.Settings again = new TicketBenchmark.Settings(List.of(db), 400, 2, 4, 1, 5, 0.2, PG).keeping("tk_keep_test", dir, false);
        String second = run(again);
        assertThat(second).contains("reusing the kept data set").doesNotContain("tickets written").contains("400 tickets loaded in 0.0 s");

        // only create-and-assign and the queue view: no reports, and no roll-up of the earlier runs' creates they would need
        String brief = run(again.measuringOnly(java.util.EnumSet.of(TicketMeasure.CREATE, TicketMeasure.VIEW)));
        assertThat(brief).contains("reusing the kept data set").doesNotContain("rolled up").doesNotContain("report ms")
                .contains("queue view ms (").contains("create+assign/s 1 thread=")
                .contains("400 tickets loaded in 0.0 s; reports not measured; queue view ms median=");

        TicketBenchmark.Settings bigger = new TicketBenchmark.Settings(List.of(db), 500, 2, 4, 1, 5, 0.2, PG).keeping("tk_keep_test", dir, false);
        assertThatThrownBy(() -> run(bigger)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bench.keep=tk_keep_test").hasMessageContaining("tickets/queues/agents 400/2/4, asked 500/2/4")
                .hasMessageContaining("bench.drop=true");

        // a set made by another schema: one migration's checksum differs
        try (Connection c = DriverManager.getConnection(url, db.equals("h2") ? "sa" : "postgres", ""); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + prefix + "bench_dataset SET schema_migrations = 'oa_core_schema_history:1:42'");
        }
        assertThatThrownBy(() -> run(again)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema migrations differ (kept: oa_core_schema_history:1:42; this build: ");

        // dropping loads it again
        assertThat(run(s)).contains("kept as");
        if (!db.equals("h2")) {
            BenchDatabase.dropKept(PG, dir, "tk_keep_test");
        }
    }

    private static String run(TicketBenchmark.Settings s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            TicketBenchmark.run(s, out);
        } finally {
            System.out.println(bytes.toString(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
