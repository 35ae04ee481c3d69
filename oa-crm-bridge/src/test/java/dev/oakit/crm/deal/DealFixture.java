package dev.oakit.crm.deal;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmBridgePlugin;
import dev.oakit.crm.DealApproval;
import dev.oakit.crm.DealApprovals;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.testing.OaKitHostExtension;
import dev.oakit.testing.OaTestKit;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.WorkflowPlugin;
import org.awaitility.core.ConditionTimeoutException;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;



/**
 * A fake Salesforce org and OAKit nodes with the CRM bridge on one database: alice (alice@example.com in
 * both) asks for discounts, sara is the sales director, fin is finance, lee is legal.
 */
public final class DealFixture {
    public static final String T = "t1";
    public static final String SF = "salesforce";
    public static final Actor ADMIN = Actor.admin(T, "root");
    public static final Actor SARA = Actor.of(T, "sara");
    public static final Actor FIN = Actor.of(T, "fin");
    public static final Actor LEE = Actor.of(T, "lee");
    /** Short timeouts and retries. */
    public static final Map<String, Object> FAST = Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.05S",
            "retryMax", "PT0.3S", "maxAttempts", 30);

    public final FakeSalesforce sf;
    public final OaKit oa;
    public final Approvals approvals;
    public final ApprovalQueries queries;
    public final DealApprovals deals;
    public final String account;
    /** The node's clock when the test drives time, else null; every wait for a round moves it on a second per look. */
    public ManualClock clock;
    /** oa-testing's kit over the node (on the test's clock when it drives time): acting as users, assertions on instances. */
    public OaTestKit kit;
    /** How long a test waits for a task that comes after Salesforce answered. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private DealFixture(FakeSalesforce sf, OaKit oa, String account) {
        this.sf = sf;
        this.oa = oa;
        this.approvals = oa.service(Approvals.class);
        this.queries = oa.service(ApprovalQueries.class);
        this.deals = oa.service(DealApprovals.class);
        this.account = account;
        this.kit = OaKitHostExtension.kit(oa, null, T, null);
    }

    public static SalesforceConnector connector(FakeSalesforce sf) {
        return new SalesforceConnector(SalesforceConfig.of(SF, sf.baseUri(), sf.clientId(), sf.clientSecret(), sf.refreshToken()));
    }

    /** A node on {@code ds} (the test database's own pool when null). */
    public static DealFixture node(TestDatabase db, DataSource ds, FakeSalesforce sf, Consumer<OaKitBuilder> more) {
        return node(db, ds, sf, connector(sf), more);
    }

    /** A node speaking to the fake org through the given connector. */
    public static DealFixture node(TestDatabase db, DataSource ds, FakeSalesforce sf, CrmConnector connector, Consumer<OaKitBuilder> more) {
        OaKit oa = db.start(b -> {
            if (ds != null) {
                b.dataSource(ds);
            }
            b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin()).plugin(new CrmBridgePlugin(connector))
                    .config("core", Map.of("jobs", Map.of("lease", "PT5S"))).config("integration", FAST);
            more.accept(b);
        });
        List<Map<String, Object>> accounts = sf.records("Account");
        return new DealFixture(sf, oa, accounts.isEmpty() ? null : (String) accounts.get(0).get("Id"));
    }

    /** The first node: a fake org with one account, the organisation, and the given definitions deployed. */
    public static DealFixture start(TestDatabase db, DataSource ds, ProcessDefinition... definitions) {
        return start(db, ds, null, b -> { }, definitions);
    }

    /** The first node on a clock the test moves, with more settings of the test's own. */
    public static DealFixture start(TestDatabase db, DataSource ds, ManualClock clock, Consumer<OaKitBuilder> more,
                                    ProcessDefinition... definitions) {
        FakeSalesforce sf = db.closeLater(FakeSalesforce.start());
        return start(db, ds, sf, connector(sf), clock, more, definitions);
    }

    /** The first node on the given fake org and connector. */
    public static DealFixture start(TestDatabase db, DataSource ds, FakeSalesforce sf, CrmConnector connector, ManualClock clock,
                                    Consumer<OaKitBuilder> more, ProcessDefinition... definitions) {
        sf.insert("Account", Map.of("Name", "Acme Corp"));
        DealFixture f = node(db, ds, sf, connector, b -> {
            if (clock != null) {
                b.clock(clock);
            }
            more.accept(b);
        });
        f.clock = clock;
        f.kit = OaKitHostExtension.kit(f.oa, clock, T, null);
        Directory directory = f.oa.service(Directory.class);
        directory.createUser(ADMIN, new User("alice", "Alice", "alice@example.com", null, null, true, Map.of("locale", "en"), Map.of()));
        DirectorySeed.of(directory, ADMIN).users("sara", "fin", "lee", "root")
                .role(DealApproval.SALES_DIRECTOR, "Sales director", "sara").role(DealApproval.FINANCE, "Finance", "fin")
                .role(DealApproval.LEGAL, "Legal", "lee").admins("root");
        for (ProcessDefinition d : definitions.length == 0 ? new ProcessDefinition[] {DealApproval.discount(), DealApproval.contract()}
                : definitions) {
            f.oa.service(ProcessDefinitions.class).deploy(ADMIN, d);
        }
        return f;
    }

    /** @return a quote sent for discount approval by alice */
    public String quote(String name, String discountPercent) {
        return sf.insert("Quote", Map.of("Name", name, "AccountId", account, "GrandTotal", new BigDecimal("12000.00"), "Discount",
                new BigDecimal(discountPercent), "OAKit_Approval_Status__c", "Pending", "OAKit_Requested_By__c", "alice@example.com"));
    }

    /** @return the first round of a quote alice sent for discount approval, pulled and under approval */
    public DealRequest requested(String name, String discountPercent) {
        String quote = quote(name, discountPercent);
        pull();
        return await(ApprovalRequest.Kind.DISCOUNT, quote, 1, DealStatus.IN_APPROVAL);
    }

    /** @return a contract sent for approval by alice */
    public String contract(String amount) {
        return sf.insert("Contract", Map.of("AccountId", account, "OAKit_Amount__c", new BigDecimal(amount), "OAKit_Approval_Status__c",
                "Pending", "OAKit_Requested_By__c", "alice@example.com"));
    }

    /** Pulls both request feeds now. */
    public void pull() {
        ChangePulls pulls = oa.service(ChangePulls.class);
        pulls.pullNow(ADMIN, SF, CrmConnector.DISCOUNT_REQUESTS);
        pulls.pullNow(ADMIN, SF, CrmConnector.CONTRACT_REQUESTS);
    }

    /** Waits until the record has that many rounds and the latest is in one of the statuses. */
    public DealRequest await(ApprovalRequest.Kind kind, String id, int rounds, DealStatus... statuses) {
        List<DealStatus> wanted = List.of(statuses);
        Predicate<List<DealRequest>> done = l -> l.size() == rounds && wanted.contains(l.get(l.size() - 1).status());
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> tick() && done.test(deals.rounds(ADMIN, SF, kind, id)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("request " + id + " did not reach " + rounds + " rounds, the last " + wanted + ": "
                    + deals.rounds(ADMIN, SF, kind, id), e);
        }
        List<DealRequest> l = deals.rounds(ADMIN, SF, kind, id);
        return l.get(l.size() - 1);
    }

    /** Waits until the round's status is one of those given. */
    public DealRequest awaitRound(long instanceId, DealStatus status) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> tick() && deals.byInstance(ADMIN, instanceId).map(DealRequest::status).orElse(null) == status);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("deal approval " + instanceId + " did not become " + status + ": " + deals.byInstance(ADMIN, instanceId), e);
        }
        return deals.byInstance(ADMIN, instanceId).orElseThrow();
    }

    private boolean tick() {
        if (clock != null) {
            clock.advance(Duration.ofSeconds(1));
        }
        return true;
    }

    public Map<String, Object> record(String type, String id) {
        return sf.record(type, id).orElseThrow();
    }
}
