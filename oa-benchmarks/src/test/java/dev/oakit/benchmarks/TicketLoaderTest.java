package dev.oakit.benchmarks;

import dev.oakit.core.OaKit;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.ticket.TicketPlugin;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader writes its rows with COPY (PostgreSQL) or multi-row INSERTs (H2) and leaves the tables with exactly the
 * schema's indexes, dropped for the load and made again after it (or kept up): on H2 always, on PostgreSQL when
 * {@code OAKIT_TEST_DATABASES} names it.
 */
class TicketLoaderTest {
    @Test
    void h2() throws Exception {
        try (BenchDatabase db = BenchDatabase.h2("loader", 2)) {
            loadsWithTheSchemasIndexes(db);
        }
    }

    /** The indexes kept up during the load on request: the same indexes, the same rows. */
    @Test
    void h2IndexesKeptUp() throws Exception {
        System.setProperty("bench.loadIndexes", "keep");
        try (BenchDatabase db = BenchDatabase.h2("loader", 2)) {
            loadsWithTheSchemasIndexes(db);
        } finally {
            System.clearProperty("bench.loadIndexes");
        }
    }

    @Test
    void postgresql() throws Exception {
        String dbs = System.getenv().getOrDefault("OAKIT_TEST_DATABASES", "h2");
        org.junit.jupiter.api.Assumptions.assumeTrue(dbs.toLowerCase(Locale.ROOT).contains("postgresql"), "PostgreSQL not selected");
        try (BenchDatabase db = BenchDatabase.postgresql("postgresql", TicketBenchmarkKeepTest.PG, "loader", 2)) {
            loadsWithTheSchemasIndexes(db);
        }
    }

    private static void loadsWithTheSchemasIndexes(BenchDatabase db) throws Exception {
        OaKit oa = OaKit.builder().dataSource(db.rawDataSource()).tenant(TicketBenchmark.T, TicketBenchmark.T).plugin(new TicketPlugin())
                .calendar(BusinessCalendar.alwaysOpen("bench", ZoneOffset.UTC))
                .config("core", Map.of("jobs", Map.of("enabled", false), "tenants", Map.of("requireKnownUsers", false))).build().start();
        try {
            TicketBenchmark.Desk desk = new TicketBenchmark.Desk(2, 4);
            desk.setUp(oa);
            List<String> before = indexes(db);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new TicketLoader(desk, Instant.now().truncatedTo(ChronoUnit.SECONDS)).load(db, 1234, new PrintStream(out, true, StandardCharsets.UTF_8), "t");

            assertThat(before).hasSizeGreaterThan(10);
            assertThat(indexes(db)).isEqualTo(before);
            boolean rebuilt = "rebuild".equals(System.getProperty("bench.loadIndexes", "rebuild"));
            assertThat(out.toString(StandardCharsets.UTF_8).contains("indexes made again")).isEqualTo(rebuilt);
            try (Connection c = db.rawDataSource().getConnection(); Statement st = c.createStatement()) {
                assertThat(count(st, "SELECT COUNT(*) FROM oa_tk_ticket")).isEqualTo(1234);
                assertThat(count(st, "SELECT COUNT(*) FROM oa_tk_event")).isEqualTo(1234);
                assertThat(count(st, "SELECT COUNT(*) FROM oa_tk_metric")).isEqualTo(1234);
                // a ticket's work-list columns and its text with a tab-free title, as the engine would write them
                assertThat(count(st, "SELECT COUNT(*) FROM oa_tk_ticket WHERE title = '工单 1' AND number LIKE 'TK-%-0000001'")).isEqualTo(1);
                assertThat(count(st, "SELECT COUNT(*) FROM oa_tk_ticket WHERE done_flag = 0 AND state_kind IN ('RESOLVED', 'CLOSED')")).isZero();
                assertThat(count(st, "SELECT MAX(last_value) FROM oa_tk_counter")).isEqualTo(1234);
            }
        } finally {
            oa.close();
        }
    }

    /** @return every index of the loaded tables, as the database describes it */
    private static List<String> indexes(BenchDatabase db) throws SQLException {
        List<String> all = new ArrayList<>();
        String tables = String.join(", ", TicketLoader.TABLES.stream().map(t -> "'" + t.name() + "'").toList());
        try (Connection c = db.rawDataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                db.isPostgresql() ? "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN (" + tables
                        + ") ORDER BY indexname"
                        : "SELECT i.INDEX_NAME || ' ' || i.INDEX_TYPE_NAME || ' ' || LISTAGG(k.COLUMN_NAME || ' ' || k.ORDERING_SPECIFICATION, ',')"
                        + " WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k"
                        + " ON k.INDEX_SCHEMA = i.INDEX_SCHEMA AND k.INDEX_NAME = i.INDEX_NAME WHERE LOWER(i.TABLE_NAME) IN (" + tables + ")"
                        + " GROUP BY i.INDEX_NAME, i.INDEX_TYPE_NAME ORDER BY i.INDEX_NAME")) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        return all;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
