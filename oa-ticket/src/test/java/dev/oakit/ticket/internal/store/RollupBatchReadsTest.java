package dev.oakit.ticket.internal.store;

import dev.oakit.core.spi.DatabaseProduct;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of the rollup ({@link MetricDayRepository#rollUp}) reads the rows it rolls up, not the ticket table: over
 * 5,000 tickets with an assignment each, of which a few creations and assignments are not rolled up, the rows the
 * database reads for a batch, as the database counts them, stay far below the table's size, and a batch is the same
 * seven statements whatever the table's size. Rows read: on H2 the scan counts of {@code EXPLAIN ANALYZE} of each
 * query of the batch (run again just before it, in its transaction); on PostgreSQL the transaction's own counts of rows
 * scanned and fetched of the two tables ({@code pg_stat_xact_user_tables}); on MariaDB the session's handler reads.
 */
class RollupBatchReadsTest {
    private static final int TICKETS = 5_000;
    /** Not rolled up: three creations, four assignments (two of ticket 3,333); the tickets in id order 17, 40, 2,500, 3,333, 4,990. */
    private static final Set<Integer> NEW_TICKETS = Set.of(17, 2_500, 4_990);
    private static final Set<Integer> NEW_ASSIGNMENTS = Set.of(40, 2_500, 3_333);

    @DbTest
    void aBatchReadsTheRowsItRollsUpNotTheTicketTable(TestDatabase db) throws Exception {
        TicketTablePlans.load(db, RollupBatchReadsTest::rows, "oa_tk_metric", "oa_tk_metric_assign").close(); // the rows and their statistics
        try (Connection c = db.dataSource().getConnection()) {
            MetricDayRepository days = new MetricDayRepository(() -> DatabaseProduct.valueOf(db.kind().name()));
            Counted counted = new Counted(c, db.kind());
            try (Handle h = Jdbi.open(counted.connection())) {
                // the lowest two tickets first: 17's creation and 40's assignment
                Batch first = counted.batch(h, x -> days.rollUp(x, "acme", 2));
                assertThat(first.rolled()).isEqualTo(2);
                assertThat(figures(db, "created")).isEqualTo(1);
                assertThat(figures(db, "assigned")).isEqualTo(1);

                Batch rest = counted.batch(h, x -> days.rollUp(x, "acme", 100));
                assertThat(rest.rolled()).isEqualTo(5); // 2,500 (both), 3,333's two assignments, 4,990
                assertThat(rest.rowsRead()).as("rows read of a table of %s tickets: %s", TICKETS, rest.sql()).isLessThan(TICKETS / 10);
                assertThat(rest.statements()).as("two id reads, the tickets locked, their assignments, the counts, two marks: %s", rest.sql())
                        .isEqualTo(7);
                assertThat(first.rowsRead()).as("rows read: %s", first.sql()).isLessThan(TICKETS / 10);

                Batch idle = counted.batch(h, x -> days.rollUp(x, "acme", 100));
                assertThat(idle.rolled()).isZero();
                assertThat(idle.statements()).as("the two id reads only: %s", idle.sql()).isEqualTo(2);
                assertThat(idle.rowsRead()).as("rows read: %s", idle.sql()).isLessThan(TICKETS / 10);
            }
            assertThat(figures(db, "created")).isEqualTo(NEW_TICKETS.size());
            assertThat(figures(db, "assigned")).isEqualTo(NEW_ASSIGNMENTS.size() + 1);
            assertThat(db.queryLong("SELECT COUNT(*) FROM oa_tk_metric WHERE rolled = 0")
                    + db.queryLong("SELECT COUNT(*) FROM oa_tk_metric_assign WHERE rolled = 0")).isZero();
        }
    }

    private static long figures(TestDatabase db, String measure) throws Exception {
        return db.queryLong("SELECT COALESCE(SUM(n), 0) FROM oa_tk_metric_day WHERE tenant_id = 'acme' AND measure = '" + measure + "'");
    }

    /** The tickets, each with an assignment on its creation day, all rolled up but the few named above. */
    private static void rows(Connection c) throws Exception {
        try (PreparedStatement m = c.prepareStatement("INSERT INTO oa_tk_metric (ticket_id, tenant_id, queue_key, type_key, created_at, created_day,"
                + " created_week, reopened, rolled) VALUES (?, 'acme', ?, 'it', ?, ?, ?, 0, ?)");
             PreparedStatement a = c.prepareStatement("INSERT INTO oa_tk_metric_assign (tenant_id, ticket_id, agent_id, assigned_at, assigned_day,"
                     + " rolled) VALUES ('acme', ?, ?, ?, ?, ?)")) {
            LocalDateTime t0 = LocalDateTime.of(2026, 1, 5, 9, 0);
            for (int i = 1; i <= TICKETS; i++) {
                LocalDateTime at = t0.plusMinutes(i * 7L);
                LocalDate day = at.toLocalDate();
                m.setLong(1, i);
                m.setString(2, new String[] {"it", "fac", "hr", "ops"}[i % 4]);
                m.setObject(3, at);
                m.setObject(4, day);
                m.setObject(5, day.minusDays(day.getDayOfWeek().getValue() - 1L));
                m.setInt(6, NEW_TICKETS.contains(i) ? 0 : 1);
                m.addBatch();
                for (int k = 0; k < (i == 3_333 ? 2 : 1); k++) {
                    a.setLong(1, i);
                    a.setString(2, "agent" + (i + k) % 50);
                    a.setObject(3, at);
                    a.setObject(4, day);
                    a.setInt(5, NEW_ASSIGNMENTS.contains(i) ? 0 : 1);
                    a.addBatch();
                }
                if (i % 1000 == 0) {
                    m.executeBatch();
                    a.executeBatch();
                }
            }
            m.executeBatch();
            a.executeBatch();
        }
    }

    /** What one batch did: the rows it rolled up, its statements, the rows the database read for it. */
    private record Batch(int rolled, int statements, long rowsRead, List<String> sql) {
    }

    /** A unit of work on a handle. */
    @FunctionalInterface
    private interface Work {
        int run(Handle h);
    }

    /**
     * A connection that counts the statements run through it and, on H2, before each query runs it with
     * {@code EXPLAIN ANALYZE} (same parameters, same transaction) and adds up its scan counts.
     */
    private static final class Counted {
        private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate");
        private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

        private final Connection target;
        private final TestDatabase.Kind kind;
        private final List<String> log = new ArrayList<>();
        private int statements;
        private long h2Reads;
        private int statusReads;

        Counted(Connection target, TestDatabase.Kind kind) {
            this.target = target;
            this.kind = kind;
        }

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                Object r = invoke(target, m, a);
                if (r instanceof PreparedStatement s && m.getName().equals("prepareStatement")) {
                    return statement(s, (String) a[0]);
                }
                if (r instanceof Statement) {
                    throw new AssertionError("a plain statement (" + m.getName() + "): count it too");
                }
                return r;
            });
        }

        /** Runs the work in a transaction of its own and counts what it did. */
        Batch batch(Handle h, Work work) throws Exception {
            return h.inTransaction(x -> {
                long before = readsSoFar();
                log.clear();
                statements = 0;
                int rolled = work.run(x);
                int done = statements;
                List<String> sql = List.copyOf(log);
                return new Batch(rolled, done, readsSoFar() - before, sql);
            });
        }

        /** @return rows read so far (H2: on this connection; PostgreSQL: in this transaction; MariaDB: in this session, less the status reads') */
        private long readsSoFar() throws Exception {
            return switch (kind) {
                case H2 -> h2Reads;
                // rows of a sequential scan, and rows fetched through an index
                case POSTGRESQL -> one("SELECT COALESCE(SUM(seq_tup_read + COALESCE(idx_tup_fetch, 0)), 0) FROM pg_stat_xact_user_tables"
                        + " WHERE schemaname = current_schema() AND relname IN ('oa_tk_metric', 'oa_tk_metric_assign')");
                case MARIADB -> {
                    // reading the status reads rows itself, as many each time: two reads in a row measure it
                    long first = handlerReads();
                    long own = handlerReads() - first;
                    long reads = first - statusReads * own;
                    statusReads += 2;
                    yield reads;
                }
            };
        }

        private long handlerReads() throws Exception {
            return one("SELECT SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME LIKE 'HANDLER\\_READ\\_%'");
        }

        private long one(String query) throws Exception {
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private Object statement(PreparedStatement s, String text) {
            List<Map.Entry<Method, Object[]>> parameters = new ArrayList<>();
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                if (m.getName().startsWith("set") && m.getParameterCount() >= 2 && m.getParameterTypes()[0] == int.class) {
                    parameters.add(Map.entry(m, a));
                } else if (m.getName().equals("clearParameters")) {
                    parameters.clear();
                } else if (EXECUTE.contains(m.getName())) {
                    statements++;
                    log.add(text);
                    if (kind == TestDatabase.Kind.H2 && text.strip().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
                        h2Reads += scanned(text, parameters);
                    }
                }
                return invoke(s, m, a);
            });
        }

        /** @return the rows H2 reads for the query: the sum of the scan counts of its EXPLAIN ANALYZE */
        private long scanned(String query, List<Map.Entry<Method, Object[]>> parameters) throws Exception {
            try (PreparedStatement e = target.prepareStatement("EXPLAIN ANALYZE " + query)) {
                for (Map.Entry<Method, Object[]> set : parameters) {
                    set.getKey().invoke(e, set.getValue());
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = e.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1));
                    }
                }
                long n = 0;
                Matcher m = SCAN_COUNT.matcher(plan);
                while (m.find()) {
                    n += Long.parseLong(m.group(1));
                }
                log.add("  H2 read " + n + ": " + plan);
                return n;
            }
        }

        private static Object invoke(Object target, Method m, Object[] a) throws Throwable {
            try {
                return m.invoke(target, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
