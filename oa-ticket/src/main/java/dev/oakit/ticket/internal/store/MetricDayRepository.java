package dev.oakit.ticket.internal.store;

import dev.oakit.core.spi.DatabaseProduct;
import dev.oakit.core.spi.OaDatabase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every write on {@code oa_tk_metric_day} (V66__ticket_metric_day.sql): the report figures per day, moved by
 * {@code TicketMetrics} in the same transaction as the metric rows they count, except creations and assignments,
 * which {@link #rollUp} counts in batches (V71__ticket_metric_rollup.sql: their rows carry "rolled"), and rebuilt
 * from those rows by {@link #rebuild}; {@link #tail} is the rows not rolled up yet, which the reports add. A change
 * is one statement that adds to the counters, safe against concurrent writers of the same counter: PostgreSQL
 * {@code ON CONFLICT DO UPDATE}, MariaDB {@code ON DUPLICATE KEY UPDATE}, H2 {@code MERGE} (repeated when a
 * concurrent insert of the same new key made it fail), the database as core detected it ({@link OaDatabase}).
 */
@Singleton
public final class MetricDayRepository {
    public static final String CREATED = "created";
    public static final String CREATED_BY_CATEGORY = "created_c";
    public static final String RESOLVED = "resolved";
    public static final String RESOLVED_BY_CATEGORY = "resolved_c";
    public static final String FIRST_RESPONSE_HISTOGRAM = "first_h";
    public static final String RESOLUTION_HISTOGRAM = "resol_h";
    public static final String SLA = "sla";
    public static final String ASSIGNED = "assigned";
    /* the same counts per category, for the reports with a category filter (V72__ticket_metric_category.sql) */
    public static final String RESOLVED_BY_AGENT_CATEGORY = "resolved_ac";
    public static final String FIRST_RESPONSE_BY_CATEGORY = "first_hc";
    public static final String RESOLUTION_BY_CATEGORY = "resol_hc";
    public static final String SLA_BY_CATEGORY = "sla_c";
    public static final String ASSIGNED_BY_CATEGORY = "assigned_c";
    /** Ratings: bucket the score, on_day the day rated, queue and type the ticket's current ones. */
    public static final String RATED = "rated";
    public static final String RATED_BY_CATEGORY = "rated_c";

    /** Each measure that a report reads by agent, bucket or queue and its twin per category (category_key filled). */
    private static final Map<String, String> BY_CATEGORY = Map.of(CREATED, CREATED_BY_CATEGORY, RESOLVED, RESOLVED_BY_AGENT_CATEGORY,
            FIRST_RESPONSE_HISTOGRAM, FIRST_RESPONSE_BY_CATEGORY, RESOLUTION_HISTOGRAM, RESOLUTION_BY_CATEGORY, SLA, SLA_BY_CATEGORY,
            ASSIGNED, ASSIGNED_BY_CATEGORY, RATED, RATED_BY_CATEGORY);

    /** @return the measure's twin counted per category (what a report with a category filter reads) */
    public static String byCategory(String measure) {
        String c = BY_CATEGORY.get(measure);
        if (c == null) {
            throw new IllegalArgumentException("measure '" + measure + "' has no twin per category");
        }
        return c;
    }

    /** The suffix of a measure's month rows (on_day the first day of the month). */
    public static final String MONTH = "_m";

    /** One change of one counter; unused key parts are "" (category_key "" is also "no category"). */
    public record Delta(String measure, LocalDate day, String queue, String type, String category, String agent, long bucket, long n) {
        String key() {
            return measure + '\u0000' + day + '\u0000' + queue + '\u0000' + type + '\u0000' + category + '\u0000' + agent + '\u0000' + bucket;
        }

        Delta plus(long more) {
            return new Delta(measure, day, queue, type, category, agent, bucket, n + more);
        }
    }

    /** @return a delta with nulls as "" */
    public static Delta delta(String measure, LocalDate day, String queue, String type, String category, String agent, long bucket, long n) {
        return new Delta(measure, day, queue, type, category == null ? "" : category, agent == null ? "" : agent, bucket, n);
    }

    /**
     * The histogram bucket of a duration: 5 minutes below an hour, hours below 30 days, then days; {@link #bucketSql}
     * is the same in SQL. Buckets only locate a rank: the value is then read exactly inside its bucket, so a bucket
     * should hold few values of the range.
     */
    public static long bucket(long seconds) {
        if (seconds < 3600) {
            return Math.floorDiv(seconds, 300);
        }
        if (seconds < 2_592_000) {
            return 11 + seconds / 3600;
        }
        return 701 + seconds / 86_400;
    }

    /** @return [first second, first second after] of a bucket */
    public static long[] bounds(long bucket) {
        if (bucket < 12) {
            return new long[]{bucket * 300, (bucket + 1) * 300};
        }
        if (bucket < 731) {
            return new long[]{(bucket - 11) * 3600, (bucket - 10) * 3600};
        }
        return new long[]{(bucket - 701) * 86_400, (bucket - 700) * 86_400};
    }

    /** {@link #bucket} of column {@code c} in SQL. */
    public static String bucketSql(String c) {
        return "CASE WHEN " + c + " < 3600 THEN FLOOR(" + c + " / 300) WHEN " + c + " < 2592000 THEN 11 + FLOOR(" + c + " / 3600)"
                + " ELSE 701 + FLOOR(" + c + " / 86400) END";
    }

    private final OaDatabase database;

    @Inject
    public MetricDayRepository(OaDatabase database) {
        this.database = database;
    }

    /** Adds the deltas (merged by key, in key order so that two writers lock shared counters in the same order). */
    public void add(Handle h, String tenant, List<Delta> deltas) {
        Map<String, Delta> merged = new TreeMap<>();
        for (Delta d : deltas) {
            merged.merge(d.key(), d, (a, b) -> a.plus(b.n()));
            Delta month = new Delta(d.measure() + MONTH, d.day().withDayOfMonth(1), d.queue(), d.type(), d.category(), d.agent(), d.bucket(), d.n());
            merged.merge(month.key(), month, (a, b) -> a.plus(b.n()));
        }
        List<Delta> rows = new ArrayList<>();
        merged.values().stream().filter(d -> d.n() != 0).forEach(rows::add);
        if (rows.isEmpty()) {
            return;
        }
        DatabaseProduct p = database.product();
        String cols = "tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n";
        String sql = switch (p) {
            case POSTGRESQL -> "INSERT INTO oa_tk_metric_day (" + cols + ") VALUES " + values(rows.size(), true)
                    + " ON CONFLICT (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket) DO UPDATE SET n = oa_tk_metric_day.n + EXCLUDED.n";
            case H2 -> "MERGE INTO oa_tk_metric_day d USING (VALUES " + values(rows.size(), true) + ") s (" + cols + ") ON d.tenant_id = s.tenant_id"
                    + " AND d.measure = s.measure AND d.on_day = s.on_day AND d.queue_key = s.queue_key AND d.type_key = s.type_key"
                    + " AND d.category_key = s.category_key AND d.agent_id = s.agent_id AND d.bucket = s.bucket WHEN MATCHED THEN UPDATE SET n = d.n + s.n"
                    + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (s.tenant_id, s.measure, s.on_day, s.queue_key, s.type_key, s.category_key,"
                    + " s.agent_id, s.bucket, s.n)";
            // the columns' types come from the table: plain parameters (MariaDB has no CAST .. AS VARCHAR)
            case MARIADB -> "INSERT INTO oa_tk_metric_day (" + cols + ") VALUES " + values(rows.size(), false) + " ON DUPLICATE KEY UPDATE n = n + VALUES(n)";
        };
        for (int attempt = 1; ; attempt++) {
            try {
                Update u = h.createUpdate(sql).bind("t", tenant);
                for (int i = 0; i < rows.size(); i++) {
                    Delta d = rows.get(i);
                    u.bind("m" + i, d.measure()).bind("d" + i, d.day()).bind("q" + i, d.queue()).bind("ty" + i, d.type())
                            .bind("c" + i, d.category()).bind("a" + i, d.agent()).bind("b" + i, d.bucket()).bind("n" + i, d.n());
                }
                u.execute();
                return;
            } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                // H2: a concurrent MERGE inserted the same new key first; only this statement was undone, so add again
                if (attempt >= 5 || p != DatabaseProduct.H2 || !duplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * @param typed whether each parameter is cast to its column's type: a VALUES list that is not an INSERT's own
     *     (H2's MERGE source) or that PostgreSQL types before the conflict check needs the types written out
     * @return the rows' VALUES list, the parameters of row i named m{i}, d{i}, q{i}, ty{i}, c{i}, a{i}, b{i}, n{i}, the tenant t
     */
    private static String values(int rows, boolean typed) {
        String[][] params = {{"t", "VARCHAR(64)"}, {"m", "VARCHAR(16)"}, {"d", "DATE"}, {"q", "VARCHAR(64)"}, {"ty", "VARCHAR(64)"},
            {"c", "VARCHAR(64)"}, {"a", "VARCHAR(64)"}, {"b", "BIGINT"}, {"n", "BIGINT"}};
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            values.append(i == 0 ? "(" : ", (");
            for (int k = 0; k < params.length; k++) {
                String name = ":" + params[k][0] + (k == 0 ? "" : Integer.toString(i));
                values.append(k == 0 ? "" : ", ").append(typed ? "CAST(" + name + " AS " + params[k][1] + ")" : name);
            }
            values.append(')');
        }
        return values.toString();
    }

    private static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The measures the rollup counts (their rows carry "rolled"), not the commands. */
    public static final java.util.Set<String> ROLLED_UP = java.util.Set.of(CREATED, CREATED_BY_CATEGORY, ASSIGNED, ASSIGNED_BY_CATEGORY);

    /**
     * The measures whose reports add a tail of rows not in the figures ({@link #tail}): the rolled-up ones, and the
     * ratings (those given before V72__ticket_metric_category.sql have no day until {@link #rebuild} counts them).
     */
    public static final java.util.Set<String> WITH_TAIL = java.util.Set.of(CREATED, CREATED_BY_CATEGORY, ASSIGNED, ASSIGNED_BY_CATEGORY,
            RATED, RATED_BY_CATEGORY);

    /**
     * A pause for tests that make a command commit while a rollup or a rebuild runs: called with "rollup:" and the
     * tenant once the rollup has locked and read its batch, with "rebuild:" and the tenant once the rebuild has locked
     * the metric rows, marked those it counts and deleted the figures (nothing counted yet), and with "pair:" and the
     * tenant between the two writes of a command on two tickets ({@code CommandRunner.onPair}). Null (nothing) outside
     * tests; set through the test sources' {@code MetricDayPauses}.
     */
    static volatile java.util.function.Consumer<String> pauseForTests;

    /** Calls the pause for tests, if one is set (see {@link #pauseForTests}). */
    public static void pause(String where, String tenant) {
        java.util.function.Consumer<String> p = pauseForTests;
        if (p != null) {
            p.accept(where + ":" + tenant);
        }
    }

    /**
     * The rows of a measure that are not in the figures yet, as rows of {@code oa_tk_metric_day} (columns on_day,
     * queue_key, type_key, category_key, agent_id, bucket, n; day rows only): for a rolled-up measure the creations or
     * assignments not rolled up yet with the day in [:from, :to]; for the ratings those given before V72 (no day; the
     * rating instant in [:fromAt, :beforeAt), on_day then any day: the rating reports do not group by day). What the
     * reports add to the figures; few rows: the rollup job keeps up, a rebuild counts the old ratings.
     *
     * @param where the filter's condition on alias {@code m} (the ticket's oa_tk_metric row), "" or " AND ..."
     */
    public static String tail(String measure, String where) {
        boolean perCategory = BY_CATEGORY.containsValue(measure);
        String cat = perCategory ? "COALESCE(m.category_key, '')" : "''";
        if (CREATED.equals(measure) || CREATED_BY_CATEGORY.equals(measure)) {
            return "SELECT m.created_day AS on_day, m.queue_key, m.type_key, " + cat + " AS category_key, '' AS agent_id, 0 AS bucket, 1 AS n"
                    + " FROM oa_tk_metric m WHERE m.tenant_id = :t AND m.rolled = 0 AND m.created_day >= :from AND m.created_day <= :to" + where;
        }
        if (ASSIGNED.equals(measure) || ASSIGNED_BY_CATEGORY.equals(measure)) {
            return "SELECT x.assigned_day AS on_day, m.queue_key, m.type_key, " + cat + " AS category_key, x.agent_id, 0 AS bucket, 1 AS n"
                    + " FROM oa_tk_metric_assign x JOIN oa_tk_metric m ON m.ticket_id = x.ticket_id"
                    + " WHERE x.tenant_id = :t AND x.rolled = 0 AND x.assigned_day >= :from AND x.assigned_day <= :to" + where;
        }
        if (RATED.equals(measure) || RATED_BY_CATEGORY.equals(measure)) {
            return "SELECT m.created_day AS on_day, m.queue_key, m.type_key, " + cat + " AS category_key, '' AS agent_id,"
                    + " x.score AS bucket, 1 AS n FROM oa_tk_rating x JOIN oa_tk_metric m ON m.ticket_id = x.ticket_id"
                    + " WHERE x.tenant_id = :t AND x.rated_day IS NULL AND x.rated_at >= :fromAt AND x.rated_at < :beforeAt" + where;
        }
        throw new IllegalArgumentException("measure '" + measure + "' is kept by the commands, it has no tail");
    }

    /**
     * @return whether the tenant has a creation or an assignment not rolled up yet: the rollup job's check before it
     *     runs a command, so that an idle run writes nothing (two index reads: V71's "unrolled" indexes)
     */
    public boolean hasUnrolled(Handle h, String tenant) {
        return !h.createQuery("""
                SELECT 1 FROM oa_tk_metric WHERE tenant_id = :t AND rolled = 0
                UNION ALL SELECT 1 FROM oa_tk_metric_assign WHERE tenant_id = :t AND rolled = 0""")
                .bind("t", tenant).setMaxRows(1).mapTo(Integer.class).list().isEmpty();
    }

    /**
     * Counts up to {@code limit} creations and assignments not rolled up yet into the figures per day, in the caller's
     * transaction, and marks them rolled up. The batch is the lowest ticket ids among the tickets not rolled up and the
     * tickets with an assignment not rolled up ({@link #batch}: two reads of V71's "unrolled" indexes, no lock). The
     * tickets' rows are then locked, in id order (a command moving one of them waits, or this waits for it and counts
     * it where it moved it), then their assignments not rolled up; a creation or assignment committed after that read
     * is left for the next run. Nothing is counted twice or lost: what is marked is exactly what was added, under the
     * queue and type locked, as read under the lock (a rebuild that marked them meanwhile leaves nothing to count).
     * Seven statements whatever the size of the tables (two when there is nothing to roll up).
     *
     * @return the rows rolled up (tickets and assignments)
     */
    public int rollUp(Handle h, String tenant, int limit) {
        List<Long> ids = batch(h, tenant, limit);
        if (ids.isEmpty()) {
            return 0;
        }
        record Ticket(long id, LocalDate day, String queue, String type, String category, boolean rolled) {
        }
        List<Ticket> tickets = h.createQuery("""
                SELECT ticket_id, created_day, queue_key, type_key, category_key, rolled FROM oa_tk_metric
                WHERE tenant_id = :t AND ticket_id IN (<ids>) ORDER BY ticket_id FOR UPDATE""")
                .bind("t", tenant).bindList("ids", ids)
                .map((rs, c) -> new Ticket(rs.getLong(1), rs.getObject(2, java.sql.Date.class).toLocalDate(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6) == 1)).list();
        if (tickets.isEmpty()) {
            return 0;
        }
        Map<Long, Ticket> byId = new java.util.HashMap<>();
        tickets.forEach(t -> byId.put(t.id(), t));
        record Assigned(long id, long ticket, LocalDate day, String agent) {
        }
        List<Assigned> assigned = h.createQuery("""
                SELECT id, ticket_id, assigned_day, agent_id FROM oa_tk_metric_assign
                WHERE tenant_id = :t AND rolled = 0 AND ticket_id IN (<ids>) ORDER BY id FOR UPDATE""")
                .bind("t", tenant).bindList("ids", List.copyOf(byId.keySet()))
                .map((rs, c) -> new Assigned(rs.getLong(1), rs.getLong(2), rs.getObject(3, java.sql.Date.class).toLocalDate(), rs.getString(4))).list();
        pause("rollup", tenant);
        List<Delta> deltas = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        for (Ticket t : tickets) {
            if (!t.rolled()) {
                created.add(t.id());
                deltas.add(delta(CREATED, t.day(), t.queue(), t.type(), null, null, 0, 1));
                deltas.add(delta(CREATED_BY_CATEGORY, t.day(), t.queue(), t.type(), t.category(), null, 0, 1));
            }
        }
        for (Assigned a : assigned) {
            Ticket t = byId.get(a.ticket());
            deltas.add(delta(ASSIGNED, a.day(), t.queue(), t.type(), null, a.agent(), 0, 1));
            deltas.add(delta(ASSIGNED_BY_CATEGORY, a.day(), t.queue(), t.type(), t.category(), a.agent(), 0, 1));
        }
        add(h, tenant, deltas);
        if (!created.isEmpty()) {
            h.createUpdate("UPDATE oa_tk_metric SET rolled = 1 WHERE tenant_id = :t AND ticket_id IN (<ids>)").bind("t", tenant)
                    .bindList("ids", created).execute();
        }
        if (!assigned.isEmpty()) {
            h.createUpdate("UPDATE oa_tk_metric_assign SET rolled = 1 WHERE tenant_id = :t AND id IN (<ids>)").bind("t", tenant)
                    .bindList("ids", assigned.stream().map(Assigned::id).toList()).execute();
        }
        return created.size() + assigned.size();
    }

    /**
     * The tickets of the next batch: the lowest {@code limit} ids among the tenant's tickets not rolled up and those
     * with an assignment not rolled up, each read from its table's "unrolled" index (V71: only the rows not rolled up,
     * sorted by id and cut at the limit by the database), merged by {@link #firstIds}. An OR of both in one condition
     * read the whole ticket table on H2 for every batch.
     */
    private static List<Long> batch(Handle h, String tenant, int limit) {
        List<Long> created = h.createQuery("SELECT ticket_id FROM oa_tk_metric WHERE tenant_id = :t AND rolled = 0 ORDER BY ticket_id LIMIT :n")
                .bind("t", tenant).bind("n", limit).mapTo(Long.class).list();
        List<Long> assigned = h.createQuery("SELECT ticket_id FROM oa_tk_metric_assign WHERE tenant_id = :t AND rolled = 0 ORDER BY ticket_id LIMIT :n")
                .bind("t", tenant).bind("n", limit).mapTo(Long.class).list();
        return firstIds(created, assigned, limit);
    }

    /**
     * Merges the two reads of {@link #batch}. A read that returned {@code limit} rows may have been cut: beyond its last
     * id it says nothing, so the batch stops there. Below that both reads are complete, so the batch is always the
     * lowest ids of all the tickets to roll up (the old single query's batch, or a first part of it when a ticket's
     * several assignments filled the second read); its rows number at least {@code limit} whenever a read was cut, so a
     * full batch still means "run again at once".
     *
     * @param created ids ascending, without repeats, at most {@code limit}
     * @param assigned the assignments' ticket ids ascending (a ticket once per assignment), at most {@code limit}
     * @return at most {@code limit} ids, ascending
     */
    static List<Long> firstIds(List<Long> created, List<Long> assigned, int limit) {
        long upTo = Long.MAX_VALUE;
        if (created.size() >= limit) {
            upTo = created.get(created.size() - 1);
        }
        if (assigned.size() >= limit) {
            upTo = Math.min(upTo, assigned.get(assigned.size() - 1));
        }
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>(created);
        ids.addAll(assigned);
        return ids.headSet(upTo, true).stream().limit(limit).toList();
    }

    /**
     * Rebuilds the tenant's figures per day from the metric rows (and each assignment's previous day of the same
     * ticket and agent): the same result however often it runs, on every database. It first locks all the tenant's
     * metric rows, in the rollup's order: every writer of figures locks its ticket's metric row before it adds to the
     * figures (a resolution, a reopen and a first reply update it, a move and the rollup lock it, an SLA outcome comes
     * after one of those in its command), so a command that holds one commits first and is in the rows counted, and
     * one that comes later waits and adds its counts to the rebuilt figures. Then it marks the creations and
     * assignments not rolled up as rolled up and counts the rolled-up ones only: a create or an assignment committed
     * after the mark stays in the live tail, counted once. Creations and assignments lock no metric row, so they never
     * wait for a rebuild.
     * Ratings are counted by their day: the ratings without one (given before V72__ticket_metric_category.sql) get
     * theirs first ({@code RatingRepository.fillDays}), in the same transaction.
     *
     * @return the rows of figures written
     */
    public long rebuild(Handle h, String tenant) {
        h.createQuery("SELECT ticket_id FROM oa_tk_metric WHERE tenant_id = :t ORDER BY ticket_id FOR UPDATE").bind("t", tenant)
                .mapTo(Long.class).list();
        h.createUpdate("UPDATE oa_tk_metric SET rolled = 1 WHERE tenant_id = :t AND rolled = 0").bind("t", tenant).execute();
        h.createUpdate("UPDATE oa_tk_metric_assign SET rolled = 1 WHERE tenant_id = :t AND rolled = 0").bind("t", tenant).execute();
        String prev = "(SELECT MAX(b.assigned_day) FROM (SELECT id, ticket_id, agent_id, assigned_day FROM oa_tk_metric_assign WHERE tenant_id = :t) b"
                + " WHERE b.ticket_id = oa_tk_metric_assign.ticket_id AND b.agent_id = oa_tk_metric_assign.agent_id AND b.id < oa_tk_metric_assign.id)";
        h.createUpdate("UPDATE oa_tk_metric_assign SET prev_day = " + prev + " WHERE tenant_id = :t").bind("t", tenant).execute();
        h.createUpdate("DELETE FROM oa_tk_metric_day WHERE tenant_id = :t").bind("t", tenant).execute();
        pause("rebuild", tenant);
        String into = "INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n) ";
        String cat = "COALESCE(category_key, '')";
        String by = "COALESCE(resolved_by, '')";
        String mcat = "COALESCE(m.category_key, '')";
        String first = bucketSql("first_response_secs");
        String resol = bucketSql("resolution_secs");
        String breached = "CASE WHEN o.breached THEN 1 ELSE 0 END";
        List<String> sql = List.of(
                "SELECT tenant_id, '" + CREATED + "', created_day, queue_key, type_key, '', '', 0, COUNT(*) FROM oa_tk_metric WHERE tenant_id = :t"
                        + " AND rolled = 1 GROUP BY tenant_id, created_day, queue_key, type_key",
                "SELECT tenant_id, '" + CREATED_BY_CATEGORY + "', created_day, queue_key, type_key, " + cat + ", '', 0, COUNT(*) FROM oa_tk_metric"
                        + " WHERE tenant_id = :t AND rolled = 1 GROUP BY tenant_id, created_day, queue_key, type_key, " + cat,
                "SELECT tenant_id, '" + RESOLVED + "', resolved_day, queue_key, type_key, '', " + by + ", 0, COUNT(*) FROM oa_tk_metric"
                        + " WHERE tenant_id = :t AND resolved_day IS NOT NULL GROUP BY tenant_id, resolved_day, queue_key, type_key, " + by,
                "SELECT tenant_id, '" + RESOLVED_BY_CATEGORY + "', resolved_day, queue_key, type_key, " + cat + ", '', 0, COUNT(*) FROM oa_tk_metric"
                        + " WHERE tenant_id = :t AND resolved_day IS NOT NULL GROUP BY tenant_id, resolved_day, queue_key, type_key, " + cat,
                "SELECT tenant_id, '" + FIRST_RESPONSE_HISTOGRAM + "', first_response_day, queue_key, type_key, '', '', " + first + ", COUNT(*)"
                        + " FROM oa_tk_metric WHERE tenant_id = :t AND first_response_secs IS NOT NULL"
                        + " GROUP BY tenant_id, first_response_day, queue_key, type_key, " + first,
                "SELECT tenant_id, '" + RESOLUTION_HISTOGRAM + "', resolved_day, queue_key, type_key, '', '', " + resol + ", COUNT(*)"
                        + " FROM oa_tk_metric WHERE tenant_id = :t AND resolution_secs IS NOT NULL"
                        + " GROUP BY tenant_id, resolved_day, queue_key, type_key, " + resol,
                "SELECT o.tenant_id, '" + SLA + "', o.known_day, m.queue_key, m.type_key, '', o.target, " + breached + ", COUNT(*)"
                        + " FROM oa_tk_metric_sla o JOIN oa_tk_metric m ON m.ticket_id = o.ticket_id WHERE o.tenant_id = :t"
                        + " GROUP BY o.tenant_id, o.known_day, m.queue_key, m.type_key, o.target, " + breached,
                "SELECT a.tenant_id, '" + ASSIGNED + "', a.assigned_day, m.queue_key, m.type_key, '', a.agent_id, 0, COUNT(*)"
                        + " FROM oa_tk_metric_assign a JOIN oa_tk_metric m ON m.ticket_id = a.ticket_id WHERE a.tenant_id = :t AND a.rolled = 1"
                        + " GROUP BY a.tenant_id, a.assigned_day, m.queue_key, m.type_key, a.agent_id",
                // the twins per category (V72__ticket_metric_category.sql)
                "SELECT tenant_id, '" + RESOLVED_BY_AGENT_CATEGORY + "', resolved_day, queue_key, type_key, " + cat + ", " + by + ", 0, COUNT(*)"
                        + " FROM oa_tk_metric WHERE tenant_id = :t AND resolved_day IS NOT NULL GROUP BY tenant_id, resolved_day, queue_key, type_key, "
                        + cat + ", " + by,
                "SELECT tenant_id, '" + FIRST_RESPONSE_BY_CATEGORY + "', first_response_day, queue_key, type_key, " + cat + ", '', " + first + ", COUNT(*)"
                        + " FROM oa_tk_metric WHERE tenant_id = :t AND first_response_secs IS NOT NULL"
                        + " GROUP BY tenant_id, first_response_day, queue_key, type_key, " + cat + ", " + first,
                "SELECT tenant_id, '" + RESOLUTION_BY_CATEGORY + "', resolved_day, queue_key, type_key, " + cat + ", '', " + resol + ", COUNT(*)"
                        + " FROM oa_tk_metric WHERE tenant_id = :t AND resolution_secs IS NOT NULL"
                        + " GROUP BY tenant_id, resolved_day, queue_key, type_key, " + cat + ", " + resol,
                "SELECT o.tenant_id, '" + SLA_BY_CATEGORY + "', o.known_day, m.queue_key, m.type_key, " + mcat + ", o.target, " + breached + ", COUNT(*)"
                        + " FROM oa_tk_metric_sla o JOIN oa_tk_metric m ON m.ticket_id = o.ticket_id WHERE o.tenant_id = :t"
                        + " GROUP BY o.tenant_id, o.known_day, m.queue_key, m.type_key, " + mcat + ", o.target, " + breached,
                "SELECT a.tenant_id, '" + ASSIGNED_BY_CATEGORY + "', a.assigned_day, m.queue_key, m.type_key, " + mcat + ", a.agent_id, 0, COUNT(*)"
                        + " FROM oa_tk_metric_assign a JOIN oa_tk_metric m ON m.ticket_id = a.ticket_id WHERE a.tenant_id = :t AND a.rolled = 1"
                        + " GROUP BY a.tenant_id, a.assigned_day, m.queue_key, m.type_key, " + mcat + ", a.agent_id",
                // the ratings with a day (the caller gave the older ones theirs first)
                "SELECT r.tenant_id, '" + RATED + "', r.rated_day, m.queue_key, m.type_key, '', '', r.score, COUNT(*)"
                        + " FROM oa_tk_rating r JOIN oa_tk_metric m ON m.ticket_id = r.ticket_id WHERE r.tenant_id = :t AND r.rated_day IS NOT NULL"
                        + " GROUP BY r.tenant_id, r.rated_day, m.queue_key, m.type_key, r.score",
                "SELECT r.tenant_id, '" + RATED_BY_CATEGORY + "', r.rated_day, m.queue_key, m.type_key, " + mcat + ", '', r.score, COUNT(*)"
                        + " FROM oa_tk_rating r JOIN oa_tk_metric m ON m.ticket_id = r.ticket_id WHERE r.tenant_id = :t AND r.rated_day IS NOT NULL"
                        + " GROUP BY r.tenant_id, r.rated_day, m.queue_key, m.type_key, " + mcat + ", r.score");
        long rows = 0;
        for (String s : sql) {
            rows += h.createUpdate(into + s).bind("t", tenant).execute();
        }
        // the month rows from the day rows (date - whole days: PostgreSQL and H2 subtract days; MariaDB gets YYYYMMDD - (DD - 1))
        String month = "on_day - CAST(EXTRACT(DAY FROM on_day) - 1 AS INT)";
        rows += h.createUpdate(into + "SELECT tenant_id, CONCAT(measure, '" + MONTH + "'), " + month + ", queue_key, type_key, category_key, agent_id, bucket,"
                + " SUM(n) FROM oa_tk_metric_day WHERE tenant_id = :t GROUP BY tenant_id, measure, " + month
                + ", queue_key, type_key, category_key, agent_id, bucket").bind("t", tenant).execute();
        if (database.product() == DatabaseProduct.POSTGRESQL) {
            h.execute("ANALYZE oa_tk_metric_day");
        }
        return rows;
    }
}
