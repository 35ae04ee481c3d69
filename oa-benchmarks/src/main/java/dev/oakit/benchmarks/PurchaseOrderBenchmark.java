package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.erp.ErpBridgePlugin;
import dev.oakit.erp.PurchaseRequisition;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Purchase order delivery latency: from the approval of a purchase requisition to the confirmed
 * (submitted) purchase order in a fake ERPNext, with several threads approving at once. Per
 * database: boots OAKit with the ERP bridge on a fresh database and the default job and integration
 * settings, against a fake ERPNext on the loopback address; each thread submits a requisition (not
 * timed), approves it and waits until the fake holds a submitted order with the requisition's key,
 * then the next. The path measured is the whole bridge: the order node's durable job, the remote
 * write's job (claim, the HTTP insert, record). Prints one summary line per database:
 *
 * <pre>
 * mvn -B -q -pl oa-benchmarks -am -DskipTests package exec:java \
 *     -Doakit.demo.main=dev.oakit.benchmarks.PurchaseOrderBenchmark -Dbench.requisitions=2000
 * </pre>
 *
 * Settings ({@code key=value} arguments or system properties): {@code bench.dbs} (h2,postgresql),
 * {@code bench.requisitions} (measured, after {@code bench.warmup}), {@code bench.threads} (4),
 * {@code bench.pg.url}, {@code bench.pg.user}, {@code bench.pg.password}.
 */
public final class PurchaseOrderBenchmark {
    static final String T = "bench";
    static final Actor ADMIN = Actor.admin(T, "root");
    static final Actor ALICE = Actor.of(T, "alice");
    static final Actor BOB = Actor.of(T, "bob");
    /** How long one order may take before the benchmark counts it as failed. */
    static final long GIVE_UP_NANOS = 60_000_000_000L;

    private PurchaseOrderBenchmark() {
    }

    /**
     * What to run.
     *
     * @param dbs {@code h2} and/or {@code postgresql}
     * @param requisitions requisitions measured, spread over the threads
     * @param warmup requisitions run first and not measured
     * @param threads threads approving at once
     * @param pg the local PostgreSQL server
     */
    public record Settings(List<String> dbs, int requisitions, int warmup, int threads, BenchDatabase.Server pg) {
        /** Reads settings from {@code key=value} arguments, then system properties, then defaults. */
        public static Settings from(String... args) {
            BenchArgs a = BenchArgs.of(args);
            return new Settings(a.dbs("h2,postgresql"), a.integer("bench.requisitions", 400), a.integer("bench.warmup", 40),
                    a.integer("bench.threads", 4), a.pg("jdbc:postgresql://127.0.0.1:5432/test"));
        }
    }

    /**
     * Figures of one database.
     *
     * @param orders orders the fake holds at the end (warm-up included): one per requisition
     * @param failures requisitions whose order did not arrive within a minute, or that failed
     */
    public record Result(String db, int requisitions, int threads, double p50Ms, double p99Ms, double maxMs, double ordersPerSecond,
                         int orders, long failures) {
        /** @return the summary line */
        public String summary() {
            return String.format(Locale.ROOT, "po-delivery %s: %d requisitions, %d threads; approval → confirmed ERPNext order ms "
                    + "p50=%.1f p99=%.1f max=%.1f; %.1f orders/s; orders in the ERP=%d; failed=%d",
                    db, requisitions, threads, p50Ms, p99Ms, maxMs, ordersPerSecond, orders, failures);
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        List<Result> results = run(Settings.from(args), System.out);
        if (results.stream().anyMatch(r -> r.failures() > 0)) {
            System.exit(1);
        }
        System.exit(0);
    }

    /** Runs every database of the settings; prints one summary line per database at the end. */
    public static List<Result> run(Settings s, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "po-delivery benchmark %s: %s, %d cores, java %s, max heap %d MB; %d requisitions (+%d warm-up), %d threads%n",
                LocalDate.now(), s.dbs(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, s.requisitions(), s.warmup(), s.threads());
        List<Result> results = new ArrayList<>();
        for (String db : s.dbs()) {
            switch (db) {
                case "h2" -> results.add(runDb("h2", null, s));
                case "postgresql", "pg" -> results.add(runDb("postgresql", s.pg(), s));
                default -> throw new IllegalArgumentException("unknown database '" + db + "': h2 or postgresql");
            }
        }
        for (Result r : results) {
            out.println(r.summary());
        }
        out.flush();
        return results;
    }

    private static Result runDb(String label, BenchDatabase.Server server, Settings s) throws Exception {
        int pool = 10;
        try (BenchDatabase db = server == null ? BenchDatabase.h2("po", pool) : BenchDatabase.postgresql(label, server, "po", pool);
             FakeErpNext erp = FakeErpNext.start()) {
            erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
            erp.insert("Item", Map.of("item_code", "DR-1", "item_name", "Drill"));
            ErpNextConfig config = ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret());
            ErpNextConnector connector = new ErpNextConnector(config);
            try (OaKit oa = OaKit.builder().dataSource(db.rawDataSource()).tenant(T, T).plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin())
                    .plugin(new ErpBridgePlugin(connector).masterData(dev.oakit.erp.erpnext.ErpNextMasterFeeds.of(config)))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start()) {
                DirectorySeed.of(oa.service(Directory.class), ADMIN).department("ops", null, "Operations")
                        .users("alice", "bob", "pat", "root").members("ops", "alice", "bob", "pat").head("ops", "bob")
                        .role("purchasing", "Purchasing", "pat").admins("root");
                oa.service(ProcessDefinitions.class).deploy(ADMIN, PurchaseRequisition.definition());
                // the requisition's vendor field offers the suppliers synced from ERPNext
                oa.service(dev.oakit.erp.masterdata.MasterData.class).sync(ADMIN, "erpnext", dev.oakit.erp.masterdata.MasterKind.VENDOR);
                AtomicLong failures = new AtomicLong();
                measure(oa, erp, s.warmup(), s.threads(), failures);
                long t0 = System.nanoTime();
                long[] nanos = measure(oa, erp, s.requisitions(), s.threads(), failures);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Arrays.sort(nanos);
                return new Result(label, s.requisitions(), s.threads(), percentile(nanos, 0.50), percentile(nanos, 0.99),
                        nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6, s.requisitions() / seconds, erp.count("Purchase Order"),
                        failures.get());
            }
        }
    }

    /**
     * Each of {@code threads} threads submits, approves and waits for the order, {@code count} times in all; returns each
     * latency in ns. One watcher notes when each order appears in the fake: it reads the documents only when their count
     * grew, so waiting costs the fake next to nothing.
     */
    private static long[] measure(OaKit oa, FakeErpNext erp, int count, int threads, AtomicLong failures) throws Exception {
        Approvals approvals = oa.service(Approvals.class);
        ApprovalQueries queries = oa.service(ApprovalQueries.class);
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            AtomicInteger done = new AtomicInteger();
            Future<?> watcher = pool.submit(() -> {
                int known = -1;
                while (done.get() < threads) {
                    int now = erp.count("Purchase Order");
                    if (now != known) {
                        long at = System.nanoTime();
                        for (Map<String, Object> d : erp.documents("Purchase Order")) {
                            if (((Number) d.get("docstatus")).intValue() == 1) {
                                seen.putIfAbsent(String.valueOf(d.get(erp.uniqueKeyField())), at);
                            }
                        }
                        known = now;
                    }
                    LockSupport.parkNanos(200_000);
                }
                return null;
            });
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            nanos[i] = deliver(approvals, queries, seen, failures);
                        }
                    } finally {
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            watcher.get();
        } finally {
            pool.shutdownNow();
        }
        return nanos;
    }

    /** alice submits (not timed), bob approves; returns the ns from the approval until the confirmed order was seen in the fake. */
    private static long deliver(Approvals approvals, ApprovalQueries queries, Map<String, Long> seen, AtomicLong failures) {
        try {
            long id = approvals.start(ALICE, StartRequest.of(PurchaseRequisition.KEY, Map.of("vendor", "Acme Supplies",
                    "currency", "EUR", "lines", List.of(Map.of("item", "DR-1", "quantity", 2, "unitPrice", 40.5))))).id();
            long task = queries.todo(BOB, TodoQuery.firstPage()).stream()
                    .filter(x -> x.instanceId() == id).findFirst().orElseThrow().id();
            String key = "OA-" + T + "-PR-" + id;
            long t0 = System.nanoTime();
            approvals.approve(BOB, task, Decision.none());
            Long at;
            while ((at = seen.get(key)) == null) {
                if (System.nanoTime() - t0 > GIVE_UP_NANOS) {
                    throw new IllegalStateException("no confirmed order for " + key + " within a minute");
                }
                LockSupport.parkNanos(200_000);
            }
            return Math.max(0, at - t0);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            return GIVE_UP_NANOS;
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
