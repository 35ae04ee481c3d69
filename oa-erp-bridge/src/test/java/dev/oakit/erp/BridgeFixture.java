package dev.oakit.erp;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.erp.odoo.OdooConfig;
import dev.oakit.erp.odoo.OdooConnector;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.fakes.FakeServer;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.testing.OaKitHostExtension;
import dev.oakit.testing.OaTestKit;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowPlugin;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A fake ERP and OAKit nodes with the bridge on one database: alice asks, bob (her department's head)
 * approves, pat (role purchasing) confirms the goods arrived.
 */
public final class BridgeFixture {
    public static final String T = "t1";
    public static final Actor ADMIN = Actor.admin(T, "root");
    public static final Actor ALICE = Actor.of(T, "alice");
    public static final Actor BOB = Actor.of(T, "bob");
    public static final Actor PAT = Actor.of(T, "pat");
    public static final Actor FAY = Actor.of(T, "fay");
    /** How long a test waits for a task that comes after the ERP answered. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    /** One fake ERP, seen the same way for Odoo and ERPNext. */
    public interface Erp {
        FakeServer server();

        ErpConnector connector();

        /** @return the purchase orders the ERP holds, each as (key, state): state is confirmed or cancelled */
        Map<String, String> orders();
    }

    public static Erp odoo(TestDatabase db) {
        FakeOdoo odoo = db.closeLater(FakeOdoo.start());
        odoo.create("res.partner", Map.of("name", "Acme Supplies", "supplier_rank", 1));
        odoo.create("product.product", Map.of("name", "Drill", "default_code", "DR-1"));
        OdooConnector c = new OdooConnector(new OdooConfig("odoo", odoo.baseUri(), odoo.database(), odoo.login(), odoo.apiKey()));
        return new Erp() {
            public FakeServer server() {
                return odoo;
            }

            public ErpConnector connector() {
                return c;
            }

            public Map<String, String> orders() {
                return odoo.records("purchase.order").stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("origin"),
                        r -> r.get("state").equals("cancel") ? "cancelled" : r.get("state").equals("purchase") ? "confirmed" : "draft",
                        (a, b) -> "TWO ORDERS"));
            }
        };
    }

    /** Seeds what a journal entry needs in Odoo: the Miscellaneous journal, accounts 625100 (travel) and 211000 (payable). */
    public static void odooAccounts(FakeOdoo odoo) {
        odoo.create("account.journal", Map.of("name", "Miscellaneous Operations", "code", "MISC", "type", "general"));
        odoo.create("account.account", Map.of("code", "625100", "name", "Travel Expenses", "account_type", "expense"));
        odoo.create("account.account", Map.of("code", "211000", "name", "Account Payable", "account_type", "liability_payable"));
    }

    public static Erp erpNext(TestDatabase db) {
        FakeErpNext erp = db.closeLater(FakeErpNext.start());
        erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
        erp.insert("Item", Map.of("item_code", "DR-1", "item_name", "Drill"));
        ErpNextConnector c = new ErpNextConnector(ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret()));
        return new Erp() {
            public FakeServer server() {
                return erp;
            }

            public ErpConnector connector() {
                return c;
            }

            public Map<String, String> orders() {
                return erp.documents("Purchase Order").stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("custom_oakit_key"),
                        r -> switch (((Number) r.get("docstatus")).intValue()) {
                            case 1 -> "confirmed";
                            case 2 -> "cancelled";
                            default -> "draft";
                        }, (a, b) -> "TWO ORDERS"));
            }
        };
    }

    public final OaKit oa;
    public final Approvals approvals;
    public final ApprovalQueries queries;
    public final PurchaseRequisitions requisitions;

    /** oa-testing's kit over the node (it runs on its own clock): acting as users, assertions on instances. */
    public final OaTestKit kit;

    public BridgeFixture(OaKit oa) {
        this.oa = oa;
        this.kit = OaKitHostExtension.kit(oa, null, T, null);
        this.approvals = oa.service(Approvals.class);
        this.queries = oa.service(ApprovalQueries.class);
        this.requisitions = oa.service(PurchaseRequisitions.class);
    }

    /** A node on {@code ds} (the test database's own pool when null). */
    public static BridgeFixture node(TestDatabase db, DataSource ds, Erp erp) {
        return node(db, ds, erp, b -> { });
    }

    /** A node on {@code ds}, with more settings of the test's own. */
    public static BridgeFixture node(TestDatabase db, DataSource ds, Erp erp, java.util.function.Consumer<dev.oakit.core.OaKitBuilder> more) {
        return new BridgeFixture(db.start(b -> {
            if (ds != null) {
                b.dataSource(ds);
            }
            b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new ErpBridgePlugin(erp.connector())
                            .masterData(SeededMaster.of(erp.connector().id())))
                    .config("core", Map.of("jobs", Map.of("lease", "PT5S")))
                    .config("integration", ConnectorFixture.FAST).config("erp", Map.of("watchEvery", "PT0.1S"));
            more.accept(b);
        }));
    }

    /** The first node: seeds the organisation and deploys the requisition process. */
    public static BridgeFixture start(TestDatabase db, DataSource ds, Erp erp) {
        return start(db, ds, erp, b -> { });
    }

    /** The first node, with more settings of the test's own. */
    public static BridgeFixture start(TestDatabase db, DataSource ds, Erp erp, java.util.function.Consumer<dev.oakit.core.OaKitBuilder> more) {
        BridgeFixture f = node(db, ds, erp, more);
        DirectorySeed.of(f.oa.service(Directory.class), ADMIN).department("ops", null, "Operations")
                .users("alice", "bob", "pat", "fay", "root").members("ops", "alice", "bob", "pat", "fay").head("ops", "bob")
                .role("purchasing", "Purchasing", "pat").role("finance", "Finance", "fay").admins("root");
        f.oa.service(ProcessDefinitions.class).deploy(ADMIN, PurchaseRequisition.definition());
        f.oa.service(ProcessDefinitions.class).deploy(ADMIN, ExpenseClaim.definition());
        // the vendors and cost centres the requisition form offers
        dev.oakit.erp.masterdata.MasterData md = f.oa.service(dev.oakit.erp.masterdata.MasterData.class);
        md.sync(ADMIN, erp.connector().id(), dev.oakit.erp.masterdata.MasterKind.VENDOR);
        md.sync(ADMIN, erp.connector().id(), dev.oakit.erp.masterdata.MasterKind.COST_CENTRE);
        return f;
    }

    public static Map<String, Object> form(String item, String quantity) {
        return Map.of("vendor", "Acme Supplies", "currency", "EUR", "lines",
                List.of(Map.of("item", item, "quantity", Double.parseDouble(quantity), "unitPrice", 40.5)));
    }

    /** alice asks, bob approves: the requisition is at its order node. */
    public long approved(String item) {
        long id = approvals.start(ALICE, StartRequest.of(PurchaseRequisition.KEY, form(item, "2")).withTitle("Drills")).id();
        kit.as("bob").awaitOpenTask(id, WAIT).approve(id, "ok");
        return id;
    }

    public RequisitionOrder awaitOrder(long instanceId, RequisitionOrderStatus status) {
        Predicate<RequisitionOrder> done = o -> o.status() == status;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> requisitions.order(ALICE, instanceId).filter(done).isPresent());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("requisition " + instanceId + " did not become " + status + ": " + requisitions.order(ALICE, instanceId), e);
        }
        return requisitions.order(ALICE, instanceId).orElseThrow();
    }
}
