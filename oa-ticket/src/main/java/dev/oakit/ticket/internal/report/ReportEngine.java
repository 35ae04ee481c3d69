package dev.oakit.ticket.internal.report;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.report.BacklogReport;
import dev.oakit.ticket.report.CategoryReport;
import dev.oakit.ticket.report.RatingReport;
import dev.oakit.ticket.report.ReportFilter;
import dev.oakit.ticket.report.ResponseTimeReport;
import dev.oakit.ticket.report.SlaReport;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.report.TicketReports;
import dev.oakit.ticket.report.VolumeReport;
import dev.oakit.ticket.report.WorkloadReport;
import dev.oakit.ticket.internal.store.CatalogRepository;
import dev.oakit.ticket.internal.store.Columns;
import dev.oakit.ticket.internal.store.MetricDayRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.RatingRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The reports: each is a few grouped queries (docs/ticket-reports.md) over {@code oa_tk_metric*}
 * (days and working-time durations recorded by {@link TicketMetrics}), their counts per day
 * ({@code oa_tk_metric_day}: every measure also per category, so year-long reports do not grow with
 * the tickets, with a category filter too) and the ticket and time tables, with the tenant, the filter
 * and, for agents, their queues in the SQL. Only aggregates come back; rows per agent, category,
 * period or queue are assembled here. Over 500 lines: each report has its queries on both sources
 * (the figures per day, and the per-ticket rows the figures count, {@link #fromMetricRows}), kept
 * side by side so that they stay the same report ({@code ReportPathsProperties} compares them).
 */
@Singleton
public final class ReportEngine implements TicketReports {
    private static final String OPEN_KINDS = "('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING')";

    private final Commands commands;
    private final TicketMetrics metrics;
    private final Clock clock;
    private final QueueRepository queues;
    private final CatalogRepository catalog;
    private final MetricDayRepository days;
    private final TicketConfig config;
    private final RatingRepository ratings;
    private final boolean perDay;

    @Inject
    public ReportEngine(Commands commands, TicketMetrics metrics, Clock clock, QueueRepository queues, CatalogRepository catalog,
                        MetricDayRepository days, TicketConfig config, RatingRepository ratings) {
        this(commands, metrics, clock, queues, catalog, days, config, ratings, true);
    }

    private ReportEngine(Commands commands, TicketMetrics metrics, Clock clock, QueueRepository queues, CatalogRepository catalog,
                         MetricDayRepository days, TicketConfig config, RatingRepository ratings, boolean perDay) {
        this.ratings = ratings;
        this.commands = commands;
        this.metrics = metrics;
        this.clock = clock;
        this.queues = queues;
        this.catalog = catalog;
        this.days = days;
        this.config = config;
        this.perDay = perDay;
    }

    /**
     * @return the same reports computed from the metric rows only (the queries before the figures per day), for
     *     the tests that compare both
     */
    public ReportEngine fromMetricRows() {
        return new ReportEngine(commands, metrics, clock, queues, catalog, days, config, ratings, false);
    }

    /**
     * The reader, the filter and its SQL condition on one table alias; {@code perDay}: read the figures per day
     * ({@code oa_tk_metric_day}; with a category filter the twins per category), else the per-ticket rows.
     */
    private record Scope(Actor reader, ReportFilter filter, List<String> categories, boolean perDay, java.time.ZoneId zone) {
        /** @return the measure to read: with a category filter its twin per category (category_key filled) */
        String measure(String measure) {
            return categories == null ? measure : MetricDayRepository.byCategory(measure);
        }

        /**
         * @return the FROM and WHERE of a measure's figures in the range, alias {@code a}: the whole months of the range
         *     from the month rows, the days before and after them from the day rows, and for a measure the rollup counts
         *     the rows it has not counted yet ({@link MetricDayRepository#tail})
         */
        String days(String measure) {
            return figures(measure, "d.tenant_id = :t AND (d.measure = '" + measure + "' AND (d.on_day >= :from AND d.on_day < :mfrom"
                    + " OR d.on_day >= :mafter AND d.on_day <= :to) OR d.measure = '" + measure + MetricDayRepository.MONTH
                    + "' AND d.on_day >= :mfrom AND d.on_day < :mafter)");
        }

        /** @return the FROM and WHERE of a measure's day rows in the range (with its live tail), alias {@code a} */
        String eachDay(String measure) {
            return figures(measure, "d.tenant_id = :t AND d.measure = '" + measure + "' AND d.on_day >= :from AND d.on_day <= :to");
        }

        private String figures(String measure, String rows) {
            if (!MetricDayRepository.WITH_TAIL.contains(measure)) {
                return " FROM oa_tk_metric_day a WHERE " + rows.replace("d.", "a.") + where("a");
            }
            return " FROM (SELECT d.on_day, d.queue_key, d.type_key, d.category_key, d.agent_id, d.bucket, d.n FROM oa_tk_metric_day d WHERE "
                    + rows + where("d") + " UNION ALL " + MetricDayRepository.tail(measure, where("m")) + ") a";
        }

        /** @return " AND ..." limiting alias {@code a} (a table with queue_key, type_key, category_key) */
        String where(String a) {
            StringBuilder w = new StringBuilder();
            if (filter.queue() != null) {
                w.append(" AND ").append(a).append(".queue_key = :queue");
            } else if (!reader.isAdmin()) {
                w.append(" AND ").append(a).append(".queue_key IN (SELECT queue_key FROM oa_tk_queue_member WHERE tenant_id = :t AND user_id = :u)");
            }
            if (filter.type() != null) {
                w.append(" AND ").append(a).append(".type_key = :type");
            }
            if (categories != null) {
                w.append(" AND ").append(a).append(".category_key IN (<cats>)");
            }
            return w.toString();
        }

        /** @return the join to the ticket's figures (queue, type, category) for a table with ticket_id, when the filter needs them */
        String join(String a) {
            return where("m").isEmpty() ? "" : " JOIN oa_tk_metric m ON m.ticket_id = " + a + ".ticket_id";
        }

        Query bind(Query q, String sql) {
            q.bind("t", reader.tenantId());
            if (sql.contains(":u")) {
                q.bind("u", reader.userId());
            }
            if (filter.queue() != null) {
                q.bind("queue", filter.queue());
            }
            if (filter.type() != null) {
                q.bind("type", filter.type());
            }
            if (categories != null) {
                q.bindList("cats", categories);
            }
            if (sql.contains(":from")) {
                q.bind("from", filter.from());
            }
            if (sql.contains(":to")) {
                q.bind("to", filter.to());
            }
            if (sql.contains(":fromAt")) {
                // the range's instants: from the start of its first day to the start of the day after it, in the reports' zone
                q.bind("fromAt", Columns.db(filter.from().atStartOfDay(zone).toInstant()))
                        .bind("beforeAt", Columns.db(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
            }
            if (sql.contains(":mfrom")) {
                // the whole months of the range: [mfrom, mafter); none when mfrom >= mafter (then every day is a day row)
                LocalDate mfrom = filter.from().getDayOfMonth() == 1 ? filter.from() : filter.from().withDayOfMonth(1).plusMonths(1);
                LocalDate mafter = filter.to().plusDays(1).withDayOfMonth(1);
                if (filter.to().plusDays(1).getDayOfMonth() == 1) {
                    mafter = filter.to().plusDays(1);
                }
                if (!mfrom.isBefore(mafter)) {
                    mfrom = filter.to().plusDays(1);
                    mafter = mfrom;
                }
                q.bind("mfrom", mfrom).bind("mafter", mafter);
            }
            return q;
        }
    }

    @Override
    public boolean mayRead(Actor reader) {
        Checks.notNull("reader", reader);
        return reader.isAdmin() || commands.query(h -> !queues.queuesOf(h, reader.tenantId(), reader.userId()).isEmpty());
    }

    private <T> T report(Actor reader, ReportFilter filter, BiFunction<Handle, Scope, T> body) {
        Checks.notNull("reader", reader);
        Checks.notNull("filter", filter);
        return commands.query(h -> body.apply(h, scope(h, reader, filter)));
    }

    /** Checks that the reader may read reports (on the filter's queue) and resolves the category subtree. */
    private Scope scope(Handle h, Actor reader, ReportFilter filter) {
        if (!reader.isAdmin()) {
            List<String> mine = queues.queuesOf(h, reader.tenantId(), reader.userId());
            if (mine.isEmpty()) {
                throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + reader.userId() + "' may not read ticket reports;"
                        + " agents of a queue (on their queues) and administrators (on every queue) may");
            }
            if (filter.queue() != null && !mine.contains(filter.queue())) {
                throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + reader.userId() + "' may not read reports on queue '" + filter.queue()
                        + "'; agents of that queue and administrators may (" + reader.userId() + " is an agent of " + mine + ")");
            }
        }
        List<String> cats = filter.category() == null ? null
                : List.copyOf(new TreeSet<>(catalog.subTree(h, reader.tenantId(), filter.category())));
        return new Scope(reader, filter, cats, perDay, metrics.zone());
    }

    /** Runs a grouped query and hands each row (key column 1, value column 2) to the sink. */
    private static void grouped(Handle h, Scope s, String sql, BiConsumer<Object, Long> sink) {
        s.bind(h.createQuery(sql), sql).map((rs, c) -> {
            sink.accept(rs.getObject(1), rs.getLong(2));
            return 0;
        }).list();
    }

    /** Sums a measure's figures per day by a key column of {@code a} ("" as null), leaving out keys that sum to zero. */
    private static void summed(Handle h, Scope s, String measure, String key, BiConsumer<Object, Long> sink) {
        String from = key.equals("on_day") ? s.eachDay(measure) : s.days(measure);
        grouped(h, s, "SELECT a." + key + ", SUM(a.n)" + from + " GROUP BY a." + key + " HAVING SUM(a.n) <> 0",
                (k, n) -> sink.accept("".equals(k) ? null : k, n));
    }

    @Override
    public long rebuildFigures(Actor admin) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("rebuild the report figures");
        return commands.execute(CommandSpec.of(admin, "tk.report.rebuild").withTarget("report", "figures"), Long.class, ctx -> {
            ratings.fillDays(ctx.handle(), admin.tenantId(), metrics.zone());
            long rows = days.rebuild(ctx.handle(), admin.tenantId());
            ctx.summary("rebuilt the report figures per day from the metric rows: " + rows + " row(s)");
            return rows;
        });
    }

    @Override
    public long rollUpFigures(Actor admin) {
        Checks.notNull("admin", admin);
        admin.requireAdmin("roll up the report figures");
        long total = 0;
        while (commands.query(h -> days.hasUnrolled(h, admin.tenantId()))) {
            int rows = rollUp(admin.tenantId(), config.rollupBatch());
            if (rows == 0) {
                break; // a rebuild took them meanwhile
            }
            total += rows;
        }
        return total;
    }

    /** @return whether the tenant has creations or assignments not rolled up yet (read in the caller's transaction) */
    public boolean hasUnrolled(org.jdbi.v3.core.Handle h, String tenant) {
        return days.hasUnrolled(h, tenant);
    }

    /**
     * Counts up to {@code limit} of the tenant's creations and assignments not rolled up yet into the figures per day,
     * as a command of the system ({@link MetricDayRepository#rollUp}) that also schedules the next run of the rollup
     * job ({@link MetricRollupJob}, which runs it).
     *
     * @return the rows rolled up
     */
    public int rollUp(String tenant, int limit) {
        return commands.execute(CommandSpec.of(Actor.system(tenant), "tk.report.rollup").withTarget("report", "figures"), Integer.class, ctx -> {
            int rows = days.rollUp(ctx.handle(), tenant, limit);
            ctx.schedule(MetricRollupJob.next(ctx.now(), rows, limit, config.rollupInterval()));
            ctx.summary("rolled up " + rows + " creation(s) and assignment(s) into the report figures per day");
            return rows;
        });
    }

    // ------------------------------------------------------------------ workload

    @Override
    public WorkloadReport workload(Actor reader, ReportFilter filter) {
        return report(reader, filter, (h, s) -> {
            Map<String, long[]> rows = new TreeMap<>();
            IntFunction<BiConsumer<Object, Long>> into = i -> (k, n) -> rows.computeIfAbsent((String) k, x -> new long[4])[i] += n;
            if (s.perDay()) {
                // each ticket once per agent: the assignments of the range less those whose previous assignment of the
                // ticket to the agent is in the range too (a short range of index oa_tk_metric_assign_prev)
                summed(h, s, s.measure(MetricDayRepository.ASSIGNED), "agent_id", into.apply(0));
                grouped(h, s, "SELECT a.agent_id, COUNT(*) FROM oa_tk_metric_assign a" + s.join("a") + " WHERE a.tenant_id = :t"
                        + " AND a.prev_day >= :from AND a.prev_day <= :to AND a.assigned_day <= :to" + s.where("m") + " GROUP BY a.agent_id",
                        (k, n) -> into.apply(0).accept(k, -n));
                summed(h, s, s.measure(MetricDayRepository.RESOLVED), "agent_id", into.apply(1));
            } else {
                grouped(h, s, "SELECT a.agent_id, COUNT(DISTINCT a.ticket_id) FROM oa_tk_metric_assign a" + s.join("a")
                        + " WHERE a.tenant_id = :t AND a.assigned_day >= :from AND a.assigned_day <= :to" + s.where("m") + " GROUP BY a.agent_id",
                        into.apply(0));
                grouped(h, s, "SELECT m.resolved_by, COUNT(*) FROM oa_tk_metric m WHERE m.tenant_id = :t AND m.resolved_day >= :from"
                        + " AND m.resolved_day <= :to" + s.where("m") + " GROUP BY m.resolved_by", into.apply(1));
            }
            grouped(h, s, "SELECT t.assignee_id, COUNT(*) FROM oa_tk_ticket t WHERE t.tenant_id = :t AND t.state_kind IN " + OPEN_KINDS
                    + " AND t.assignee_id IS NOT NULL" + s.where("t") + " GROUP BY t.assignee_id", into.apply(2));
            grouped(h, s, "SELECT tm.user_id, SUM(tm.minutes) FROM oa_tk_time tm" + s.join("tm")
                    + " WHERE tm.tenant_id = :t AND tm.work_date >= :from AND tm.work_date <= :to" + s.where("m") + " GROUP BY tm.user_id",
                    into.apply(3));
            List<WorkloadReport.Row> out = new ArrayList<>();
            rows.forEach((agent, v) -> out.add(new WorkloadReport.Row(agent, v[0], v[1], v[2], v[3])));
            return new WorkloadReport(filter, out);
        });
    }

    // ------------------------------------------------------------------ categories

    @Override
    public CategoryReport byCategory(Actor reader, ReportFilter filter) {
        return report(reader, filter, (h, s) -> {
            Map<String, long[]> own = new HashMap<>();
            if (s.perDay()) {
                summed(h, s, MetricDayRepository.CREATED_BY_CATEGORY, "category_key", (k, n) -> own.computeIfAbsent((String) k, x -> new long[2])[0] += n);
                summed(h, s, MetricDayRepository.RESOLVED_BY_CATEGORY, "category_key", (k, n) -> own.computeIfAbsent((String) k, x -> new long[2])[1] += n);
            } else {
            grouped(h, s, "SELECT m.category_key, COUNT(*) FROM oa_tk_metric m WHERE m.tenant_id = :t AND m.created_day >= :from"
                    + " AND m.created_day <= :to" + s.where("m") + " GROUP BY m.category_key",
                    (k, n) -> own.computeIfAbsent((String) k, x -> new long[2])[0] += n);
            grouped(h, s, "SELECT m.category_key, COUNT(*) FROM oa_tk_metric m WHERE m.tenant_id = :t AND m.resolved_day >= :from"
                    + " AND m.resolved_day <= :to" + s.where("m") + " GROUP BY m.category_key",
                    (k, n) -> own.computeIfAbsent((String) k, x -> new long[2])[1] += n);
            }
            List<Category> all = catalog.categories(h, reader.tenantId());
            Map<String, List<Category>> children = new TreeMap<>();
            Set<String> known = new TreeSet<>();
            for (Category c : all) {
                known.add(c.key());
            }
            List<Category> roots = new ArrayList<>();
            for (Category c : all) {
                if (c.parentKey() == null || !known.contains(c.parentKey())) {
                    roots.add(c);
                } else {
                    children.computeIfAbsent(c.parentKey(), k -> new ArrayList<>()).add(c);
                }
            }
            List<CategoryReport.Row> out = new ArrayList<>();
            for (Category root : roots) {
                if (s.categories() == null || s.categories().contains(root.key())) {
                    walk(root, 0, children, own, out);
                } else {
                    for (Category c : subtreeRootsIn(root, children, s.categories())) {
                        walk(c, 0, children, own, out);
                    }
                }
            }
            long[] none = own.getOrDefault(null, new long[2]);
            if (s.categories() == null) {
                out.add(new CategoryReport.Row(null, "", null, 0, none[0], none[0], none[1], none[1]));
            }
            return new CategoryReport(filter, out);
        });
    }

    /** @return the topmost categories below {@code c} that are in the filter's subtree */
    private static List<Category> subtreeRootsIn(Category c, Map<String, List<Category>> children, List<String> keys) {
        List<Category> out = new ArrayList<>();
        for (Category k : children.getOrDefault(c.key(), List.of())) {
            if (keys.contains(k.key())) {
                out.add(k);
            } else {
                out.addAll(subtreeRootsIn(k, children, keys));
            }
        }
        return out;
    }

    /** Adds the row of {@code c} and its subtree depth first; @return the subtree's [created, resolved] */
    private static long[] walk(Category c, int depth, Map<String, List<Category>> children, Map<String, long[]> own,
                               List<CategoryReport.Row> out) {
        int at = out.size();
        out.add(null);
        long[] mine = own.getOrDefault(c.key(), new long[2]);
        long[] sum = mine.clone();
        for (Category k : children.getOrDefault(c.key(), List.of())) {
            long[] sub = walk(k, depth + 1, children, own, out);
            sum[0] += sub[0];
            sum[1] += sub[1];
        }
        out.set(at, new CategoryReport.Row(c.key(), c.name(), c.parentKey(), depth, mine[0], sum[0], mine[1], sum[1]));
        return sum;
    }

    // ------------------------------------------------------------------ created vs resolved

    @Override
    public VolumeReport createdVsResolved(Actor reader, ReportFilter filter, VolumeReport.Period period) {
        Checks.notNull("period", period);
        boolean weeks = period == VolumeReport.Period.WEEK;
        return report(reader, filter, (h, s) -> {
            TreeMap<LocalDate, long[]> rows = new TreeMap<>();
            LocalDate first = weeks ? TicketMetrics.weekOf(filter.from()) : filter.from();
            for (LocalDate d = first; !d.isAfter(filter.to()); d = d.plusDays(weeks ? 7 : 1)) {
                rows.put(d, new long[2]);
            }
            if (s.perDay()) {
                String created = s.categories() == null ? MetricDayRepository.CREATED : MetricDayRepository.CREATED_BY_CATEGORY;
                String resolved = s.categories() == null ? MetricDayRepository.RESOLVED : MetricDayRepository.RESOLVED_BY_CATEGORY;
                summed(h, s, created, "on_day", (k, n) -> rows.get(weeks ? TicketMetrics.weekOf(date(k)) : date(k))[0] += n);
                summed(h, s, resolved, "on_day", (k, n) -> rows.get(weeks ? TicketMetrics.weekOf(date(k)) : date(k))[1] += n);
                return volume(filter, period, rows);
            }
            String group = weeks ? "week" : "day";
            // a week row counts only days of the range: the day column limits, the week column groups
            grouped(h, s, "SELECT m.created_" + group + ", COUNT(*) FROM oa_tk_metric m WHERE m.tenant_id = :t AND m.created_day >= :from"
                    + " AND m.created_day <= :to" + s.where("m") + " GROUP BY m.created_" + group,
                    (k, n) -> rows.get(date(k))[0] += n);
            grouped(h, s, "SELECT m.resolved_" + group + ", COUNT(*) FROM oa_tk_metric m WHERE m.tenant_id = :t AND m.resolved_day >= :from"
                    + " AND m.resolved_day <= :to" + s.where("m") + " GROUP BY m.resolved_" + group,
                    (k, n) -> rows.get(date(k))[1] += n);
            return volume(filter, period, rows);
        });
    }

    private static VolumeReport volume(ReportFilter filter, VolumeReport.Period period, TreeMap<LocalDate, long[]> rows) {
        List<VolumeReport.Row> out = new ArrayList<>();
        rows.forEach((d, v) -> out.add(new VolumeReport.Row(d, period == VolumeReport.Period.WEEK ? isoWeek(d) : d.toString(), v[0], v[1])));
        return new VolumeReport(filter, period, out);
    }

    private static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(v.toString().substring(0, 10));
    }

    static String isoWeek(LocalDate monday) {
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    // ------------------------------------------------------------------ SLA

    @Override
    public SlaReport slaCompliance(Actor reader, ReportFilter filter) {
        return report(reader, filter, (h, s) -> {
            Map<SlaTarget, long[]> rows = new EnumMap<>(SlaTarget.class);
            for (SlaTarget g : SlaTarget.values()) {
                rows.put(g, new long[2]);
            }
            String sql = s.perDay() ? "SELECT a.agent_id, a.bucket, SUM(a.n)" + s.days(s.measure(MetricDayRepository.SLA)) + " GROUP BY a.agent_id, a.bucket"
                    : "SELECT o.target, CASE WHEN o.breached THEN 1 ELSE 0 END, COUNT(*) FROM oa_tk_metric_sla o" + s.join("o")
                    + " WHERE o.tenant_id = :t AND o.known_day >= :from AND o.known_day <= :to" + s.where("m") + " GROUP BY o.target, o.breached";
            s.bind(h.createQuery(sql), sql).map((rs, c) -> {
                rows.get(SlaTarget.valueOf(rs.getString(1)))[(int) rs.getLong(2)] += rs.getLong(3);
                return 0;
            }).list();
            List<SlaReport.Row> out = new ArrayList<>();
            rows.forEach((g, v) -> out.add(new SlaReport.Row(g, v[0], v[1])));
            return new SlaReport(filter, out);
        });
    }

    // ------------------------------------------------------------------ response times

    /**
     * [count, median, p90] of a duration column per queue key (null key: the total), in two steps:
     * one grouped pass counts the values per queue and hour bucket; the bucket holding each wanted
     * rank is found from those counts, and the exact value is one ordered read inside that bucket
     * ({@code ORDER BY v LIMIT 1 OFFSET r}, a short range of the rank index). A single statement
     * with {@code ROW_NUMBER()} / {@code COUNT(*) OVER (PARTITION BY ..)} gives the same figures,
     * but sorted every value again on each call and took tens of seconds at a million tickets (H2:
     * minutes); reading at an offset without the buckets walked half of the index per figure.
     */
    private static Map<String, Object[]> times(Handle h, Scope s, String column, String day, String measure) {
        String where = " FROM oa_tk_metric m WHERE m.tenant_id = :t AND m." + day + " >= :from AND m." + day + " <= :to"
                + " AND m." + column + " IS NOT NULL" + s.where("m");
        String bucket = MetricDayRepository.bucketSql("m." + column);
        Map<String, TreeMap<Long, Long>> histograms = new TreeMap<>();
        TreeMap<Long, Long> all = new TreeMap<>();
        String sql = s.perDay() ? "SELECT a.queue_key, a.bucket, SUM(a.n)" + s.days(s.measure(measure)) + " GROUP BY a.queue_key, a.bucket HAVING SUM(a.n) <> 0"
                : "SELECT m.queue_key, " + bucket + ", COUNT(*)" + where + " GROUP BY m.queue_key, " + bucket;
        s.bind(h.createQuery(sql), sql).map((rs, c) -> {
            long b = rs.getLong(2);
            long n = rs.getLong(3);
            histograms.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).merge(b, n, Long::sum);
            all.merge(b, n, Long::sum);
            return 0;
        }).list();
        Map<String, Object[]> out = new java.util.LinkedHashMap<>();
        histograms.forEach((q, hist) -> out.put(q, figures(h, s, column, where + " AND m.queue_key = :rq", q, hist)));
        out.put(null, histograms.size() == 1 ? out.values().iterator().next().clone() : figures(h, s, column, where, null, all));
        return out;
    }

    /** @return [n, median, p90]; the median of an even count is the mean of the two middle values, p90 the nearest rank */
    private static Object[] figures(Handle h, Scope s, String column, String where, String queue, TreeMap<Long, Long> hist) {
        long n = hist.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return new Object[]{0L, null, null};
        }
        long lo = valueAt(h, s, column, where, queue, hist, (n + 1) / 2);
        long hi = n % 2 == 0 ? valueAt(h, s, column, where, queue, hist, n / 2 + 1) : lo;
        long p90 = valueAt(h, s, column, where, queue, hist, (long) Math.ceil(n * 0.9));
        return new Object[]{n, Duration.ofMillis((lo + hi) * 500), Duration.ofSeconds(p90)};
    }

    /** @return the value at a rank (1-based, ascending): the bucket from the counts, then one ordered read inside it */
    private static long valueAt(Handle h, Scope s, String column, String where, String queue, TreeMap<Long, Long> hist, long rank) {
        long before = 0;
        for (Map.Entry<Long, Long> b : hist.entrySet()) {
            if (before + b.getValue() >= rank) {
                String sql = "SELECT m." + column + where + " AND m." + column + " >= :blo AND m." + column + " < :bhi"
                        + " ORDER BY m." + column + " LIMIT 1 OFFSET " + (rank - before - 1);
                long[] bounds = MetricDayRepository.bounds(b.getKey());
                Query q = s.bind(h.createQuery(sql), sql).bind("blo", bounds[0]).bind("bhi", bounds[1]);
                if (queue != null) {
                    q.bind("rq", queue);
                }
                return q.mapTo(Long.class).one();
            }
            before += b.getValue();
        }
        throw new IllegalStateException("rank " + rank + " beyond the " + before + " values counted");
    }

    @Override
    public ResponseTimeReport responseTimes(Actor reader, ReportFilter filter) {
        return report(reader, filter, (h, s) -> {
            Map<String, Object[]> first = times(h, s, "first_response_secs", "first_response_day", MetricDayRepository.FIRST_RESPONSE_HISTOGRAM);
            Map<String, Object[]> resolution = times(h, s, "resolution_secs", "resolved_day", MetricDayRepository.RESOLUTION_HISTOGRAM);
            Set<String> queues = new TreeSet<>();
            first.keySet().stream().filter(java.util.Objects::nonNull).forEach(queues::add);
            resolution.keySet().stream().filter(java.util.Objects::nonNull).forEach(queues::add);
            List<ResponseTimeReport.Row> out = new ArrayList<>();
            Object[] empty = {0L, null, null};
            List<String> keys = new ArrayList<>(queues);
            keys.add(null);
            for (String q : keys) {
                Object[] f = first.getOrDefault(q, empty);
                Object[] r = resolution.getOrDefault(q, empty);
                out.add(new ResponseTimeReport.Row(q, (Long) f[0], (Duration) f[1], (Duration) f[2], (Long) r[0], (Duration) r[1], (Duration) r[2]));
            }
            return new ResponseTimeReport(filter, out);
        });
    }

    // ------------------------------------------------------------------ ratings

    @Override
    public RatingReport ratings(Actor reader, ReportFilter filter) {
        return report(reader, filter, (h, s) -> {
            Map<String, long[]> rows = new TreeMap<>();
            long[] total = new long[5];
            // per day: the ratings counted per queue and score (with the ratings given before they were, one by one)
            String sql = s.perDay() ? "SELECT a.queue_key, a.bucket, SUM(a.n)" + s.days(s.measure(MetricDayRepository.RATED))
                    + " GROUP BY a.queue_key, a.bucket HAVING SUM(a.n) <> 0"
                    : "SELECT m.queue_key, r.score, COUNT(*) FROM oa_tk_rating r JOIN oa_tk_metric m ON m.ticket_id = r.ticket_id"
                    + " WHERE r.tenant_id = :t AND r.rated_at >= :fromAt AND r.rated_at < :beforeAt" + s.where("m") + " GROUP BY m.queue_key, r.score";
            s.bind(h.createQuery(sql), sql).map((rs, c) -> {
                int score = rs.getInt(2);
                long n = rs.getLong(3);
                rows.computeIfAbsent(rs.getString(1), k -> new long[5])[score - 1] += n;
                total[score - 1] += n;
                return 0;
            }).list();
            List<RatingReport.Row> out = new ArrayList<>();
            rows.forEach((q, v) -> out.add(new RatingReport.Row(q, boxed(v))));
            out.add(new RatingReport.Row(null, boxed(total)));
            return new RatingReport(filter, out);
        });
    }

    private static List<Long> boxed(long[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    // ------------------------------------------------------------------ backlog

    @Override
    public BacklogReport backlog(Actor reader, ReportFilter filter) {
        return report(reader, filter, (h, s) -> {
            Instant now = clock.instant();
            String sql = "SELECT t.queue_key,"
                    + " SUM(CASE WHEN t.created_at > :d1 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN t.created_at <= :d1 AND t.created_at > :d3 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN t.created_at <= :d3 AND t.created_at > :d7 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN t.created_at <= :d7 THEN 1 ELSE 0 END)"
                    + " FROM oa_tk_ticket t WHERE t.tenant_id = :t AND t.state_kind IN " + OPEN_KINDS + s.where("t") + " GROUP BY t.queue_key";
            List<BacklogReport.Row> out = new ArrayList<>(s.bind(h.createQuery(sql), sql)
                    .bind("d1", Columns.db(now.minus(Duration.ofDays(1))))
                    .bind("d3", Columns.db(now.minus(Duration.ofDays(3))))
                    .bind("d7", Columns.db(now.minus(Duration.ofDays(7))))
                    .map((rs, c) -> new BacklogReport.Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))).list());
            out.sort(java.util.Comparator.comparing(BacklogReport.Row::queue));
            long[] sum = new long[4];
            for (BacklogReport.Row r : out) {
                sum[0] += r.underOneDay();
                sum[1] += r.oneToThreeDays();
                sum[2] += r.threeToSevenDays();
                sum[3] += r.overSevenDays();
            }
            out.add(new BacklogReport.Row(null, sum[0], sum[1], sum[2], sum[3]));
            return new BacklogReport(filter, now, out);
        });
    }
}
