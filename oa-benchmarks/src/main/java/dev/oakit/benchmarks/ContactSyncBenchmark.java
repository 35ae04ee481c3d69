package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.crm.CrmBridgePlugin;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Contact sync of N contacts (default 100,000) from the fake Salesforce, per database: first the fake's own serving
 * rate (the same pages read through the same feed, nothing stored), then OAKit's first sync of all of them through
 * the change pull, the inbox and the bridge (records/s, from scheduling the pull, which runs it at once, until every contact is a party and a
 * link), both in the same run; the statements of that sync are counted on its JDBC connections (every statement of
 * the node meanwhile, job polls included). Settings as system properties: {@code -Dbench.contacts=100000},
 * {@code -Dbench.dbs=h2,postgresql,mariadb} [all three; H2 in files], {@code -Dbench.pg.*} and {@code -Dbench.maria.*} as
 * {@link MasterDataBenchmark}. Run with {@code -Doakit.demo.main=dev.oakit.benchmarks.ContactSyncBenchmark}. Prints
 * one line per database:
 *
 * <pre>
 * contact-sync h2: 100000 contacts; fake alone 9000 records/s; sync 6000 records/s (0.67 of the fake); 0.020 statements/record (2000 statements); load average 1.50 before, 2.10 after
 * </pre>
 */
public final class ContactSyncBenchmark {
    static final String T = "bench";
    static final String SF = "salesforce";
    /** The most a pull reads per call. */
    static final int PAGE = 1000;
    /** How long a page's read may take, for the fake alone and the pull alike. */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);
    private final int page;

    private ContactSyncBenchmark(int page) {
        this.page = page;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int contacts = Integer.getInteger("bench.contacts", 100_000);
        List<String> dbs = List.of(System.getProperty("bench.dbs", "h2,postgresql,mariadb").split(","));
        BenchDatabase.Server pg = BenchDatabase.Server.postgresqlFromProperties();
        BenchDatabase.Server maria = BenchDatabase.Server.mariadbFromProperties();
        run(contacts, dbs, pg, maria, System.out);
    }

    static void run(int contacts, List<String> dbs, BenchDatabase.Server pg, BenchDatabase.Server maria, PrintStream out) throws Exception {
        new ContactSyncBenchmark(PAGE).runAll(contacts, dbs, pg, maria, out);
    }

    /** A run with pages of {@code page} contacts (the smoke test's small run reads several). */
    static void run(int contacts, int page, List<String> dbs, PrintStream out) throws Exception {
        new ContactSyncBenchmark(page).runAll(contacts, dbs, null, null, out);
    }

    private void runAll(int contacts, List<String> dbs, BenchDatabase.Server pg, BenchDatabase.Server maria, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "contact-sync benchmark %s: %s, %d cores, java %s, max heap %d MB, load average %.2f; %d contacts, pages of %d%n", LocalDate.now(),
                dbs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), contacts, page);
        try (FakeSalesforce sf = FakeSalesforce.builder().dailyLimit(Integer.MAX_VALUE).start()) {
            long t0 = System.nanoTime();
            for (int i = 1; i <= contacts; i++) {
                sf.insert("Contact", Map.of("FirstName", "C", "LastName", String.format(Locale.ROOT, "L%07d", i),
                        "Email", String.format(Locale.ROOT, "c%07d@example.com", i)));
            }
            out.printf(Locale.ROOT, "  loaded the fake in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            SalesforceConfig config = SalesforceConfig.of(SF, sf.baseUri(), sf.clientId(), sf.clientSecret(), sf.refreshToken());
            for (String db : dbs) {
                try (BenchDatabase d = db.equals("h2") ? BenchDatabase.h2File("contacts", 4)
                        : db.equals("mariadb") ? BenchDatabase.mariadb("mariadb", maria, "contacts", 4)
                        : BenchDatabase.postgresql("postgresql", pg, "contacts", 4)) {
                    out.println(runDb(db, d, config, contacts));
                    out.flush();
                }
            }
        }
    }

    private String runDb(String label, BenchDatabase db, SalesforceConfig config, int contacts) throws Exception {
        SalesforceConnector connector = new SalesforceConnector(config);
        double fakeRate = contacts / readAll(connector.feeds().stream().filter(f -> f.entityType().equals(CrmConnector.CONTACTS)).findFirst()
                .orElseThrow());
        OaKit oa = OaKit.builder().dataSource(db.dataSource()).tenant(T, T).plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin())
                .plugin(new TicketPlugin()).plugin(new CrmBridgePlugin(connector))
                .config("core", Map.of("audit", Map.of("sealInterval", "PT0S")))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */
                // the fake sorts every contact for each page: on a loaded machine a page of 100,000 can take longer than the default
                .config("integration", Map.of("callTimeout", CALL_TIMEOUT.toString(), "lease", CALL_TIMEOUT.multipliedBy(2).toString()))
                .build().start();
        try {
            Actor admin = Actor.admin(T, "root");
            ChangePulls pulls = oa.service(ChangePulls.class);
            db.counting(true);
            db.counter().reset();
            double loadBefore = load();
            long t0 = System.nanoTime();
            pulls.schedule(admin, new PullSpec(SF, CrmConnector.CONTACTS, null, null, page)); // and runs it now
            long done;
            while ((done = linked(db)) < contacts) {
                if (System.nanoTime() - t0 > Duration.ofHours(2).toNanos()) {
                    throw new IllegalStateException("after two hours " + done + " of " + contacts + " contacts were synced");
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double loadAfter = load();
            long statements = db.counter().count();
            db.counting(false);
            long parties = count(db, "SELECT COUNT(*) FROM oa_crm_party WHERE kind = 'CONTACT'");
            if (parties != contacts || done != contacts) {
                throw new IllegalStateException("synced " + parties + " parties and " + done + " links for " + contacts + " contacts");
            }
            double rate = contacts / seconds;
            return String.format(Locale.ROOT, "contact-sync %s: %d contacts; fake alone %.0f records/s; sync %.0f records/s (%.2f of the fake);"
                    + " %.3f statements/record (%d statements); load average %.2f before, %.2f after", label, contacts, fakeRate, rate,
                    rate / fakeRate, (double) statements / contacts, statements, loadBefore, loadAfter);
        } finally {
            oa.close();
        }
    }

    /** @return the machine's load average over the last minute, as {@code uptime} shows it */
    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** @return contacts linked in the ID map: the last step of applying one (read without counting) */
    private static long linked(BenchDatabase db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM oa_int_id_link WHERE system_id = 'salesforce' AND entity_type = 'contact'");
    }

    private static long count(BenchDatabase db, String sql) throws SQLException {
        try (Connection c = db.rawDataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** @return seconds to read every contact through the feed, page by page as a pull does, storing nothing */
    private double readAll(ChangeFeed feed) {
        CallContext call = new CallContext(T, SF, "bench", CALL_TIMEOUT);
        Watermark w = Watermark.at(0);
        long t0 = System.nanoTime();
        try {
            while (true) {
                List<RemoteRecord> page = feed.since(call, w, this.page);
                if (page.size() < this.page) {
                    return (System.nanoTime() - t0) / 1e9;
                }
                w = w.next(page);
            }
        } catch (RemoteCallException e) {
            throw new IllegalStateException(e);
        }
    }
}
