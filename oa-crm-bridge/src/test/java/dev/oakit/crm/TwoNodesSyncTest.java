package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.DyingCreate;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.WorkflowPlugin;
import org.awaitility.Awaitility;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two OAKit nodes on one database: node A pulls contacts and cases from Salesforce and is killed mid-page (its
 * database pool closed while the page it read is not recorded yet), and again right after Salesforce committed the
 * upsert of a contact created in OAKit meanwhile. Node B carries on: every CRM contact is one party and one link,
 * every case one ticket, and the OAKit contact was upserted once. One server database is enough for the kill (the
 * flows run on all three in the Salesforce and Odoo flow tests).
 */
class TwoNodesSyncTest {
    private static final Actor ADMIN = Actor.admin("t1", "root");
    private static final Actor SYSTEM = Actor.system("t1");
    private static final String SF = "salesforce";
    private static final int CONTACTS = 45;
    private static final int CASES = 12;
    private static final int PAGE = 10;

    /** Node A's view of Salesforce: the second page of each feed it reads is never recorded, nor the upsert it writes. */
    static final class Dying extends ForwardingCrmConnector {
        final DyingCreate upserting = new DyingCreate(Duration.ofSeconds(8));
        final CountDownLatch diedReading = new CountDownLatch(2);
        final CountDownLatch killed = new CountDownLatch(1);

        Dying(CrmConnector real) {
            super(real);
        }

        @Override
        public List<ChangeFeed> feeds() {
            return real.feeds().stream().map(f -> f.entityType().equals(CONTACTS_FEED) || f.entityType().equals(CASES_FEED) ? dying(f) : f).toList();
        }

        private ChangeFeed dying(ChangeFeed f) {
            AtomicInteger pages = new AtomicInteger();
            return new ChangeFeed() {
                public String entityType() {
                    return f.entityType();
                }

                public List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException {
                    List<RemoteRecord> page = f.since(call, from, limit);
                    if (pages.incrementAndGet() == 2) {
                        diedReading.countDown();
                        try {
                            killed.await(20, TimeUnit.SECONDS); // read, not recorded: the node dies here
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("node A was killed after reading a page of " + f.entityType());
                    }
                    return page;
                }

                public String createOperation() {
                    return f.createOperation();
                }

                public long versionsIn(Duration overlap) {
                    return f.versionsIn(overlap);
                }
            };
        }

        @Override
        public List<RemoteCreate<?>> creates() {
            return creates(CONTACT_UPSERT, c -> upserting.wrap(c));
        }
    }

    private static final String CONTACTS_FEED = CrmConnector.CONTACTS;
    private static final String CASES_FEED = CrmConnector.CASES;

    private static OaKit node(TestDatabase db, DataSource ds, CrmConnector connector) {
        return db.start(b -> b.dataSource(ds).plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                .plugin(new CrmBridgePlugin(connector).caseRouting(CaseRouting.of(new CaseRouting.Route("service", "support", null))))
                .config("core", Map.of("jobs", Map.of("lease", "PT5S")))
                .config("integration", Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.05S", "retryMax", "PT0.3S",
                        "maxAttempts", 30)));
    }

    @DbTest
    void everyContactAndCaseArrivesOnceAndTheOakitContactIsUpsertedOnceWhenANodeDiesMidSync(TestDatabase db) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.kind() == TestDatabase.Kind.POSTGRESQL, "the kill scenario runs on PostgreSQL");
        FakeSalesforce sf = db.closeLater(FakeSalesforce.start());
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(sf.insert("Contact", Map.of("FirstName", "C", "LastName", "L" + i, "Email", "c" + i + "@acme.test")));
        }
        for (int i = 0; i < CASES; i++) {
            sf.insert("Case", Map.of("Subject", "Case " + i, "Priority", "Medium", "Status", "New", "ContactId", contacts.get(i)));
        }
        SalesforceConnector real = new SalesforceConnector(SalesforceConfig.of(SF, sf.baseUri(), sf.clientId(), sf.clientSecret(), sf.refreshToken()));
        Dying dying = new Dying(real);
        DataSource poolA = db.newPool(4);
        OaKit a = node(db, poolA, dying);
        HelpDesk.seed(a, ADMIN);
        ChangePulls pullsA = a.service(ChangePulls.class);
        for (String feed : List.of(CONTACTS_FEED, CASES_FEED)) {
            pullsA.schedule(ADMIN, new PullSpec(SF, feed, null, null, PAGE));
            pullsA.pullNow(ADMIN, SF, feed);
        }
        assertThat(dying.diedReading.await(30, TimeUnit.SECONDS)).as("node A read a second page of contacts and of cases").isTrue();
        CrmParty created = a.service(CrmCustomers.class).contactFor(Actor.of("t1", "carol"), SF, "Bob Stone", "bob@example.com", null);
        assertThat(dying.upserting.died.await(30, TimeUnit.SECONDS)).as("Salesforce committed node A's upsert").isTrue();

        OaKit b = node(db, db.newPool(4), real);
        ((AutoCloseable) poolA).close(); // node A is killed: its database goes first
        dying.killed.countDown();
        a.close();

        ChangePulls pullsB = b.service(ChangePulls.class);
        for (String feed : List.of(CONTACTS_FEED, CASES_FEED)) {
            pullsB.pullNow(ADMIN, SF, feed);
        }
        String party = "SELECT COUNT(*) FROM oa_crm_party WHERE kind = 'CONTACT'";
        String links = "SELECT COUNT(*) FROM oa_int_id_link WHERE system_id = 'salesforce' AND entity_type = '" + CONTACTS_FEED + "'";
        String caseLinks = "SELECT COUNT(*) FROM oa_int_id_link WHERE system_id = 'salesforce' AND entity_type = '" + CASES_FEED + "'";
        try {
            Awaitility.await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(100)).until(() ->
                    db.queryLong(links) == CONTACTS + 1 && db.queryLong(caseLinks) == CASES
                            && db.queryLong(party + " AND external_id IS NULL") == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("node B did not finish: " + db.queryLong(links) + " contact links, " + db.queryLong(caseLinks)
                    + " case links, " + db.queryLong(party + " AND external_id IS NULL") + " unconfirmed contacts; contacts pull "
                    + pullsB.state(ADMIN, SF, CONTACTS_FEED) + "; cases pull " + pullsB.state(ADMIN, SF, CASES_FEED), e);
        }

        assertThat(db.queryLong(party)).as("one party per CRM contact").isEqualTo(CONTACTS + 1);
        assertThat(db.queryLong("SELECT COUNT(DISTINCT external_id) FROM oa_crm_party WHERE kind = 'CONTACT'")).isEqualTo(CONTACTS + 1);
        assertThat(db.queryLong(links)).as("one link per CRM contact").isEqualTo(CONTACTS + 1);
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_tk_ticket")).as("one ticket per case").isEqualTo(CASES);
        assertThat(db.queryLong(caseLinks)).isEqualTo(CASES);
        assertThat(sf.records("Contact")).as("the OAKit contact is one CRM contact").hasSize(CONTACTS + 1)
                .filteredOn(c -> "bob@example.com".equals(c.get("Email"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("OAKit_Key__c", created.key()));
        assertThat(sf.callCount("upsert")).as("upserted once").isEqualTo(1);
    }
}
