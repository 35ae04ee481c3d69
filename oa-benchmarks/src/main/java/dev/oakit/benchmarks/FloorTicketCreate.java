package dev.oakit.benchmarks;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The floor of a routed create: the very statements of one OAKit create with automatic dispatch (least loaded) and an
 * SLA policy of four firings ({@link TicketBenchmark}'s desk), in OAKit's order and in one transaction, issued by
 * hand-written plain JDBC with prepared statements held open on one connection per worker thread. What is left of a
 * create's time here is the database's and the driver's; OAKit's time over it is its own (rules, deciders, JSON,
 * Jdbi, the command chain). The floor reads what OAKit reads but decides the obvious way: the requested queue, the
 * least loaded member, due times on a round-the-clock calendar. {@code FloorTicketStatementsTest} holds the statements
 * to OAKit's, so a change to either shows. With a category, as every benchmark ticket has, OAKit's routed create is
 * the 15 statements of {@code RoutingBudgetTest}: counter, row, earlier agents, queue lock, candidates, the agent's
 * dispatch time, history, two report rows (the assignment's with its prev_day; both "not rolled up", the figures per
 * day are the rollup job's), the row's update, notifications, the preferences of recipients not cached
 * yet, the jobs (timers, SLA firings and deliveries in one batch, no look-up of the new ticket's keys), deliveries,
 * audit. OAKit keeps the type, category, rules, queue and SLA policy in its configuration cache and the recipients'
 * notification preferences in its preference cache (30 s, the directory cache's lifetime); so does the floor. The
 * schema, the desk and the rules come from an OAKit boot on the same database.
 */
final class FloorTicketCreate implements AutoCloseable {
    static final String COUNTER_UPDATE = "UPDATE oa_tk_counter SET last_value = last_value + 1 WHERE tenant_id = ? AND yr = ?";
    static final String INSERT_TICKET = """
            INSERT INTO oa_tk_ticket (tenant_id, number, type_key, title, description, category_key, priority, channel, requester_id,
                contact_name, contact_email, customer_ref, queue_key, state, state_kind, overdue, parent_id, sla_policy, fields, tags,
                attachments, resolutions, row_version, created_by, created_at, updated_at, done_flag, work_due, prio_rank)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, 0, 0, ?, ?, ?, ?, ?, ?)""";
    static final String DISPATCHERS = "SELECT user_id FROM oa_tk_queue_member WHERE tenant_id = ? AND queue_key = ? AND dispatcher = ? ORDER BY user_id";
    static final String EARLIER = "SELECT assignee_id FROM oa_tk_ticket WHERE tenant_id = ? AND requester_id = ? AND assignee_id IS NOT NULL "
            + "AND id <> ? ORDER BY tenant_id, requester_id, id DESC LIMIT 20";
    static final String LOCK_QUEUE = "SELECT queue_key FROM oa_tk_queue WHERE tenant_id = ? AND queue_key = ? FOR UPDATE";
    static final String CANDIDATES = """
            SELECT m.user_id, m.dispatcher, a.skills, a.capacity, a.on_duty, a.calendar, d.last_assigned_at, l.priority, l.n
            FROM oa_tk_queue_member m
            LEFT JOIN oa_tk_agent a ON a.tenant_id = m.tenant_id AND a.user_id = m.user_id
            LEFT JOIN oa_tk_agent_dispatch d ON d.tenant_id = m.tenant_id AND d.user_id = m.user_id
            LEFT JOIN (SELECT q.user_id AS assignee_id, t.priority, COUNT(*) AS n FROM oa_tk_queue_member q
                JOIN oa_tk_ticket t ON t.tenant_id = ? AND t.assignee_id = q.user_id AND t.done_flag = 0
                    AND t.state_kind IN ('ASSIGNED', 'IN_PROGRESS', 'WAITING')
                WHERE q.tenant_id = ? AND q.queue_key = ?
                GROUP BY q.user_id, t.priority) l ON l.assignee_id = m.user_id
            WHERE m.tenant_id = ? AND m.queue_key = ? ORDER BY m.user_id""";
    static final String DISPATCH_UPDATE = "UPDATE oa_tk_agent_dispatch SET last_assigned_at = ? WHERE tenant_id = ? AND user_id = ?";
    static final String DISPATCH_INSERT = "INSERT INTO oa_tk_agent_dispatch (tenant_id, user_id, last_assigned_at) VALUES (?, ?, ?)";
    static final String INSERT_JOB = """
            INSERT INTO oa_core_job (tenant_id, type, status, payload, due_at, attempts, max_attempts, fence,
                dedupe_key, event_id, created_at, updated_at)
            VALUES (?, ?, 'READY', ?, ?, 0, ?, 0, ?, NULL, ?, ?)""";
    static final String UPDATE_TICKET = """
            UPDATE oa_tk_ticket SET title = ?, description = ?, category_key = ?, priority = ?, queue_key = ?,
                assignee_id = ?, state = ?, state_kind = ?, overdue = ?, parent_id = ?, merged_into = ?, sla_policy = ?,
                due_at = ?, fields = ?, tags = ?, resolutions = ?, row_version = row_version + 1, updated_at = ?,
                resolved_at = ?, closed_at = ?, done_flag = ?, sla_first_response_due = ?, sla_resolution_due = ?, sla_breached = ?,
                sla_timers = ?, work_due = ?,
                prio_rank = ?
            WHERE id = ? AND tenant_id = ? AND row_version = ?""";
    static final String INSERT_EVENT = """
            INSERT INTO oa_tk_event (tenant_id, ticket_id, kind, actor_id, action, from_state, to_state, body, internal, detail, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String INSERT_METRIC = """
            INSERT INTO oa_tk_metric (ticket_id, tenant_id, queue_key, type_key, category_key, created_at, created_day, created_week, reopened, rolled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)""";
    static final String INSERT_ASSIGN = """
            INSERT INTO oa_tk_metric_assign (tenant_id, ticket_id, agent_id, assigned_at, assigned_day, prev_day, rolled)
            SELECT ?, ?, ?, ?, ?, MAX(p.assigned_day), 0 FROM oa_tk_metric_assign p WHERE p.ticket_id = ? AND p.agent_id = ?""";

    static final String INSERT_NOTIFICATION = """
            INSERT INTO oa_core_notification (id, tenant_id, template_key, locale, subject, body, html, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** The preferences (every template's) of {@code users} recipients. */
    static String preferences(int users) {
        return "SELECT user_id, template_key, channels, enabled FROM oa_core_notify_pref WHERE tenant_id = ? AND user_id IN ("
                + marks(users) + ")";
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
    static final String INSERT_DELIVERY = """
            INSERT INTO oa_core_notify_delivery (tenant_id, notification_id, recipient_id, channel, status, job_id, created_at)
            VALUES (?, ?, ?, ?, 'PENDING', ?, ?)""";
    static final String AUDIT = """
            INSERT INTO oa_core_audit (tenant_id, actor_id, on_behalf_of, action, target_type, target_id,
                occurred_at, request_id, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String T = TicketBenchmark.T;
    private static final LocalDateTime NO_DUE = LocalDateTime.of(9999, 12, 31, 0, 0);
    private static final List<String> FIRINGS = List.of("FIRST_RESPONSE:breach", "FIRST_RESPONSE:warning", "RESOLUTION:breach", "RESOLUTION:warning");
    private static final List<String> TEMPLATES = List.of("tk.ticket.created", "tk.ticket.assigned", "tk.ticket.status");

    /** One worker's connection and its prepared statements, prepared once. */
    private static final class Session implements AutoCloseable {
        final Connection c;
        final Map<String, PreparedStatement> prepared = new HashMap<>();

        Session(DataSource ds) throws SQLException {
            c = ds.getConnection();
            c.setAutoCommit(false);
        }

        PreparedStatement get(String sql) throws SQLException {
            PreparedStatement p = prepared.get(sql);
            if (p == null) {
                p = sql.startsWith("INSERT INTO oa_tk_ticket") || sql.startsWith("INSERT INTO oa_tk_event")
                        || sql.startsWith("INSERT INTO oa_core_notify_delivery") || sql.startsWith("INSERT INTO oa_core_job")
                        ? c.prepareStatement(sql, new String[]{"id"}) : c.prepareStatement(sql);
                prepared.put(sql, p);
            }
            return p;
        }

        @Override
        public void close() throws SQLException {
            c.close(); // closes its statements
        }
    }

    private final DataSource dataSource;
    private final boolean postgres;
    private final Duration startWithin = Duration.ofHours(1);
    private final WorkerSessions<Session> sessions;
    /** Users whose notification preferences were read, and until when OAKit's preference cache keeps them. */
    private final Map<String, Instant> preferencesUntil = new java.util.concurrent.ConcurrentHashMap<>();
    /** A queue's dispatchers, read once: OAKit keeps them in its configuration cache. */
    private final Map<String, List<String>> dispatchersOf = new java.util.concurrent.ConcurrentHashMap<>();

    FloorTicketCreate(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.sessions = new WorkerSessions<>(() -> new Session(dataSource));
    }

    private Session session(int w) {
        return sessions.get(w);
    }

    /** Closes the workers' connections (the statement test swaps the data source underneath). */
    void releaseConnections() throws Exception {
        sessions.releaseAll();
    }

    @Override
    public void close() throws Exception {
        releaseConnections();
    }

    /**
     * Creates a ticket of type {@code it} in {@code queue}, assigned to its least loaded member, with SLA policy
     * {@code bench}; one transaction.
     *
     * @return the ticket's id and its assignee
     */
    Map.Entry<Long, String> create(int worker, String requester, String queue, String category, String title) {
        Session s = session(worker);
        try {
            try {
                Map.Entry<Long, String> done = create(s, requester, queue, category, title);
                s.c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                s.c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map.Entry<Long, String> create(Session s, String requester, String queue, String category, String title) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Timestamp at = ts(now);
        int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
        // the type, category, rules, queue and SLA policy come from OAKit's configuration cache; the floor knows them
        long n;
        if (postgres) {
            n = one(s.get(COUNTER_UPDATE + " RETURNING last_value"), T, year);
        } else {
            n = one(s.get("SELECT last_value FROM FINAL TABLE (" + COUNTER_UPDATE + ")"), T, year);
        }
        String number = String.format(Locale.ROOT, "TK-%d-%06d", year, n);
        PreparedStatement insert = s.get(INSERT_TICKET);
        set(insert, T, number, "it", title, null, category, "NORMAL", "api", requester, null, null, null, queue, "new", "NEW", false,
                null, "bench", "{}", "[]", "[]", requester, at, at, 0, Timestamp.valueOf(NO_DUE), 2);
        insert.executeUpdate();
        long id;
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
        }
        List<String> dispatchers = dispatchers(s, queue);
        strings(s.get(EARLIER), T, requester, id);
        read(s.get(LOCK_QUEUE), T, queue);
        // least loaded (open tickets weighted by priority), then the longest without work
        PreparedStatement candidates = s.get(CANDIDATES);
        set(candidates, T, T, queue, T, queue);
        Map<String, double[]> load = new LinkedHashMap<>();
        Map<String, Timestamp> last = new HashMap<>();
        try (ResultSet rs = candidates.executeQuery()) {
            while (rs.next()) {
                String u = rs.getString(1);
                double[] l = load.computeIfAbsent(u, k -> new double[1]);
                String p = rs.getString(8);
                if (p != null) {
                    l[0] += rs.getInt(9) * switch (p) {
                        case "LOW" -> 0.5;
                        case "HIGH" -> 2.0;
                        case "URGENT" -> 4.0;
                        default -> 1.0;
                    };
                }
                last.put(u, rs.getTimestamp(7));
            }
        }
        String agent = null;
        for (Map.Entry<String, double[]> e : load.entrySet()) {
            if (agent == null || e.getValue()[0] < load.get(agent)[0] || e.getValue()[0] == load.get(agent)[0] && older(last.get(e.getKey()), last.get(agent))) {
                agent = e.getKey();
            }
        }
        if (agent == null) {
            throw new IllegalStateException("queue " + queue + " has no agent");
        }
        if (last.get(agent) != null) {
            set(s.get(DISPATCH_UPDATE), at, T, agent);
            s.get(DISPATCH_UPDATE).executeUpdate();
        } else {
            set(s.get(DISPATCH_INSERT), T, agent, at);
            s.get(DISPATCH_INSERT).executeUpdate();
        }
        PreparedStatement events = s.get(INSERT_EVENT);
        event(events, id, "CREATED", requester, "create", null, "new", null, false, "{\"priority\":\"NORMAL\",\"slaPolicy\":\"bench\"}", at);
        event(events, id, "DISPATCHED", "system", "dispatch", null, null, "least-loaded: " + agent, true,
                "{\"strategy\":\"least-loaded\",\"queue\":\"" + queue + "\",\"agent\":\"" + agent + "\"}", at);
        event(events, id, "ASSIGNED", "system", "assign", null, null, null, false,
                "{\"from\":null,\"to\":\"" + agent + "\",\"queue\":\"" + queue + "\"}", at);
        event(events, id, "STATE_CHANGED", "system", "assign", "new", "assigned", null, false,
                "{\"fromKind\":\"NEW\",\"toKind\":\"ASSIGNED\"}", at);
        events.executeBatch();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        set(s.get(INSERT_METRIC), id, T, queue, "it", category, at, day, day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)));
        s.get(INSERT_METRIC).executeUpdate();
        set(s.get(INSERT_ASSIGN), T, id, agent, at, day, id, agent);
        s.get(INSERT_ASSIGN).executeUpdate();
        // the SLA's due times and firings, written with the row in one update
        Instant firstResponse = now.plus(Duration.ofHours(1));
        Instant resolution = now.plus(Duration.ofHours(8));
        Map<String, Instant> scheduled = new LinkedHashMap<>();
        for (String f : FIRINGS) {
            scheduled.put(f, f.startsWith("FIRST") ? f.endsWith("warning") ? now.plus(Duration.ofMinutes(48)) : firstResponse
                    : f.endsWith("warning") ? now.plus(Duration.ofMinutes(384)) : resolution);
        }
        StringBuilder timers = new StringBuilder("{\"scheduled\":{");
        scheduled.forEach((k, v) -> timers.append(timers.charAt(timers.length() - 1) == '{' ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        timers.append("},\"fired\":[]}");
        PreparedStatement update = s.get(UPDATE_TICKET);
        set(update, title, null, category, "NORMAL", queue, agent, "assigned", "ASSIGNED", false, null, null, "bench", null, "{}", "[]", 0,
                at, null, null, 0, ts(firstResponse), ts(resolution), false, timers.toString(), ts(resolution), 2, id, T, 0);
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("ticket " + id + " changed");
        }
        // the notifications: the dispatchers hear of the new ticket, the agent of the assignment and of the state
        List<String[]> notes = new ArrayList<>(); // id, template, recipient
        for (String d : dispatchers) {
            if (d.equals(requester)) {
                continue; // nobody hears of their own command
            }
            notes.add(new String[]{UUID.randomUUID().toString(), TEMPLATES.get(0), d});
        }
        notes.add(new String[]{UUID.randomUUID().toString(), TEMPLATES.get(1), agent});
        notes.add(new String[]{UUID.randomUUID().toString(), TEMPLATES.get(2), agent});
        PreparedStatement notification = s.get(INSERT_NOTIFICATION);
        for (String[] note : notes) {
            set(notification, note[0], T, note[1], "zh-CN", "工单 " + number + " " + title, "工单 " + number + "：" + title + "（" + queue + "）",
                    null, "system", at);
            notification.addBatch();
        }
        notification.executeBatch();
        // the preferences of recipients the cache does not hold (OAKit's: per node, for the directory cache's 30 s)
        List<String> cold = new ArrayList<>();
        for (String[] note : notes) {
            Instant until = preferencesUntil.get(note[2]);
            if ((until == null || !until.isAfter(now)) && !cold.contains(note[2])) {
                cold.add(note[2]);
            }
        }
        if (!cold.isEmpty()) {
            List<Object> binds = new ArrayList<>(List.of(T));
            binds.addAll(cold);
            read(s.get(preferences(cold.size())), binds.toArray());
            cold.forEach(u -> preferencesUntil.put(u, now.plus(Duration.ofSeconds(30))));
        }
        // the "not started" timer and the four SLA firings (keyed by the new ticket: no look-up), then the deliveries'
        // jobs, in one batched insert; then the deliveries, each naming its job
        String overdueKey = "tk.overdue:" + id;
        PreparedStatement jobs = s.get(INSERT_JOB);
        set(jobs, T, "tk.overdue", "{\"ticketId\":" + id + "}", ts(now.plus(startWithin)), 5, overdueKey, at, at);
        jobs.addBatch();
        for (String f : FIRINGS) {
            set(jobs, T, "tk.sla", "{\"ticketId\":" + id + ",\"key\":\"" + f + "\"}", ts(scheduled.get(f)), 5, "tk.sla:" + id + ":" + f, at, at);
            jobs.addBatch();
        }
        for (String[] note : notes) {
            set(jobs, T, "core.notification.deliver", "{\"notificationId\":\"" + note[0] + "\"}", at, 10, null, at, at);
            jobs.addBatch();
        }
        jobs.executeBatch();
        List<Long> jobIds = keys(jobs);
        PreparedStatement delivery = s.get(INSERT_DELIVERY);
        for (int i = 0; i < notes.size(); i++) {
            String[] note = notes.get(i);
            set(delivery, T, note[0], note[2], "log", jobIds.get(1 + FIRINGS.size() + i), at);
            delivery.addBatch();
        }
        delivery.executeBatch();
        PreparedStatement audit = s.get(AUDIT);
        set(audit, T, requester, null, "tk.ticket.create", "ticket", Long.toString(id), at, null,
                "created ticket " + number + " in queue " + queue);
        audit.executeUpdate();
        return Map.entry(id, agent);
    }

    private List<String> dispatchers(Session s, String queue) throws SQLException {
        List<String> known = dispatchersOf.get(queue);
        if (known == null) {
            known = strings(s.get(DISPATCHERS), T, queue, true);
            dispatchersOf.put(queue, known);
        }
        return known;
    }

    private static boolean older(Timestamp a, Timestamp b) {
        return a == null ? b != null : b != null && a.before(b);
    }

    private static void event(PreparedStatement p, long id, String kind, String actor, String action, String from, String to, String body,
                              boolean internal, String detail, Timestamp at) throws SQLException {
        set(p, T, id, kind, actor, action, from, to, body, internal, detail, at);
        p.addBatch();
    }

    private static List<Long> keys(Statement st) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = st.getGeneratedKeys()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }

    private static void set(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                p.setNull(i + 1, Types.NULL); // PostgreSQL infers the column's type
            } else if (v instanceof LocalDate d) {
                p.setObject(i + 1, d);
            } else {
                p.setObject(i + 1, v);
            }
        }
    }

    private static void read(PreparedStatement p, Object... values) throws SQLException {
        set(p, values);
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private static long one(PreparedStatement p, Object... values) throws SQLException {
        set(p, values);
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the ticket counter of the year is not open; OAKit's first create opens it");
            }
            return rs.getLong(1);
        }
    }

    private static List<String> strings(PreparedStatement p, Object... values) throws SQLException {
        set(p, values);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
