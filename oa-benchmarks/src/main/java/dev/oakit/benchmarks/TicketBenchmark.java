package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;
import dev.oakit.ticket.dispatch.RuleConditions;
import dev.oakit.ticket.sla.ReopenRule;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.report.ReportFilter;
import dev.oakit.ticket.report.TicketReports;
import dev.oakit.ticket.report.VolumeReport;

import java.io.PrintStream;
import java.sql.Connection;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Ticket reports, the queue view and create-and-assign at scale ("fast at 1 million
 * tickets"). Per database: boots OAKit with the tickets plugin on a fresh database, sets up queues,
 * agents and categories through the API, bulk-loads N tickets of one year straight into the tables
 * ({@link TicketLoader}: COPY on PostgreSQL, JDBC batches on H2; in the shape the engine writes: ticket row, its CREATED
 * history entry, the report figures of V40; further history entries are left out), then measures each report
 * (median of several runs, a 30-day and a 365-day range), the agent's queue view (first page of
 * the open tickets of their queues; median, p95, p99, max) and create-then-assign through the API with 1
 * and 4 threads. With {@code bench.keep=<name>} the loaded data set is kept (a PostgreSQL schema, an H2 file) and
 * reused by later runs ({@link KeptDataSet}). Prints one summary line per database:
 *
 * <pre>
 * MAVEN_OPTS=-Xmx6g mvn -B -q -pl oa-benchmarks -am -DskipTests package exec:java \
 *     -Doakit.demo.main=dev.oakit.benchmarks.TicketBenchmark -Dbench.tickets=1000000
 * </pre>
 *
 * Settings ({@code key=value} arguments or system properties, see {@link Settings#from}):
 * {@code bench.dbs} (h2,postgresql), {@code bench.tickets}, {@code bench.queues}, {@code bench.agents},
 * {@code bench.runs}, {@code bench.samples}, {@code bench.measure} (seconds per throughput run),
 * {@code bench.pg.url}, {@code bench.pg.user}, {@code bench.pg.password}, {@code bench.keep}, {@code bench.keepDir},
 * {@code bench.drop}, {@code bench.only} (a part of {@code reports,view,create}: what is measured after the load).
 *
 * <p>Longer than the house's ~500 lines: one run's steps (settings, load or reuse, reports, queue view with its tail,
 * create-and-assign against the floor, the summary) read best in the order they run; the loader, the floor and the kept
 * data sets are classes of their own.
 *
 * <p>Why one class of about 600 lines: the settings, the set-up, the data set's life (fresh or kept) and the
 * measurements are read together whenever a figure is questioned, like the other benchmarks of this module; it is a
 * program, not library code. The bulk loader (the table shapes it writes) is {@link TicketLoader}.
 */
public final class TicketBenchmark {
    static final String T = "bench";
    /** The category filter of the measurements with a filter: c0 and its subtree, about 30 % of the loaded tickets. */
    static final String FILTERED = "c0";
    static final List<String> REPORTS = List.of("workload", "category", "perDay", "perWeek", "sla", "responseTimes", "ratings", "backlog");

    private TicketBenchmark() {
    }

    /**
     * What to run.
     *
     * @param dbs {@code h2} and/or {@code postgresql}
     * @param tickets tickets bulk-loaded, created over the 365 days before now
     * @param queues queues, each with one dispatcher and agents
     * @param agents agents, spread over the queues
     * @param runs runs of each report (the median is reported)
     * @param samples queue-view queries
     * @param measureSeconds length of each create-and-assign run
     * @param pg the local PostgreSQL server
     * @param keep null: a fresh database, dropped at the end; else the name of a kept data set (PostgreSQL schema
     *     {@code bench_keep_<keep>}, H2 file {@code <keepDir>/<keep>.mv.db}): loaded on first use and reused by later runs
     *     of the same schema, loader, tickets, queues and agents (refused otherwise)
     * @param keepDir the folder of kept H2 files
     * @param drop drop the kept data set first (load it again)
     * @param only what is measured after the load ({@code bench.only}; all by default)
     */
    public record Settings(List<String> dbs, int tickets, int queues, int agents, int runs, int samples, double measureSeconds,
                           BenchDatabase.Server pg, String keep, java.nio.file.Path keepDir, boolean drop, Set<TicketMeasure> only) {
        public Settings {
            only = only.isEmpty() ? EnumSet.noneOf(TicketMeasure.class) : EnumSet.copyOf(only);
        }

        /** Settings of a run on fresh databases, measuring everything. */
        public Settings(List<String> dbs, int tickets, int queues, int agents, int runs, int samples, double measureSeconds,
                        BenchDatabase.Server pg) {
            this(dbs, tickets, queues, agents, runs, samples, measureSeconds, pg, null, null, false, EnumSet.allOf(TicketMeasure.class));
        }

        /** @return these settings on the kept data set {@code name}, its H2 files under {@code dir} */
        public Settings keeping(String name, java.nio.file.Path dir, boolean dropFirst) {
            return new Settings(dbs, tickets, queues, agents, runs, samples, measureSeconds, pg, name, dir, dropFirst, only);
        }

        /** @return these settings measuring only {@code measures} */
        public Settings measuringOnly(Set<TicketMeasure> measures) {
            return new Settings(dbs, tickets, queues, agents, runs, samples, measureSeconds, pg, keep, keepDir, drop, measures);
        }

        boolean measures(TicketMeasure m) {
            return only.contains(m);
        }

        /** Reads settings from {@code key=value} overrides, then system properties, then defaults. */
        public static Settings from(Map<String, String> overrides) {
            Function<String, String> get = k -> overrides.containsKey(k) ? overrides.get(k) : System.getProperty(k);
            Function<String[], String> or = kd -> {
                String v = get.apply(kd[0]);
                return v == null || v.isBlank() ? kd[1] : v.trim();
            };
            return new Settings(
                    Arrays.stream(or.apply(new String[]{"bench.dbs", "h2,postgresql"}).split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                    Integer.parseInt(or.apply(new String[]{"bench.tickets", "1000000"})),
                    Integer.parseInt(or.apply(new String[]{"bench.queues", "20"})),
                    Integer.parseInt(or.apply(new String[]{"bench.agents", "200"})),
                    Integer.parseInt(or.apply(new String[]{"bench.runs", "5"})),
                    Integer.parseInt(or.apply(new String[]{"bench.samples", "500"})),
                    Double.parseDouble(or.apply(new String[]{"bench.measure", "10"})),
                    new BenchDatabase.Server(or.apply(new String[]{"bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true"}),
                            or.apply(new String[]{"bench.pg.user", "postgres"}),
                            get.apply("bench.pg.password") == null ? "" : get.apply("bench.pg.password")),
                    get.apply("bench.keep") == null || get.apply("bench.keep").isBlank() ? null : BenchDatabase.keptName(get.apply("bench.keep").trim()),
                    java.nio.file.Path.of(or.apply(new String[]{"bench.keepDir", System.getProperty("java.io.tmpdir") + "/oakit-bench"})),
                    Boolean.parseBoolean(or.apply(new String[]{"bench.drop", "false"})),
                    TicketMeasure.parse(get.apply("bench.only")));
        }
    }

    /**
     * Figures of one database. What {@code bench.only} left out is empty (the reports' maps), null (the queue view, the
     * rates), NaN (create-and-assign per second) or -1 ({@code createdInYear}).
     *
     * @param reportMs30 median ms of each report over the last 30 days, in the order of {@link #REPORTS}
     * @param reportMs365 the same over the last 365 days
     * @param reportMs365c the same over the last 365 days with the category filter {@link #FILTERED} (its subtree)
     * @param createdInYear tickets the weekly report counts created in the 365-day range (a check of the load)
     */
    public record Result(String db, int tickets, double loadSeconds, Map<String, Double> reportMs30, Map<String, Double> reportMs365,
                         Map<String, Double> reportMs365c,
                         Latency queueView, double createAssign1, double createAssign4, long createdInYear,
                         long failures, Rate[] oakit, Rate[] floor) {
        /** @return the queue view's median ms */
        public double queueViewMedianMs() {
            return queueView.median();
        }

        /** @return the queue view's p99 ms */
        public double queueViewP99Ms() {
            return queueView.p99();
        }

        /** @return the summary line; a measurement left out by {@code bench.only} reads "not measured" */
        public String summary() {
            List<String> parts = new ArrayList<>();
            parts.add(String.format(Locale.ROOT, "ticket-reports %s: %d tickets loaded in %.1f s", db, tickets, loadSeconds));
            parts.add(reportMs30.isEmpty() ? "reports not measured" : "report ms median 30d/365d/365d-" + FILTERED + " " + figures());
            parts.add(queueView == null ? "queue view not measured" : "queue view ms " + queueView);
            parts.add(oakit == null ? "create+assign not measured" : String.format(Locale.ROOT, "create+assign/s 1 thread=%.1f 4 threads=%.1f "
                            + "(p99 ms %.1f/%.1f); floor/s 1 thread=%.1f 4 threads=%.1f (p99 ms %.1f/%.1f); "
                            + "oakit/floor=%.2f (1 thread) %.2f (4 threads)", createAssign1, createAssign4,
                    oakit[0].p99Ms(), oakit[1].p99Ms(), floor[0].perSecond(), floor[1].perSecond(), floor[0].p99Ms(), floor[1].p99Ms(),
                    oakit[0].perSecond() / floor[0].perSecond(), oakit[1].perSecond() / floor[1].perSecond()));
            return String.join("; ", parts);
        }

        private String figures() {
            List<String> parts = new ArrayList<>();
            for (String r : REPORTS) {
                parts.add(String.format(Locale.ROOT, "%s=%.1f/%.1f/%.1f", r, reportMs30.get(r), reportMs365.get(r), reportMs365c.get(r)));
            }
            return String.join(" ", parts);
        }
    }

    /** Milliseconds of a call: median, p95, p99 and the slowest of the samples. */
    public record Latency(double median, double p95, double p99, double max) {
        static Latency of(double[] ms) {
            return new Latency(percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 0.99), percentile(ms, 1.0));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "median=%.3f p95=%.3f p99=%.3f max=%.3f", median, p95, p99, max);
        }
    }

    /** Routed creates per second and their p99 latency, of OAKit or of the floor, at one thread count. */
    public record Rate(double perSecond, double p99Ms) {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Map<String, String> overrides = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                String k = a.substring(0, eq);
                overrides.put(k.startsWith("bench.") ? k : "bench." + k, a.substring(eq + 1));
            }
        }
        List<Result> results = run(Settings.from(overrides), System.out);
        if (results.stream().anyMatch(r -> r.failures() > 0)) {
            System.exit(1);
        }
    }

    /** Runs every database of the settings; prints progress and one summary line per database at the end. */
    public static List<Result> run(Settings s, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "ticket-reports benchmark %s: %s, %d cores, java %s, max heap %d MB; %d tickets, %d queues, %d agents%n",
                LocalDate.now(), s.dbs(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, s.tickets(), s.queues(), s.agents());
        List<Result> results = new ArrayList<>();
        for (String db : s.dbs()) {
            switch (db) {
                case "h2" -> results.add(runDb("h2", null, s, out));
                case "postgresql", "pg" -> results.add(runDb("postgresql", s.pg(), s, out));
                default -> throw new IllegalArgumentException("unknown database '" + db + "': h2 or postgresql");
            }
        }
        for (Result r : results) {
            out.println(r.summary());
        }
        out.flush();
        return results;
    }

    /**
     * The help desk: queues q00.., each with dispatcher d00.. and agents a0000.. (round robin); categories c0..c9 with
     * c0.0..c0.4 below; a third of the loaded tickets with a category have one of {@link #FILTERED}'s subtree.
     */
    static final class Desk {
        final int queues;
        final int agents;
        final String[] queueKeys;
        final List<List<String>> members = new ArrayList<>();
        final List<String> categories = new ArrayList<>();

        Desk(int queues, int agents) {
            this.queues = queues;
            this.agents = agents;
            queueKeys = new String[queues];
            for (int q = 0; q < queues; q++) {
                queueKeys[q] = String.format(Locale.ROOT, "q%02d", q);
                members.add(new ArrayList<>());
            }
            for (int a = 0; a < agents; a++) {
                members.get(a % queues).add(agent(a));
            }
            for (int c = 0; c < 10; c++) {
                categories.add("c" + c);
                for (int k = 0; k < 5; k++) {
                    categories.add("c" + c + "." + k);
                }
            }
        }

        /** @return a loaded ticket's category: a third of them in the subtree of {@link #FILTERED} (its first six), the rest spread */
        String category(java.util.random.RandomGenerator rnd) {
            return rnd.nextInt(3) == 0 ? categories.get(rnd.nextInt(6)) : categories.get(6 + rnd.nextInt(categories.size() - 6));
        }

        static String agent(int a) {
            return String.format(Locale.ROOT, "a%04d", a);
        }

        static String dispatcher(int q) {
            return String.format(Locale.ROOT, "d%02d", q);
        }

        void setUp(OaKit oa) {
            Actor admin = Actor.admin(T, "root");
            Directory d = oa.service(Directory.class);
            DirectorySeed seed = DirectorySeed.of(d, admin).users("root").admins("root");
            Queues qs = oa.service(Queues.class);
            TicketCatalog catalog = oa.service(TicketCatalog.class);
            for (int q = 0; q < queues; q++) {
                seed.users(dispatcher(q)).users(members.get(q));
                qs.saveQueue(admin, Queue.of(queueKeys[q], "队列 " + q));
                List<QueueMember> m = new ArrayList<>();
                m.add(QueueMember.dispatcher(dispatcher(q)));
                members.get(q).forEach(a -> m.add(QueueMember.agent(a)));
                qs.setMembers(admin, queueKeys[q], m);
            }
            for (String c : categories) {
                int dot = c.indexOf('.');
                catalog.saveCategory(admin, Category.of(c, dot < 0 ? null : c.substring(0, dot), "分类 " + c));
            }
            catalog.saveType(admin, TicketType.of("it", "IT 支持").withDefaultQueue(queueKeys[0]));
            // a routed create: each queue's tickets go to its least loaded member, under an SLA policy of four firings
            TicketRouting routing = oa.service(TicketRouting.class);
            routing.saveSlaPolicy(admin, SlaPolicy.builder("bench").calendar("bench")
                    .targets("NORMAL", java.time.Duration.ofHours(1), null, java.time.Duration.ofHours(8)).warningShare(0.8)
                    .reopen(ReopenRule.RESUME).build());
            DispatchRules.Builder rules = DispatchRules.builder();
            for (int q = 0; q < queues; q++) {
                rules.rule("to-" + queueKeys[q], RuleConditions.any().types("route-" + queueKeys[q]),
                        new DispatchOutcome(queueKeys[q], DispatchStrategies.LEAST_LOADED, null, "bench"));
            }
            routing.saveDispatchRules(admin, rules.otherwise(new DispatchOutcome(queueKeys[0], DispatchStrategies.LEAST_LOADED, null, "bench")).build());
        }
    }

    private static Result runDb(String label, BenchDatabase.Server server, Settings s, PrintStream out) throws Exception {
        int pool = 10;
        String wantedSchema = null;
        if (s.keep() != null) {
            if (s.drop()) {
                BenchDatabase.dropKept(server, s.keepDir(), s.keep());
                out.printf(Locale.ROOT, "%s: dropped the kept data set %s%n", label, s.keep());
            }
            // what this build's migrations make of an empty database of the engine, to hold the kept set to
            try (BenchDatabase fresh = open(label, server, null, pool)) {
                boot(fresh).close();
                try (Connection c = fresh.rawDataSource().getConnection()) {
                    wantedSchema = KeptDataSet.schema(c);
                }
            }
        }
        String schema = wantedSchema;
        try (BenchDatabase db = open(label, server, s, pool)) {
            Optional<KeptDataSet.Made> made = Optional.empty();
            if (db.kept()) {
                try (Connection c = db.rawDataSource().getConnection()) {
                    made = KeptDataSet.read(c);
                    if (made.isEmpty() && KeptDataSet.hasTables(c)) {
                        throw new IllegalStateException("bench.keep=" + s.keep() + ": " + db + " holds tables but no finished load"
                                + " (an earlier load was interrupted); run again with bench.drop=true");
                    }
                }
                Optional<String> mismatch = made.flatMap(m -> m.mismatch(made(s, schema, null), s.keep()));
                if (mismatch.isPresent()) {
                    throw new IllegalStateException(mismatch.get());
                }
            }
            OaKit oa = boot(db);
            try {
                Desk desk = new Desk(s.queues(), s.agents());
                Instant now;
                double loadSeconds;
                if (made.isPresent()) {
                    now = made.get().loadedAt();
                    loadSeconds = 0;
                    out.printf(Locale.ROOT, "%s: reusing the kept data set %s (%d tickets loaded at %s; the creates of earlier runs"
                            + " are in it too)%n", label, db, made.get().tickets(), now);
                } else {
                    desk.setUp(oa);
                    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                    long t0 = System.nanoTime();
                    new TicketLoader(desk, now).load(db, s.tickets(), out, label);
                    afterLoad(oa, db, now, out);
                    loadSeconds = (System.nanoTime() - t0) / 1e9;
                    out.printf(Locale.ROOT, "%s: loaded %d tickets in %.1f s%n", label, s.tickets(), loadSeconds);
                    if (db.kept()) {
                        try (Connection c = db.rawDataSource().getConnection()) {
                            if (!KeptDataSet.schema(c).equals(schema)) {
                                throw new IllegalStateException("the kept data set's migrations differ from a fresh database's: "
                                        + KeptDataSet.schema(c) + " vs " + schema);
                            }
                            KeptDataSet.write(c, made(s, schema, now));
                        }
                        out.printf(Locale.ROOT, "%s: kept as %s for later runs (bench.keep=%s)%n", label, db, s.keep());
                    }
                }

                Reports measured = s.measures(TicketMeasure.REPORTS) ? reports(oa, now, s.runs(), out, label) : Reports.NONE;
                Latency view = s.measures(TicketMeasure.VIEW) ? queueView(oa.service(TicketQueries.class), desk, s.samples(), db, out, label) : null;
                AtomicLong failures = new AtomicLong();
                Rate[] oakit = null;
                Rate[] floor = null;
                if (s.measures(TicketMeasure.CREATE)) {
                    oakit = new Rate[2];
                    floor = new Rate[2];
                    try (FloorTicketCreate f = new FloorTicketCreate(db.rawDataSource(), server != null)) {
                        int[] threads = {1, 4};
                        for (int i = 0; i < 2; i++) {
                            Rate[] pair = alternate(oa, f, desk, threads[i], s.measureSeconds(), failures);
                            oakit[i] = pair[0];
                            floor[i] = pair[1];
                            out.printf(Locale.ROOT, "%s: routed create, %d thread(s): oakit %.1f/s p99 %.1f ms; floor %.1f/s p99 %.1f ms; oakit/floor=%.2f%n",
                                    label, threads[i], oakit[i].perSecond(), oakit[i].p99Ms(), floor[i].perSecond(), floor[i].p99Ms(),
                                    oakit[i].perSecond() / floor[i].perSecond());
                        }
                    }
                    out.printf(Locale.ROOT, "%s: create+assign/s 1 thread=%.1f 4 threads=%.1f; failures=%d%n", label, oakit[0].perSecond(),
                            oakit[1].perSecond(), failures.get());
                }
                return new Result(label, s.tickets(), loadSeconds, measured.ms30(), measured.ms365(), measured.ms365c(), view,
                        oakit == null ? Double.NaN : oakit[0].perSecond(), oakit == null ? Double.NaN : oakit[1].perSecond(),
                        measured.createdInYear(), failures.get(), oakit, floor);
            } finally {
                oa.close();
            }
        }
    }

    /** The reports' median ms (30 days, 365 days, 365 days of {@link #FILTERED}) and the tickets they count created in the year. */
    private record Reports(Map<String, Double> ms30, Map<String, Double> ms365, Map<String, Double> ms365c, long createdInYear) {
        static final Reports NONE = new Reports(Map.of(), Map.of(), Map.of(), -1);
    }

    /** Rolls the live tail up (the jobs are off), then measures every report over 30 and 365 days, and 365 days of {@link #FILTERED}. */
    private static Reports reports(OaKit oa, Instant now, int runs, PrintStream out, String label) {
        TicketReports reports = oa.service(TicketReports.class);
        Actor admin = Actor.admin(T, "root");
        // jobs are off: the routed creates of earlier runs on a kept set are still in the reports' live tail
        long r0 = System.nanoTime();
        long rolled = reports.rollUpFigures(admin);
        out.printf(Locale.ROOT, "%s: rolled up %d creation(s) and assignment(s) into the figures per day in %.1f s%n", label, rolled,
                (System.nanoTime() - r0) / 1e9);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        ReportFilter month = ReportFilter.between(today.minusDays(29), today);
        ReportFilter year = ReportFilter.between(today.minusDays(364), today);
        long createdInYear = reports.createdVsResolved(admin, year, VolumeReport.Period.WEEK).rows().stream()
                .mapToLong(VolumeReport.Row::created).sum();
        Map<String, Double> ms30 = reportLatencies(reports, admin, month, runs, out, label + " 30 days");
        Map<String, Double> ms365 = reportLatencies(reports, admin, year, runs, out, label + " 365 days");
        out.printf(Locale.ROOT, "%s: report ms (median of %d) 30 days %s; 365 days %s; created in the 365 days: %d%n",
                label, runs, ms30, ms365, createdInYear);
        // with a category filter: a root and its five children, about a third of the tickets
        Map<String, Double> ms365c = reportLatencies(reports, admin, year.withCategory(FILTERED), runs, out, label + " 365 days " + FILTERED);
        out.printf(Locale.ROOT, "%s: report ms (median of %d) 365 days, category %s and its subtree: %s%n", label, runs, FILTERED, ms365c);
        return new Reports(ms30, ms365, ms365c, createdInYear);
    }

    /**
     * The hook after a fresh load (not on a reused data set, which already holds what it wrote): tables derived from the
     * loaded rows are filled here, so that they are part of a kept data set. The loader wrote the rows straight into the
     * tables, so the report figures per day are rebuilt from them, as after an import (the loaded assignments are one per
     * ticket: their {@code prev_day} stays NULL); then fresh statistics for the rewritten tables and, on PostgreSQL, their
     * visibility map again (the rebuild's update of {@code oa_tk_metric_assign} cleared it), as after the load.
     */
    static void afterLoad(OaKit oa, BenchDatabase db, Instant loadedAt, PrintStream out) throws SQLException {
        long r0 = System.nanoTime();
        long figureRows = oa.service(TicketReports.class).rebuildFigures(Actor.admin(T, "root"));
        try (Connection c = db.rawDataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute(db.isPostgresql() ? "VACUUM ANALYZE oa_tk_metric_assign, oa_tk_metric_day" : "ANALYZE");
        }
        out.printf(Locale.ROOT, "%s: rebuilt %d rows of report figures per day in %.1f s%n", db, figureRows, (System.nanoTime() - r0) / 1e9);
    }

    /** A fresh database (settings null or without {@code keep}), or the kept data set of the settings. */
    private static BenchDatabase open(String label, BenchDatabase.Server server, Settings s, int pool) throws Exception {
        if (s != null && s.keep() != null) {
            return server == null ? BenchDatabase.h2Kept(s.keepDir(), s.keep(), pool) : BenchDatabase.postgresqlKept(label, server, s.keep(), pool);
        }
        return server == null ? BenchDatabase.h2("tickets", pool) : BenchDatabase.postgresql(label, server, "tickets", pool);
    }

    /** OAKit with the tickets plugin on the database; background jobs off (overdue and acceptance timers would only add load). */
    static OaKit boot(BenchDatabase db) {
        return OaKit.builder().dataSource(db.rawDataSource()).tenant(T, T).plugin(new TicketPlugin())
                .calendar(BusinessCalendar.alwaysOpen("bench", ZoneOffset.UTC))
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start();
    }

    private static KeptDataSet.Made made(Settings s, String schema, Instant loadedAt) {
        return new KeptDataSet.Made(schema, TicketLoader.SHAPE, s.tickets(), s.queues(), s.agents(), loadedAt);
    }

    /**
     * Each run reads a range one day earlier than the one before, so no database can answer from
     * the result of an identical earlier query (H2 reuses results of a repeated query while its
     * tables are unchanged).
     */
    private static Map<String, Double> reportLatencies(TicketReports reports, Actor admin, ReportFilter range, int runs, PrintStream progress,
                                                       String label) {
        Map<String, Function<ReportFilter, Object>> calls = new LinkedHashMap<>();
        calls.put("workload", f -> reports.workload(admin, f));
        calls.put("category", f -> reports.byCategory(admin, f));
        calls.put("perDay", f -> reports.createdVsResolved(admin, f, VolumeReport.Period.DAY));
        calls.put("perWeek", f -> reports.createdVsResolved(admin, f, VolumeReport.Period.WEEK));
        calls.put("sla", f -> reports.slaCompliance(admin, f));
        calls.put("responseTimes", f -> reports.responseTimes(admin, f));
        calls.put("ratings", f -> reports.ratings(admin, f));
        calls.put("backlog", f -> reports.backlog(admin, f));
        Map<String, Double> out = new LinkedHashMap<>();
        calls.forEach((name, call) -> {
            call.apply(range); // warm-up
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                ReportFilter f = new ReportFilter(range.from().minusDays(i + 1), range.to().minusDays(i + 1), range.queue(), range.type(),
                        range.category());
                long t = System.nanoTime();
                call.apply(f);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            out.put(name, percentile(ms, 0.5));
            progress.printf(Locale.ROOT, "%s: %s ms median=%.1f%n", label, name, out.get(name));
        });
        return out;
    }

    /**
     * The agent's queue view (first page of 20 open tickets of their queues, newest first) for random agents, after a
     * warm-up of as many calls (the benchmark's own code and the driver's are compiled by then). To see what the tail is
     * made of, the same samples are taken of a later page (offset 100) and of the view's total alone (its COUNT by plain
     * JDBC, each agent being in one queue).
     *
     * @return the first page's latency
     */
    private static Latency queueView(TicketQueries queries, Desk desk, int samples, BenchDatabase db, PrintStream out, String label)
            throws SQLException {
        Random rnd = new Random(7);
        TicketQuery first = TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().page(0, 20).build();
        TicketQuery later = TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().page(100, 20).build();
        long total = 0;
        for (int i = 0; i < samples; i++) {
            total += queries.list(Actor.of(T, Desk.agent(rnd.nextInt(desk.agents))), first).total();
            queries.list(Actor.of(T, Desk.agent(rnd.nextInt(desk.agents))), later);
        }
        double[] firstMs = new double[samples];
        double[] laterMs = new double[samples];
        double[] countMs = new double[samples];
        boolean[] gcIn = new boolean[samples];
        ThreadCpu.Snapshot cpu0 = ThreadCpu.snapshot();
        long wall0 = System.nanoTime();
        try (Connection c = db.rawDataSource().getConnection(); var count = c.prepareStatement(
                "SELECT COUNT(*) FROM oa_tk_ticket t WHERE t.tenant_id = ? AND t.queue_key = ? AND t.done_flag = 0")) {
            for (int i = 0; i < samples; i++) {
                int agent = rnd.nextInt(desk.agents);
                Actor a = Actor.of(T, Desk.agent(agent));
                long gc = gcCount();
                long t = System.nanoTime();
                queries.list(a, first);
                firstMs[i] = (System.nanoTime() - t) / 1e6;
                gcIn[i] = gcCount() != gc;
                t = System.nanoTime();
                queries.list(a, later);
                laterMs[i] = (System.nanoTime() - t) / 1e6;
                count.setString(1, T);
                count.setString(2, desk.queueKeys[agent % desk.queues]);
                t = System.nanoTime();
                try (var rs = count.executeQuery()) {
                    rs.next();
                }
                countMs[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        ThreadCpu.Tally cpu = new ThreadCpu.Tally();
        cpu.add(cpu0, ThreadCpu.snapshot(), (System.nanoTime() - wall0) / 1e9);
        Latency view = Latency.of(firstMs);
        out.printf(Locale.ROOT, "%s: queue view ms (%d samples, %.0f open tickets per agent's queues on average): first page %s;"
                        + " page 6 %s; its total alone %s%n", label, samples, (double) total / samples, view, Latency.of(laterMs),
                Latency.of(countMs));
        out.printf(Locale.ROOT, "%s: queue view's tail: %s; while it ran: %s%n", label, tail(firstMs, gcIn, view.p99()), cpu.line());
        return view;
    }

    /**
     * OAKit's routed create (a requester creates in a queue; dispatch assigns the least loaded member; SLA policy
     * {@code bench}) and the floor's same statements, in turns: a warm-up of each, then four rounds of a quarter of
     * {@code seconds} each, OAKit first.
     *
     * @return OAKit's rate and p99, the floor's
     */
    static Rate[] alternate(OaKit oa, FloorTicketCreate floor, Desk desk, int threads, double seconds, AtomicLong failures)
            throws Exception {
        Creator viaOakit = viaOakit(oa, desk);
        Creator viaFloor = (w, rnd) -> {
            int q = rnd.nextInt(desk.queues);
            floor.create(w, "r" + rnd.nextInt(10_000), desk.queueKeys[q], desk.categories.get(rnd.nextInt(desk.categories.size())), "打印机卡纸");
        };
        double warm = Math.min(2, seconds / 3);
        run(viaOakit, threads, warm, failures, new ArrayList<>());
        run(viaFloor, threads, warm, failures, new ArrayList<>());
        List<Double> oakitMs = new ArrayList<>();
        List<Double> floorMs = new ArrayList<>();
        double oakitSeconds = 0;
        double floorSeconds = 0;
        for (int round = 0; round < 4; round++) {
            oakitSeconds += run(viaOakit, threads, seconds / 4, failures, oakitMs);
            floorSeconds += run(viaFloor, threads, seconds / 4, failures, floorMs);
        }
        return new Rate[]{new Rate(oakitMs.size() / oakitSeconds, p99(oakitMs)), new Rate(floorMs.size() / floorSeconds, p99(floorMs))};
    }

    /** OAKit's routed creates alone for {@code seconds} (as {@link #alternate} makes them; for a profile). @return how many */
    static long createFor(OaKit oa, Desk desk, int threads, double seconds, AtomicLong failures) throws Exception {
        List<Double> ms = new ArrayList<>();
        run(viaOakit(oa, desk), threads, seconds, failures, ms);
        return ms.size();
    }

    /** A requester creates a ticket of type {@code it} in a random queue with a random category. */
    static Creator viaOakit(OaKit oa, Desk desk) {
        Tickets tickets = oa.service(Tickets.class);
        return (w, rnd) -> {
            int q = rnd.nextInt(desk.queues);
            tickets.create(Actor.of(T, "r" + rnd.nextInt(10_000)), NewTicket.builder("it", "打印机卡纸").queue(desk.queueKeys[q])
                    .category(desk.categories.get(rnd.nextInt(desk.categories.size()))).build());
        };
    }

    /** One routed create of worker {@code w}. */
    @FunctionalInterface
    interface Creator {
        void create(int worker, SplittableRandom rnd);
    }

    private static double p99(List<Double> ms) {
        return ms.isEmpty() ? Double.NaN : percentile(ms.stream().mapToDouble(Double::doubleValue).toArray(), 0.99);
    }

    /** @return the seconds it ran; each create's ms added to {@code ms} */
    private static double run(Creator creator, int threads, double seconds, AtomicLong failures, List<Double> ms) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<List<Double>>> fs = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                fs.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(System.nanoTime() + worker);
                    List<Double> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        try {
                            creator.create(worker, rnd);
                            mine.add((System.nanoTime() - t) / 1e6);
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<Double>> f : fs) {
                ms.addAll(f.get());
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /** @return the garbage collections of this JVM so far */
    private static long gcCount() {
        long n = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /**
     * What the slowest samples are made of: how many of the samples at or over the p99 had a garbage collection in them, and
     * where they fell in the run (by tenths of the samples), to tell a pause or a background task from a slow query.
     */
    static String tail(double[] ms, boolean[] gcIn, double p99) {
        int slow = 0;
        int withGc = 0;
        int[] tenths = new int[10];
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] >= p99) {
                slow++;
                withGc += gcIn[i] ? 1 : 0;
                tenths[(int) ((long) i * 10 / ms.length)]++;
            }
        }
        long gcs = 0;
        for (boolean g : gcIn) {
            gcs += g ? 1 : 0;
        }
        return String.format(Locale.ROOT, "%d sample(s) at or over the p99, %d of them with a garbage collection (%d samples had one);"
                + " by tenth of the run %s", slow, withGc, gcs, Arrays.toString(tenths));
    }

    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
