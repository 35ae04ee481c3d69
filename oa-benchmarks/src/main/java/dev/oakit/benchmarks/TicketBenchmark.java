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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Ticket reports, the queue view and create-and-assign at scale ("fast at 1 million
 * tickets"). Per database: boots OAKit with the tickets plugin on a fresh database, sets up queues,
 * agents and categories through the API, bulk-loads N tickets of one year with multi-row INSERTs
 * straight into the tables (in the shape the engine writes: ticket row, its CREATED history entry,
 * the report figures of V40; further history entries are left out), then measures each report
 * (median of several runs, a 30-day and a 365-day range), the agent's queue view (first page of
 * the open tickets of their queues; median and p99) and create-then-assign through the API with 1
 * and 4 threads. Prints one summary line per database:
 *
 * <pre>
 * MAVEN_OPTS=-Xmx6g mvn -B -q -pl oa-benchmarks -am -DskipTests package exec:java \
 *     -Doakit.demo.main=dev.oakit.benchmarks.TicketBenchmark -Dbench.tickets=1000000
 * </pre>
 *
 * Settings ({@code key=value} arguments or system properties, see {@link Settings#from}):
 * {@code bench.dbs} (h2,postgresql), {@code bench.tickets}, {@code bench.queues}, {@code bench.agents},
 * {@code bench.runs}, {@code bench.samples}, {@code bench.measure} (seconds per throughput run),
 * {@code bench.pg.url}, {@code bench.pg.user}, {@code bench.pg.password}.
 *
 * <p>Why one class of about 600 lines: the settings, the set-up, the bulk loader (the table shapes
 * it writes) and the measurements are read together whenever a figure is questioned, like the other
 * benchmarks of this module; it is a program, not library code.
 */
public final class TicketBenchmark {
    static final String T = "bench";
    static final int BATCH = 2000;
    /** Rows per multi-row INSERT of the loader (a divisor of {@link #BATCH}, so each commit writes whole statements). */
    static final int ROWS = 250;
    /** The work list's sort value of "no due" (as the tickets core stores it). */
    static final LocalDateTime NO_DUE = LocalDateTime.of(9999, 12, 31, 0, 0);
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
     */
    public record Settings(List<String> dbs, int tickets, int queues, int agents, int runs, int samples, double measureSeconds,
                           BenchDatabase.Server pg) {
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
                            get.apply("bench.pg.password") == null ? "" : get.apply("bench.pg.password")));
        }
    }

    /**
     * Figures of one database.
     *
     * @param reportMs30 median ms of each report over the last 30 days, in the order of {@link #REPORTS}
     * @param reportMs365 the same over the last 365 days
     * @param createdInYear tickets the weekly report counts created in the 365-day range (a check of the load)
     */
    public record Result(String db, int tickets, double loadSeconds, Map<String, Double> reportMs30, Map<String, Double> reportMs365,
                         double queueViewMedianMs, double queueViewP99Ms, double createAssign1, double createAssign4, long createdInYear,
                         long failures, Rate[] oakit, Rate[] floor) {
        /** @return the summary line */
        public String summary() {
            return String.format(Locale.ROOT, "ticket-reports %s: %d tickets loaded in %.1f s; report ms median 30d/365d %s; "
                            + "queue view ms median=%.3f p99=%.3f; create+assign/s 1 thread=%.1f 4 threads=%.1f "
                            + "(p99 ms %.1f/%.1f); floor/s 1 thread=%.1f 4 threads=%.1f (p99 ms %.1f/%.1f); "
                            + "oakit/floor=%.2f (1 thread) %.2f (4 threads)",
                    db, tickets, loadSeconds, figures(), queueViewMedianMs, queueViewP99Ms, createAssign1, createAssign4,
                    oakit[0].p99Ms(), oakit[1].p99Ms(), floor[0].perSecond(), floor[1].perSecond(), floor[0].p99Ms(), floor[1].p99Ms(),
                    oakit[0].perSecond() / floor[0].perSecond(), oakit[1].perSecond() / floor[1].perSecond());
        }

        private String figures() {
            List<String> parts = new ArrayList<>();
            for (String r : REPORTS) {
                parts.add(String.format(Locale.ROOT, "%s=%.1f/%.1f", r, reportMs30.get(r), reportMs365.get(r)));
            }
            return String.join(" ", parts);
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

    /** The help desk: queues q00.., each with dispatcher d00.. and agents a0000.. (round robin); categories c0..c9 with c0.0..c0.4 below. */
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
        try (BenchDatabase db = server == null ? BenchDatabase.h2("tickets", pool) : BenchDatabase.postgresql(label, server, "tickets", pool)) {
            // background jobs off (overdue and acceptance timers would only add load): only the measured calls touch the database
            OaKit oa = OaKit.builder().dataSource(db.rawDataSource()).tenant(T, T).plugin(new TicketPlugin())
                    .calendar(BusinessCalendar.alwaysOpen("bench", ZoneOffset.UTC))
                    .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start();
            try {
                Desk desk = new Desk(s.queues(), s.agents());
                desk.setUp(oa);
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                long t0 = System.nanoTime();
                new Loader(desk, now).load(db, s.tickets(), out, label);
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "%s: loaded %d tickets in %.1f s%n", label, s.tickets(), loadSeconds);
                // the rows were written straight into the tables: the report figures per day are rebuilt from them, as after an import
                long r0 = System.nanoTime();
                long figureRows = oa.service(TicketReports.class).rebuildFigures(Actor.admin(T, "root"));
                out.printf(Locale.ROOT, "%s: rebuilt %d rows of report figures per day in %.1f s%n", label, figureRows, (System.nanoTime() - r0) / 1e9);

                TicketReports reports = oa.service(TicketReports.class);
                Actor admin = Actor.admin(T, "root");
                LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
                ReportFilter month = ReportFilter.between(today.minusDays(29), today);
                ReportFilter year = ReportFilter.between(today.minusDays(364), today);
                long createdInYear = reports.createdVsResolved(admin, year, VolumeReport.Period.WEEK).rows().stream()
                        .mapToLong(VolumeReport.Row::created).sum();
                Map<String, Double> ms30 = reportLatencies(reports, admin, month, s.runs(), out, label + " 30 days");
                Map<String, Double> ms365 = reportLatencies(reports, admin, year, s.runs(), out, label + " 365 days");
                out.printf(Locale.ROOT, "%s: report ms (median of %d) 30 days %s; 365 days %s; created in the 365 days: %d%n",
                        label, s.runs(), ms30, ms365, createdInYear);

                double[] view = queueView(oa.service(TicketQueries.class), desk, s.samples());
                out.printf(Locale.ROOT, "%s: queue view ms median=%.3f p99=%.3f (%d samples)%n", label, view[0], view[1], s.samples());

                AtomicLong failures = new AtomicLong();
                Rate[] oakit = new Rate[2];
                Rate[] floor = new Rate[2];
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
                return new Result(label, s.tickets(), loadSeconds, ms30, ms365, view[0], view[1], oakit[0].perSecond(), oakit[1].perSecond(),
                        createdInYear, failures.get(), oakit, floor);
            } finally {
                oa.close();
            }
        }
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
                ReportFilter f = ReportFilter.between(range.from().minusDays(i + 1), range.to().minusDays(i + 1));
                long t = System.nanoTime();
                call.apply(f);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            out.put(name, percentile(ms, 0.5));
            progress.printf(Locale.ROOT, "%s: %s ms median=%.1f%n", label, name, out.get(name));
        });
        return out;
    }

    /** @return [median, p99] ms of the first page of open tickets of the agent's queues, for random agents */
    private static double[] queueView(TicketQueries queries, Desk desk, int samples) {
        Random rnd = new Random(7);
        TicketQuery page = TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().page(0, 20).build();
        for (int i = 0; i < Math.max(10, samples / 10); i++) {
            queries.list(Actor.of(T, Desk.agent(rnd.nextInt(desk.agents))), page);
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            Actor a = Actor.of(T, Desk.agent(rnd.nextInt(desk.agents)));
            long t = System.nanoTime();
            queries.list(a, page);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return new double[]{percentile(ms, 0.5), percentile(ms, 0.99)};
    }

    /**
     * OAKit's routed create (a requester creates in a queue; dispatch assigns the least loaded member; SLA policy
     * {@code bench}) and the floor's same statements, in turns: a warm-up of each, then four rounds of a quarter of
     * {@code seconds} each, OAKit first.
     *
     * @return OAKit's rate and p99, the floor's
     */
    private static Rate[] alternate(OaKit oa, FloorTicketCreate floor, Desk desk, int threads, double seconds, AtomicLong failures)
            throws Exception {
        Tickets tickets = oa.service(Tickets.class);
        Creator viaOakit = (w, rnd) -> {
            int q = rnd.nextInt(desk.queues);
            tickets.create(Actor.of(T, "r" + rnd.nextInt(10_000)), NewTicket.builder("it", "打印机卡纸").queue(desk.queueKeys[q])
                    .category(desk.categories.get(rnd.nextInt(desk.categories.size()))).build());
        };
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

    /** One routed create of worker {@code w}. */
    @FunctionalInterface
    private interface Creator {
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

    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    /**
     * Writes tickets straight into the tables as a bulk import does, a few hundred rows per INSERT (with the work-list
     * columns of V62: done flag, due, priority rank). A ticket is created at a random
     * moment of the last 365 days (today included); of those older than a week 97 % are resolved (1 to 72 hours
     * later) and closed a day after, of the week's 40 %; the rest are open (new and unassigned, or
     * assigned, in progress or waiting). Resolved tickets got a first response (5 minutes to 8
     * hours), half of them had a due time (breached when resolved after it), a third were rated and
     * a fifth have a time entry. The default calendar is 24x7 in UTC, so working time is wall time.
     */
    static final class Loader {
        final Desk desk;
        final Instant now;

        Loader(Desk desk, Instant now) {
            this.desk = desk;
            this.now = now;
        }

        void load(BenchDatabase db, int n, PrintStream out, String label) throws SQLException {
            SplittableRandom rnd = new SplittableRandom(42);
            long firstId;
            try (Connection c = db.rawDataSource().getConnection()) {
                firstId = 1 + one(c, "SELECT COALESCE(MAX(id), 0) FROM oa_tk_ticket");
            }
            int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
            try (Connection c = db.rawDataSource().getConnection()) {
                c.setAutoCommit(false);
                int rows = ROWS;
                MultiRowInsert ticket = new MultiRowInsert(c, """
                        INSERT INTO oa_tk_ticket (id, tenant_id, number, type_key, title, description, category_key, priority, channel,
                            requester_id, queue_key, assignee_id, state, state_kind, overdue, due_at, fields, tags, attachments, resolutions,
                            row_version, created_by, created_at, updated_at, resolved_at, closed_at, done_flag, work_due, prio_rank) VALUES""",
                        "(?, ?, ?, 'it', ?, NULL, ?, ?, 'web', ?, ?, ?, ?, ?, FALSE, ?, '{}', '[]', '[]', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                MultiRowInsert event = new MultiRowInsert(c,
                        "INSERT INTO oa_tk_event (tenant_id, ticket_id, kind, actor_id, action, from_state, to_state, body, internal, detail, at) VALUES",
                        "(?, ?, 'CREATED', ?, 'create', NULL, 'new', NULL, FALSE, NULL, ?)", rows);
                MultiRowInsert metric = new MultiRowInsert(c, """
                        INSERT INTO oa_tk_metric (ticket_id, tenant_id, queue_key, type_key, category_key, created_at, created_day, created_week,
                            first_response_at, first_response_day, first_response_secs, first_responder, resolved_at, resolved_day, resolved_week,
                            resolution_secs, resolved_by, closed_at, reopened) VALUES""",
                        "(?, ?, ?, 'it', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", rows);
                MultiRowInsert assign = new MultiRowInsert(c,
                        "INSERT INTO oa_tk_metric_assign (tenant_id, ticket_id, agent_id, assigned_at, assigned_day) VALUES", "(?, ?, ?, ?, ?)", rows);
                MultiRowInsert sla = new MultiRowInsert(c,
                        "INSERT INTO oa_tk_metric_sla (tenant_id, ticket_id, target, breached, due_at, known_at, known_day, origin) VALUES",
                        "(?, ?, 'RESOLUTION', ?, ?, ?, ?, 'due')", rows);
                MultiRowInsert rating = new MultiRowInsert(c,
                        "INSERT INTO oa_tk_rating (tenant_id, ticket_id, resolution, score, comment, rated_by, rated_at) VALUES",
                        "(?, ?, 1, ?, NULL, ?, ?)", rows);
                MultiRowInsert time = new MultiRowInsert(c,
                        "INSERT INTO oa_tk_time (tenant_id, ticket_id, user_id, minutes, work_date, note, logged_at) VALUES",
                        "(?, ?, ?, ?, ?, NULL, ?)", rows);
                // the ticket first: a table's statement fills at the earliest with the ticket's (at most one row per ticket)
                List<MultiRowInsert> all = List.of(ticket, event, metric, assign, sla, rating, time);
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
                    String category = rnd.nextInt(10) == 0 ? null : desk.categories.get(rnd.nextInt(desk.categories.size()));
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
                    ticket.add(id, T, String.format(Locale.ROOT, "TK-%d-%07d", year, id), "工单 " + id, category, priority, requester,
                            desk.queueKeys[q], assignee, state, kind, ts(due), resolved ? 1 : 0, requester, ts(created), ts(updated),
                            ts(resolvedAt), ts(closedAt), resolved ? 1 : 0, due != null ? ts(due) : NO_DUE, rank);
                    event.add(T, id, requester, ts(created));
                    metric.add(id, T, desk.queueKeys[q], category, ts(created), day(created), week(created),
                            ts(firstResponse), firstResponse == null ? null : day(firstResponse),
                            firstResponse == null ? null : firstResponse.getEpochSecond() - created.getEpochSecond(),
                            firstResponse == null ? null : agent, ts(resolvedAt), resolvedAt == null ? null : day(resolvedAt),
                            resolvedAt == null ? null : week(resolvedAt),
                            resolvedAt == null ? null : resolvedAt.getEpochSecond() - created.getEpochSecond(),
                            resolvedAt == null ? null : agent, ts(closedAt));
                    if (assignee != null) {
                        Instant at = created.plusSeconds(60);
                        assign.add(T, id, assignee, ts(at), day(at));
                    }
                    if (due != null) {
                        sla.add(T, id, resolvedAt.isAfter(due), ts(due), ts(resolvedAt), day(resolvedAt));
                    }
                    if (resolved && rnd.nextInt(3) == 0) {
                        Instant at = resolvedAt.plusSeconds(3600).isBefore(now) ? resolvedAt.plusSeconds(3600) : resolvedAt;
                        rating.add(T, id, 1 + rnd.nextInt(5), requester, ts(at));
                    }
                    if (resolved && rnd.nextInt(5) == 0) {
                        time.add(T, id, agent, 5 + rnd.nextInt(120), day(resolvedAt), ts(resolvedAt));
                    }
                    if ((i + 1) % BATCH == 0 || i == n - 1) {
                        for (MultiRowInsert s : all) {
                            s.flush();
                        }
                        c.commit();
                    }
                    if ((i + 1) % 100_000 == 0) {
                        out.printf(Locale.ROOT, "%s: %d tickets written%n", label, i + 1);
                    }
                }
                for (MultiRowInsert s : all) {
                    s.close();
                }
                // numbers and ids continue after the loaded rows
                try (Statement st = c.createStatement()) {
                    long last = firstId + n - 1;
                    if (db.isPostgresql()) {
                        st.execute("SELECT setval(pg_get_serial_sequence('oa_tk_ticket', 'id'), " + Math.max(1, last) + ")");
                    } else {
                        st.execute("ALTER TABLE oa_tk_ticket ALTER COLUMN id RESTART WITH " + (last + 1));
                    }
                    st.execute("DELETE FROM oa_tk_counter WHERE tenant_id = '" + T + "' AND yr = " + year);
                    st.execute("INSERT INTO oa_tk_counter (tenant_id, yr, last_value) VALUES ('" + T + "', " + year + ", " + last + ")");
                }
                c.commit();
                // fresh statistics and (PostgreSQL) the visibility map, as autovacuum would soon after a bulk import: without
                // it an index-only count (the queue view's total) reads every counted row from the table
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute(db.isPostgresql() ? "VACUUM ANALYZE oa_tk_ticket, oa_tk_event, oa_tk_metric, oa_tk_metric_assign, oa_tk_metric_sla,"
                            + " oa_tk_rating, oa_tk_time" : "ANALYZE");
                }
            }
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
}
