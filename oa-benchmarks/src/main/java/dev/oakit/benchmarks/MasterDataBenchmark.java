package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.erp.ErpBridgePlugin;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.erp.erpnext.ErpNextMasterFeeds;
import dev.oakit.erp.masterdata.MasterData;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.SyncReport;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Master-data sync of N vendors (default 100,000) from the fake ERPNext, per database: first the fake's own
 * serving rate (the same pages read through the same feed, nothing stored), then OAKit's first sync of all
 * of them (records/s), both in the same run, so the
 * ratio says what storing costs on top of reading; then the statements per record of the same sync for a second
 * tenant, counted on the JDBC connections. Settings as system properties: {@code -Dbench.vendors=100000},
 * {@code -Dbench.dbs=h2,postgresql,mariadb} [h2,postgresql], {@code -Dbench.pg.url/user/password} as the other benchmarks,
 * {@code -Dbench.maria.url} [jdbc:mariadb://127.0.0.1:3306/test], {@code -Dbench.maria.user} [root], {@code -Dbench.maria.password} []. Run with
 * {@code -Doakit.demo.main=dev.oakit.benchmarks.MasterDataBenchmark}. Prints one line per database:
 *
 * <pre>
 * master-data h2: 100000 vendors; fake alone 5876 records/s; sync 3895 records/s (0.66 of the fake); 0.0060 statements/record (603 statements)
 * </pre>
 */
public final class MasterDataBenchmark {
    static final String T = "bench";
    /** A second tenant whose sync of the same vendors is counted (the counter's proxy would slow the measured one). */
    static final String COUNTED = "bench-counted";

    private MasterDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int vendors = Integer.getInteger("bench.vendors", 100_000);
        List<String> dbs = List.of(System.getProperty("bench.dbs", "h2,postgresql").split(","));
        BenchDatabase.Server pg = BenchDatabase.Server.postgresqlFromProperties();
        BenchDatabase.Server maria = BenchDatabase.Server.mariadbFromProperties();
        run(vendors, dbs, pg, maria, System.out);
    }

    static void run(int vendors, List<String> dbs, BenchDatabase.Server pg, PrintStream out) throws Exception {
        run(vendors, dbs, pg, null, out);
    }

    static void run(int vendors, List<String> dbs, BenchDatabase.Server pg, BenchDatabase.Server maria, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "master-data benchmark %s: %s, %d cores, java %s, max heap %d MB, load average %.2f; %d vendors%n", LocalDate.now(), dbs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), vendors);
        try (FakeErpNext erp = FakeErpNext.start()) {
            long t0 = System.nanoTime();
            for (int i = 1; i <= vendors; i++) {
                erp.insert("Supplier", Map.of("supplier_name", String.format(Locale.ROOT, "V%07d", i)));
            }
            out.printf(Locale.ROOT, "  loaded the fake in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            ErpNextConfig config = ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret());
            for (String db : dbs) {
                try (BenchDatabase d = db.equals("h2") ? BenchDatabase.h2("masterdata", 4)
                        : db.equals("mariadb") ? BenchDatabase.mariadb("mariadb", maria, "masterdata", 4)
                        : BenchDatabase.postgresql("postgresql", pg, "masterdata", 4)) {
                    out.println(runDb(db, d, config, vendors));
                }
            }
        }
    }

    private static String runDb(String label, BenchDatabase db, ErpNextConfig config, int vendors) {
        MasterFeed feed = ErpNextMasterFeeds.of(config).stream().filter(f -> f.kind() == MasterKind.VENDOR).findFirst().orElseThrow();
        double fakeRate = vendors / readAll(feed);
        OaKit oa = OaKit.builder().dataSource(db.dataSource()).tenant(T, T).tenant(COUNTED, COUNTED).plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin())
                .plugin(new ErpBridgePlugin(new ErpNextConnector(config)).masterData(ErpNextMasterFeeds.of(config)))
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start();
        try {
            MasterData md = oa.service(MasterData.class);
            long t0 = System.nanoTime();
            SyncReport r = md.sync(Actor.system(T), "erpnext", MasterKind.VENDOR);
            double seconds = (System.nanoTime() - t0) / 1e9;
            db.counting(true);
            db.counter().reset();
            SyncReport counted = md.sync(Actor.system(COUNTED), "erpnext", MasterKind.VENDOR);
            long statements = db.counter().count();
            db.counting(false);
            if (r.applied() != vendors || counted.applied() != vendors) {
                throw new IllegalStateException("synced " + r.applied() + " and " + counted.applied() + " of " + vendors + " vendors");
            }
            double rate = vendors / seconds;
            return String.format(Locale.ROOT, "master-data %s: %d vendors; fake alone %.0f records/s; sync %.0f records/s (%.2f of the fake);"
                    + " %.4f statements/record (%d statements)", label, vendors, fakeRate, rate, rate / fakeRate, (double) statements / vendors, statements);
        } finally {
            oa.close();
        }
    }

    /** @return seconds to read every record through the feed, page by page as a sync does, storing nothing */
    private static double readAll(MasterFeed feed) {
        CallContext call = new CallContext(T, "erpnext", "bench", Duration.ofSeconds(30));
        Watermark w = Watermark.at(0);
        long t0 = System.nanoTime();
        try {
            while (true) {
                List<RemoteRecord> page = feed.since(call, w, 500);
                page.forEach(feed::values);
                if (page.size() < 500) {
                    return (System.nanoTime() - t0) / 1e9;
                }
                w = w.next(page);
            }
        } catch (dev.oakit.integration.spi.RemoteCallException e) {
            throw new IllegalStateException(e);
        }
    }
}
