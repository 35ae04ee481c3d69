package dev.oakit.benchmarks;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.PrintStream;
import java.io.StringReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes tickets straight into the tables as a bulk import does (with the work-list columns of V62: done flag, due,
 * priority rank): PostgreSQL through {@code COPY ... FROM STDIN} (pgjdbc's {@link CopyManager}), H2 through multi-row
 * INSERTs ({@link RowsSink}), each commit a chunk of {@link #CHUNK} tickets. On both the secondary indexes of the loaded
 * tables are dropped for the load and made again after it with their very statements (the schema's indexes, each built
 * once from the full table instead of a million keys inserted at random places: on H2 at 100,000 tickets 16 s of rows and
 * 55 s of indexes against 375 s of rows with the indexes kept up, busy machine). {@code -Dbench.loadIndexes=keep} keeps
 * them up instead. A ticket is created at a random moment of the last 365 days (today included); of those
 * older than a week 97 % are resolved (1 to 72 hours later) and closed a day after, of the week's 40 %; the rest are
 * open (new and unassigned, or assigned, in progress or waiting). Resolved tickets got a first response (5 minutes to
 * 8 hours), half of them had a due time (breached when resolved after it), a third were rated and a fifth have a time
 * entry. The default calendar is 24x7 in UTC, so working time is wall time. The same seed gives the same rows on
 * both databases.
 */
final class TicketLoader {
    /** Tickets per commit (and per COPY of each table on PostgreSQL). */
    static final int CHUNK = 10_000;
    /** The work list's sort value of "no due" (as the tickets core stores it). */
    static final LocalDateTime NO_DUE = LocalDateTime.of(9999, 12, 31, 0, 0);
    /**
     * The version of the rows this loader writes: raise it whenever their shape or distribution changes, so a kept data
     * set ({@link KeptDataSet}) of the earlier loader is refused.
     */
    static final int SHAPE = 3;

    /** A table the loader writes and the columns it gives, in order. */
    record Table(String name, List<String> columns) {
        static Table of(String name, String columns) {
            return new Table(name, List.of(columns.replace("\n", " ").trim().split("\\s*,\\s*")));
        }

        String insert() {
            return insert(1);
        }

        /** @return an INSERT of {@code rows} rows: {@code VALUES (?, ..), (?, ..), ..} */
        String insert(int rows) {
            String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES " + String.join(", ", Collections.nCopies(rows, row));
        }

        String copy() {
            return "COPY " + name + " (" + String.join(", ", columns) + ") FROM STDIN";
        }
    }

    static final Table TICKET = Table.of("oa_tk_ticket", """
            id, tenant_id, number, type_key, title, category_key, priority, channel, requester_id, queue_key, assignee_id, state,
            state_kind, overdue, due_at, fields, tags, attachments, resolutions, row_version, created_by, created_at, updated_at,
            resolved_at, closed_at, done_flag, work_due, prio_rank""");
    static final Table EVENT = Table.of("oa_tk_event", "tenant_id, ticket_id, kind, actor_id, action, to_state, internal, at");
    static final Table METRIC = Table.of("oa_tk_metric", """
            ticket_id, tenant_id, queue_key, type_key, category_key, created_at, created_day, created_week, first_response_at,
            first_response_day, first_response_secs, first_responder, resolved_at, resolved_day, resolved_week, resolution_secs,
            resolved_by, closed_at, reopened""");
    static final Table ASSIGN = Table.of("oa_tk_metric_assign", "tenant_id, ticket_id, agent_id, assigned_at, assigned_day");
    static final Table SLA = Table.of("oa_tk_metric_sla", "tenant_id, ticket_id, target, breached, due_at, known_at, known_day, origin");
    static final Table RATING = Table.of("oa_tk_rating", "tenant_id, ticket_id, resolution, score, rated_by, rated_at, rated_day");
    static final Table TIME = Table.of("oa_tk_time", "tenant_id, ticket_id, user_id, minutes, work_date, logged_at");
    /** Every table, the ticket first (the other rows refer to it). */
    static final List<Table> TABLES = List.of(TICKET, EVENT, METRIC, ASSIGN, SLA, RATING, TIME);

    private final TicketBenchmark.Desk desk;
    private final Instant now;

    TicketLoader(TicketBenchmark.Desk desk, Instant now) {
        this.desk = desk;
        this.now = now;
    }

    /** Where the rows go: per table, rows in its {@link Table#columns()} order; {@link #commit()} ends a chunk. */
    interface Sink extends AutoCloseable {
        void row(Table t, Object... values) throws SQLException;

        void commit() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /**
     * @param value {@code -Dbench.loadIndexes}: {@code keep} or {@code rebuild}, or null for rebuild
     * @return whether the secondary indexes are dropped for the load and made again after it
     * @throws IllegalArgumentException for any other value, naming the property and its values
     */
    static boolean rebuildIndexes(String value) {
        if (value == null) {
            return true;
        }
        return switch (value) {
            case "keep" -> false;
            case "rebuild" -> true;
            default -> throw new IllegalArgumentException("-Dbench.loadIndexes must be keep|rebuild (keep the indexes up during the load,"
                    + " or drop them and make them again after it), was '" + value + "'");
        };
    }

    /** Loads {@code n} tickets after the existing ones, sets the id sequence and the year's counter, then VACUUM / ANALYZE. */
    void load(BenchDatabase db, int n, PrintStream out, String label) throws SQLException {
        boolean rebuildIndexes = rebuildIndexes(System.getProperty("bench.loadIndexes"));
        long firstId;
        try (Connection c = db.rawDataSource().getConnection()) {
            firstId = 1 + one(c, "SELECT COALESCE(MAX(id), 0) FROM oa_tk_ticket");
        }
        int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
        try (Connection c = db.rawDataSource().getConnection()) {
            c.setAutoCommit(false);
            // Both databases keep secondary indexes up row by row, in random key order (most of the load time once they
            // outgrow the cache; on H2 each entry also goes through the transaction's undo log); built on a full table each
            // is sorted once (H2: sorted blocks merged and written committed). So they are dropped for the load and made
            // again with their very statements: the same indexes as the schema has. -Dbench.loadIndexes=keep keeps them up.
            List<String> indexes = rebuildIndexes ? dropIndexes(c, db.isPostgresql()) : List.of();
            long w0 = System.nanoTime();
            try (Sink sink = db.isPostgresql() ? new CopySink(c) : new RowsSink(c)) {
                write(sink, firstId, n, year, out, label);
            }
            out.printf(Locale.ROOT, "%s: %d tickets' rows written in %.1f s (%s)%n", label, n, (System.nanoTime() - w0) / 1e9,
                    indexes.isEmpty() ? "indexes kept up" : indexes.size() + " indexes dropped");
            if (!indexes.isEmpty()) {
                long t0 = System.nanoTime();
                Map<String, Double> seconds = new LinkedHashMap<>();
                try (Statement st = c.createStatement()) {
                    if (db.isPostgresql()) {
                        st.execute("SET LOCAL maintenance_work_mem = '256MB'");
                    }
                    for (String ddl : indexes) {
                        long i0 = System.nanoTime();
                        st.execute(ddl);
                        seconds.merge(table(ddl), (System.nanoTime() - i0) / 1e9, Double::sum);
                    }
                }
                c.commit();
                out.printf(Locale.ROOT, "%s: %d indexes made again in %.1f s (per table: %s)%n", label, indexes.size(),
                        (System.nanoTime() - t0) / 1e9, seconds.entrySet().stream()
                                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue())).toList());
            }
            // numbers and ids continue after the loaded rows
            try (Statement st = c.createStatement()) {
                long last = firstId + n - 1;
                if (db.isPostgresql()) {
                    st.execute("SELECT setval(pg_get_serial_sequence('oa_tk_ticket', 'id'), " + Math.max(1, last) + ")");
                } else {
                    st.execute("ALTER TABLE oa_tk_ticket ALTER COLUMN id RESTART WITH " + (last + 1));
                }
                st.execute("DELETE FROM oa_tk_counter WHERE tenant_id = '" + TicketBenchmark.T + "' AND yr = " + year);
                st.execute("INSERT INTO oa_tk_counter (tenant_id, yr, last_value) VALUES ('" + TicketBenchmark.T + "', " + year + ", " + last + ")");
            }
            c.commit();
            // fresh statistics and (PostgreSQL) the visibility map, as autovacuum would soon after a bulk import: without
            // it an index-only count (the queue view's total) reads every counted row from the table
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute(db.isPostgresql() ? "VACUUM ANALYZE " + String.join(", ", TABLES.stream().map(Table::name).toList()) : "ANALYZE");
            }
        }
    }

    private void write(Sink sink, long firstId, int n, int year, PrintStream out, String label) throws SQLException {
        SplittableRandom rnd = new SplittableRandom(42);
        String t = TicketBenchmark.T;
        // the 365 local (UTC) days up to today, so the 365-day reports cover every loaded ticket
        Instant yearStart = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(364).atStartOfDay(ZoneOffset.UTC).toInstant();
        long yearSeconds = now.getEpochSecond() - yearStart.getEpochSecond();
        for (int i = 0; i < n; i++) {
            long id = firstId + i;
            Instant created = yearStart.plusSeconds(rnd.nextLong(yearSeconds));
            int q = rnd.nextInt(desk.queues);
            List<String> agents = desk.members.get(q);
            String agent = agents.get(rnd.nextInt(agents.size()));
            String requester = "r" + rnd.nextInt(10_000);
            String category = rnd.nextInt(10) == 0 ? null : desk.category(rnd);
            boolean recent = created.isAfter(now.minus(7, ChronoUnit.DAYS));
            boolean resolved = rnd.nextInt(100) < (recent ? 40 : 97);
            Instant resolvedAt = resolved ? created.plusSeconds(3600 + rnd.nextLong(71 * 3600)) : null;
            if (resolvedAt != null && resolvedAt.isAfter(now)) {
                resolvedAt = null;
                resolved = false;
            }
            Instant closedAt = resolved && resolvedAt.plusSeconds(86400).isBefore(now) ? resolvedAt.plusSeconds(86400) : null;
            String state;
            String kind;
            String assignee = agent;
            if (resolved) {
                state = closedAt != null ? "closed" : "resolved";
                kind = closedAt != null ? "CLOSED" : "RESOLVED";
            } else {
                int k = rnd.nextInt(10);
                state = k < 3 ? "new" : k < 6 ? "assigned" : k < 9 ? "in_progress" : "pending";
                kind = k < 3 ? "NEW" : k < 6 ? "ASSIGNED" : k < 9 ? "IN_PROGRESS" : "WAITING";
                assignee = k < 3 ? null : agent;
            }
            Instant due = resolved && rnd.nextBoolean() ? created.plusSeconds(24 * 3600) : null;
            Instant firstResponse = resolved ? created.plusSeconds(300 + rnd.nextLong(Math.min(8 * 3600,
                    resolvedAt.getEpochSecond() - created.getEpochSecond() - 300))) : null;
            Instant updated = closedAt != null ? closedAt : resolvedAt != null ? resolvedAt : created;
            String priority = switch (rnd.nextInt(4)) {
                case 0 -> "LOW";
                case 1 -> "HIGH";
                default -> "NORMAL";
            };
            int rank = switch (priority) {
                case "HIGH" -> 1;
                case "LOW" -> 3;
                default -> 2;
            };
            sink.row(TICKET, id, t, String.format(Locale.ROOT, "TK-%d-%07d", year, id), "it", "工单 " + id, category, priority, "web",
                    requester, desk.queueKeys[q], assignee, state, kind, false, ts(due), "{}", "[]", "[]", resolved ? 1 : 0, 0, requester,
                    ts(created), ts(updated), ts(resolvedAt), ts(closedAt), resolved ? 1 : 0, due != null ? ts(due) : NO_DUE, rank);
            sink.row(EVENT, t, id, "CREATED", requester, "create", "new", false, ts(created));
            sink.row(METRIC, id, t, desk.queueKeys[q], "it", category, ts(created), day(created), week(created),
                    ts(firstResponse), firstResponse == null ? null : day(firstResponse),
                    firstResponse == null ? null : firstResponse.getEpochSecond() - created.getEpochSecond(),
                    firstResponse == null ? null : agent, ts(resolvedAt), resolvedAt == null ? null : day(resolvedAt),
                    resolvedAt == null ? null : week(resolvedAt),
                    resolvedAt == null ? null : resolvedAt.getEpochSecond() - created.getEpochSecond(),
                    resolvedAt == null ? null : agent, ts(closedAt), 0);
            if (assignee != null) {
                Instant at = created.plusSeconds(60);
                sink.row(ASSIGN, t, id, assignee, ts(at), day(at));
            }
            if (due != null) {
                sink.row(SLA, t, id, "RESOLUTION", resolvedAt.isAfter(due), ts(due), ts(resolvedAt), day(resolvedAt), "due");
            }
            if (resolved && rnd.nextInt(3) == 0) {
                Instant at = resolvedAt.plusSeconds(3600).isBefore(now) ? resolvedAt.plusSeconds(3600) : resolvedAt;
                sink.row(RATING, t, id, 1, 1 + rnd.nextInt(5), requester, ts(at), day(at));
            }
            if (resolved && rnd.nextInt(5) == 0) {
                sink.row(TIME, t, id, agent, 5 + rnd.nextInt(120), day(resolvedAt), ts(resolvedAt));
            }
            if ((i + 1) % CHUNK == 0 || i == n - 1) {
                sink.commit();
            }
            if ((i + 1) % 100_000 == 0) {
                out.printf(Locale.ROOT, "%s: %d tickets written%n", label, i + 1);
            }
        }
    }

    /** PostgreSQL: each chunk is one {@code COPY ... FROM STDIN} per table in text format, then a commit. */
    static final class CopySink implements Sink {
        private final Connection c;
        private final CopyManager copy;
        private final Map<Table, StringBuilder> buffers = new LinkedHashMap<>();

        CopySink(Connection c) throws SQLException {
            this.c = c;
            this.copy = c.unwrap(PGConnection.class).getCopyAPI();
            TABLES.forEach(t -> buffers.put(t, new StringBuilder(1 << 20)));
        }

        @Override
        public void row(Table t, Object... values) {
            StringBuilder b = buffers.get(t);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    b.append('\t');
                }
                text(b, values[i]);
            }
            b.append('\n');
        }

        /** One value in COPY's text format: {@code \N} for null, backslash escapes for the separators. */
        static void text(StringBuilder b, Object v) {
            if (v == null) {
                b.append("\\N");
            } else if (v instanceof Boolean f) {
                b.append(f ? 't' : 'f');
            } else if (v instanceof LocalDateTime d) {
                b.append(d.toLocalDate()).append(' ').append(d.toLocalTime());
            } else {
                String s = v.toString();
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    switch (ch) {
                        case '\\' -> b.append("\\\\");
                        case '\t' -> b.append("\\t");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        default -> b.append(ch);
                    }
                }
            }
        }

        @Override
        public void commit() throws SQLException {
            for (Map.Entry<Table, StringBuilder> e : buffers.entrySet()) {
                if (e.getValue().length() > 0) {
                    try {
                        copy.copyIn(e.getKey().copy(), new StringReader(e.getValue().toString()));
                    } catch (IOException io) {
                        throw new SQLException("COPY into " + e.getKey().name() + " failed: " + io.getMessage(), io);
                    }
                    e.getValue().setLength(0);
                }
            }
            c.commit();
        }

        @Override
        public void close() {
            buffers.clear();
        }
    }

    /**
     * H2: each table's rows of a chunk in multi-row INSERTs of {@link #ROWS} rows (one statement parsed once per table, its
     * parameters set row after row), the chunk's remainder of each table in one more INSERT of its size; then a commit.
     * Fewer, larger statements than a JDBC batch of single-row INSERTs, which H2 runs one by one: 100,000 tickets' rows in
     * 16 s instead of 33 s (indexes dropped, busy machine).
     */
    static final class RowsSink implements Sink {
        /** Rows per INSERT. */
        static final int ROWS = 100;
        private final Connection c;
        private final Map<Table, PreparedStatement> inserts = new LinkedHashMap<>();
        private final Map<Table, List<Object[]>> pending = new LinkedHashMap<>();

        RowsSink(Connection c) throws SQLException {
            this.c = c;
            for (Table t : TABLES) {
                inserts.put(t, c.prepareStatement(t.insert(ROWS)));
                pending.put(t, new ArrayList<>());
            }
        }

        @Override
        public void row(Table t, Object... values) throws SQLException {
            List<Object[]> rows = pending.get(t);
            rows.add(values);
            if (rows.size() == ROWS) {
                insert(inserts.get(t), rows);
            }
        }

        private static void insert(PreparedStatement p, List<Object[]> rows) throws SQLException {
            int i = 1;
            for (Object[] row : rows) {
                for (Object v : row) {
                    p.setObject(i++, v);
                }
            }
            p.executeUpdate();
            rows.clear();
        }

        @Override
        public void commit() throws SQLException {
            for (Map.Entry<Table, List<Object[]>> e : pending.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    try (PreparedStatement rest = c.prepareStatement(e.getKey().insert(e.getValue().size()))) {
                        insert(rest, e.getValue());
                    }
                }
            }
            c.commit();
        }

        @Override
        public void close() throws SQLException {
            SQLException failed = null;
            for (PreparedStatement p : inserts.values()) {
                try {
                    p.close();
                } catch (SQLException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /**
     * Drops the secondary indexes of the loaded tables (not those of primary keys or constraints).
     *
     * @return their {@code CREATE INDEX} statements: on PostgreSQL {@code pg_indexes.indexdef}, on H2 as its {@code SCRIPT}
     *     writes them (columns, order and uniqueness)
     */
    static List<String> dropIndexes(Connection c, boolean postgresql) throws SQLException {
        Map<String, String> create = new LinkedHashMap<>();
        if (postgresql) {
            try (PreparedStatement p = c.prepareStatement("""
                    SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ANY (?)
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                      WHERE k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
                    ORDER BY i.indexname""")) {
                p.setArray(1, c.createArrayOf("text", TABLES.stream().map(Table::name).toArray()));
                try (var rs = p.executeQuery()) {
                    while (rs.next()) {
                        create.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        } else {
            var index = java.util.regex.Pattern.compile("^CREATE (UNIQUE (NULLS [A-Z ]+ )?)?INDEX (\\S+) ON ");
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS TABLE "
                    + String.join(", ", TABLES.stream().map(Table::name).toList()))) {
                while (rs.next()) {
                    String ddl = rs.getString(1).trim().replaceAll(";$", "");
                    var m = index.matcher(ddl);
                    if (m.find()) {
                        create.put(m.group(3), ddl);
                    }
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : create.keySet()) {
                st.execute("DROP INDEX " + name);
            }
        }
        c.commit();
        return List.copyOf(create.values());
    }

    /** @return the table a {@code CREATE INDEX} statement is on */
    static String table(String createIndex) {
        var m = java.util.regex.Pattern.compile(" ON ([^\\s(]+)").matcher(createIndex);
        if (!m.find()) {
            return "?";
        }
        String qualified = m.group(1).replace("\"", "");
        return qualified.substring(qualified.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** UTC, as the engine stores instants. */
    private static LocalDateTime ts(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }

    private static LocalDate week(Instant i) {
        return day(i).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
