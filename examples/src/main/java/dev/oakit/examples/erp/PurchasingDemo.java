package dev.oakit.examples.erp;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.examples.DemoSteps;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.Role;
import dev.oakit.erp.ErpBridgePlugin;
import dev.oakit.erp.PurchaseRequisition;
import dev.oakit.erp.erpnext.ErpNextMasterFeeds;
import dev.oakit.erp.masterdata.MasterData;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.PurchaseRequisitions;
import dev.oakit.erp.RequisitionOrder;
import dev.oakit.erp.RequisitionOrderStatus;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.oakit.examples.DemoSteps.await;
import static dev.oakit.examples.DemoSteps.check;
import static dev.oakit.examples.DemoSteps.task;

/**
 * Purchasing against an ERP: a purchase requisition (采购申请) ordered in a fake ERPNext started
 * here, then a node that dies between ERPNext's commit and its own record, and a second node on the
 * same H2 database that finds the order by its key instead of ordering twice.
 */
public final class PurchasingDemo {
    private static final String T = "acme";
    private static final Actor ADMIN = Actor.admin(T, "it-admin");
    private static final Actor ALICE = Actor.of(T, "alice");
    private static final Actor QIAN = Actor.of(T, "qian");
    private static final Actor ZHOU = Actor.of(T, "zhou");

    private PurchasingDemo() {
    }

    /** Runs the purchasing part on its own H2 database under {@code data}; returns the number of checks that failed. */
    public static int run(Path data, PrintStream out) throws InterruptedException {
        int failed = 0;
        try (FakeErpNext erp = FakeErpNext.start()) {
            erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
            erp.insert("Item", Map.of("item_code", "DR-1", "item_name", "Drill"));
            ErpNextConfig config = ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret());
            ErpNextConnector erpNext = new ErpNextConnector(config);
            out.println("fake ERPNext serving at " + erp.baseUri() + " (supplier Acme Supplies, item DR-1)");
            DyingNode dying = new DyingNode(erpNext);

            out.println("\n-- a requisition end to end on node 1");
            OaKit node1 = node(data, dying, config);
            long second;
            try {
                seed(node1);
                // the requisition's vendor field offers the suppliers synced from ERPNext
                node1.service(MasterData.class).sync(ADMIN, "erpnext", MasterKind.VENDOR);
                Approvals approvals = node1.service(Approvals.class);
                ApprovalQueries queries = node1.service(ApprovalQueries.class);
                PurchaseRequisitions requisitions = node1.service(PurchaseRequisitions.class);
                long first = submit(approvals, "Drills for the workshop");
                out.println("   alice submits requisition " + first + ": 2 × DR-1 at 40.50 EUR from Acme Supplies");
                approvals.approve(QIAN, task(queries, QIAN, first).id(), Decision.comment("同意"));
                out.println("   qian approves; the order node asks ERPNext for one purchase order, key OA-acme-PR-" + first);
                RequisitionOrder order = awaitOrdered(requisitions, first);
                out.println("   ERPNext holds " + order.number() + "; written back: " + order.status() + " " + order.link());
                out.println("   timeline of requisition " + first + ":");
                timeline(queries, first).forEach(h -> out.println("     " + h.action() + " by " + h.actorId()
                        + (h.comment() == null ? "" : " — " + h.comment())));
                failed += check(out, timeline(queries, first).stream().anyMatch(h -> h.comment() != null
                        && h.comment().contains(order.number()) && h.comment().contains(order.link())), "the order's number and link are in the timeline");
                approvals.approve(ZHOU, task(queries, ZHOU, first).id(), Decision.comment("到货验收"));
                out.println("   zhou (purchasing) confirms the goods arrived: " + queries.detail(ALICE, first).instance().status());
                failed += check(out, queries.detail(ALICE, first).instance().status() == InstanceStatus.APPROVED
                        && erp.count("Purchase Order") == 1, "one requisition, one purchase order, goods received");

                out.println("\n-- crash and recover: node 1 dies between ERPNext's commit and its own record");
                erp.failures().responseDelay(Duration.ofSeconds(2)).nextCall("Purchase Order", "insert", Failure.COMMIT_THEN_TIMEOUT);
                dying.armed = true;
                second = submit(approvals, "Spare drills");
                approvals.approve(QIAN, task(queries, QIAN, second).id(), Decision.comment("同意"));
                out.println("   alice submits requisition " + second + ", qian approves; node 1 sends the order, key OA-acme-PR-" + second);
                if (!dying.died.await(DemoSteps.PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    failed += check(out, false, "node 1 sent the order");
                }
                out.println("   ERPNext committed it (" + erp.count("Purchase Order") + " purchase orders now), the answer timed out"
                        + " — and node 1 is killed before it records anything: the requisition says "
                        + requisitions.order(ALICE, second).map(RequisitionOrder::status).orElse(null));
            } finally {
                node1.close();
            }

            out.println("   node 2 starts on the same H2 database, with the plain ERPNext connector");
            try (OaKit node2 = node(data, erpNext, config)) {
                PurchaseRequisitions requisitions = node2.service(PurchaseRequisitions.class);
                ApprovalQueries queries = node2.service(ApprovalQueries.class);
                RequisitionOrder order = awaitOrdered(requisitions, second);
                out.println("   node 2 takes the write over once node 1's lease ran out, looks the key up in ERPNext and finds "
                        + order.number() + ": " + order.status());
                long inserts = erp.calls().stream().filter(c -> c.action().equals("insert") && c.target().equals("Purchase Order")).count();
                out.println("   ERPNext was asked to insert " + inserts + " purchase orders in all; it holds " + erp.count("Purchase Order")
                        + ", " + ordersWithKey(erp, "OA-acme-PR-" + second) + " with key OA-acme-PR-" + second);
                failed += check(out, ordersWithKey(erp, "OA-acme-PR-" + second) == 1 && erp.count("Purchase Order") == 2,
                        "exactly one purchase order for the requisition after the crash");
                failed += check(out, timeline(queries, second).stream().anyMatch(h -> h.comment() != null && h.comment().contains(order.number())),
                        "the recovered order's number is in the timeline");
            }
        }
        return failed;
    }

    /** A node of this demo: fast job polling and short leases, so that a dead node's work is taken over within a few seconds (the call timeout is generous: a busy machine must not time out the demo's first calls). */
    private static OaKit node(Path data, ErpConnector connector, ErpNextConfig config) {
        return OaKit.builder().dataDirectory(data).tenant(T, "ACME 公司")
                .plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin())
                .plugin(new ErpBridgePlugin(connector).masterData(ErpNextMasterFeeds.of(config)))
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S", "lease", "PT1S", "shutdownTimeout", "PT0.2S")))
                .config("integration", Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.1S", "retryMax", "PT0.5S"))
                .config("erp", Map.of("watchEvery", "PT0.05S"))
                .build().start();
    }

    private static void seed(OaKit oa) {
        Directory directory = oa.service(Directory.class);
        directory.createDepartment(ADMIN, Department.root("ops", "运营部"));
        directory.saveRole(ADMIN, new Role("purchasing", "采购"));
        directory.importUsers(ADMIN, ImportFormat.CSV, new StringReader("""
                id,name,email,manager,departments,roles,active
                qian,钱经理,qian@acme.cn,,ops,,true
                zhou,周采购,zhou@acme.cn,,ops,purchasing,true
                alice,Alice,alice@acme.cn,qian,ops,,true
                """));
        directory.updateDepartment(ADMIN, directory.department(ADMIN, "ops").withHead("qian"));
        oa.service(ProcessDefinitions.class).deploy(ADMIN, PurchaseRequisition.definition());
    }

    private static long submit(Approvals approvals, String title) {
        return approvals.start(ALICE, StartRequest.of(PurchaseRequisition.KEY, Map.of("vendor", "Acme Supplies", "currency", "EUR",
                "lines", List.of(Map.of("item", "DR-1", "quantity", 2, "unitPrice", 40.5)))).withTitle(title)).id();
    }

    private static RequisitionOrder awaitOrdered(PurchaseRequisitions requisitions, long instanceId) throws InterruptedException {
        await(() -> requisitions.order(ALICE, instanceId).filter(o -> o.status() == RequisitionOrderStatus.ORDERED).isPresent());
        Optional<RequisitionOrder> order = requisitions.order(ALICE, instanceId);
        return order.filter(o -> o.status() == RequisitionOrderStatus.ORDERED)
                .orElseThrow(() -> new IllegalStateException("requisition " + instanceId + " was not ordered: " + order));
    }

    private static List<HistoryEntry> timeline(ApprovalQueries queries, long instanceId) {
        return queries.detail(ADMIN, instanceId).timeline();
    }

    private static long ordersWithKey(FakeErpNext erp, String key) {
        return erp.documents("Purchase Order").stream().filter(d -> key.equals(d.get(erp.uniqueKeyField()))).count();
    }

}
