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
 * priority rank): PostgreSQL through {@code COPY ... FROM STDIN} (pgjdbc's {@link CopyManager}), H2 through JDBC
 * batches of one prepared INSERT per table, each commit a chunk of {@link #CHUNK} tickets. On PostgreSQL the secondary
 * indexes of the loaded tables are dropped for the load and made again after it with their very statements (the schema's
 * indexes, each sorted once instead of a million keys inserted at random places); on H2 they stay in place (H2 builds
 * them slower than it keeps them up). {@code -Dbench.loadIndexes=keep} or {@code =rebuild} chooses for both. A ticket is created at a random moment of the last 365 days (today included); of those
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
            return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
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
     * @param value {@code -Dbench.loadIndexes}: {@code keep} or {@code rebuild}, or null for the database's default
     *     (rebuild on PostgreSQL, keep elsewhere)
     * @return whether the secondary indexes are dropped for the load and made again after it
     * @throws IllegalArgumentException for any other value, naming the property and its values
     */
    static boolean rebuildIndexes(String value, boolean postgresql) {
        if (value == null) {
            return postgresql;
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
        boolean rebuildIndexes = rebuildIndexes(System.getProperty("bench.loadIndexes"), db.isPostgresql());
        long firstId;
        try (Connection c = db.rawDataSource().getConnection()) {
            firstId = 1 + one(c, "SELECT COALESCE(MAX(id), 0) FROM oa_tk_ticket");
        }
        int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
        try (Connection c = db.rawDataSource().getConnection()) {
            c.setAutoCommit(false);
            // PostgreSQL keeps secondary indexes up row by row, in random key order (most of the load time once they
            // outgrow the cache); built on a full table each is sorted once. So there they are dropped for the load and
            // made again with their very statements: the same indexes as the schema has. H2 builds an index of a table in
            // files slower than it keeps it up (300,000 tickets: 532 s for the 28 indexes after 315 s of rows), so there
            // they stay. -Dbench.loadIndexes=keep or =rebuild chooses for both.
            List<String> indexes = rebuildIndexes ? dropIndexes(c, db.isPostgresql()) : List.of();
            try (Sink sink = db.isPostgresql() ? new CopySink(c) : new BatchSink(c)) {
                write(sink, firstId, n, year, out, label);
            }
            if (!indexes.isEmpty()) {
                long t0 = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    if (db.isPostgresql()) {
                        st.execute("SET LOCAL maintenance_work_mem = '256MB'");
                    }
                    for (String ddl : indexes) {
                        st.execute(ddl);
                    }
                }
                c.commit();
                out.printf(Locale.ROOT, "%s: %d indexes made again in %.1f s%n", label, indexes.size(), (System.nanoTime() - t0) / 1e9);
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

    /** H2: one prepared INSERT per table, its rows in a JDBC batch, executed and committed per chunk. */
    static final class BatchSink implements Sink {
        private final Connection c;
        private final Map<Table, PreparedStatement> inserts = new LinkedHashMap<>();

        BatchSink(Connection c) throws SQLException {
            this.c = c;
            for (Table t : TABLES) {
                inserts.put(t, c.prepareStatement(t.insert()));
            }
        }

        @Override
        public void row(Table t, Object... values) throws SQLException {
            PreparedStatement p = inserts.get(t);
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.addBatch();
        }

        @Override
        public void commit() throws SQLException {
            for (PreparedStatement p : inserts.values()) {
                p.executeBatch();
            }
            c.commit();
        }

        @Override
        public void close() throws SQLException {
            List<SQLException> failed = new ArrayList<>();
            for (PreparedStatement p : inserts.values()) {
                try {
                    p.close();
                } catch (SQLException e) {
                    failed.add(e);
                }
            }
            if (!failed.isEmpty()) {
                throw failed.get(0);
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
