package dev.oakit.erp.docs;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.BudgetCheck;
import dev.oakit.erp.ErpBridgePlugin;
import dev.oakit.erp.PurchaseRequisition;
import dev.oakit.erp.SeededMaster;
import dev.oakit.erp.masterdata.MasterData;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.erp.PurchaseRequisitions;
import dev.oakit.erp.RequisitionOrder;
import dev.oakit.erp.RequisitionOrderStatus;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.erp.odoo.OdooConfig;
import dev.oakit.erp.odoo.OdooConnector;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The code of docs/erp-bridge.md is this class's code, compiled; and it runs against the fake ERPs. */
class ErpBridgeDocsTest {
    static OaKit start(TestDatabase db, URI odooUri, String apiKey, List<MasterFeed> feeds) {
        return db.start(b -> b
                // tag::install[]
                .plugin(new IntegrationPlugin())
                .plugin(new WorkflowPlugin())
                .plugin(new ErpBridgePlugin(new OdooConnector(
                        new OdooConfig("odoo", odooUri, "acme", "purchasing-bot@acme.example", apiKey)))
                        .masterData(feeds))   // vendors and cost centres the requisition form offers
                // end::install[]
                .config("erp", Map.of("watchEvery", "PT0.1S")));
    }

    static ErpNextConnector erpNext(URI site, String key, String secret) {
        // tag::erpnext[]
        ErpNextConnector erpNext = new ErpNextConnector(
                ErpNextConfig.of("erpnext", site, key, secret));   // the unique field custom_oakit_key
        // end::erpnext[]
        return erpNext;
    }

    static long use(OaKit oa, Actor admin, Actor alice, Actor bob) {
        // tag::use[]
        oa.service(ProcessDefinitions.class).deploy(admin, PurchaseRequisition.definition());

        Approvals approvals = oa.service(Approvals.class);
        long id = approvals.start(alice, StartRequest.of(PurchaseRequisition.KEY, Map.of(
                "vendor", "Acme Supplies", "currency", "EUR", "costCentre", "Workshop",
                "lines", List.of(Map.of("item", "DR-1", "quantity", 2, "unitPrice", 40.5))))).id();
        long task = oa.service(ApprovalQueries.class).todo(bob, TodoQuery.firstPage()).get(0).id();
        approvals.approve(bob, task, Decision.comment("ok"));      // the order node orders in the ERP

        PurchaseRequisitions requisitions = oa.service(PurchaseRequisitions.class);
        Optional<RequisitionOrder> order = requisitions.order(alice, id);  // soon ORDERING, then ORDERED
        // end::use[]
        return id;
    }

    static ProcessDefinition travel() {
        // tag::budget[]
        FormSchema.Builder travelForm = FormSchema.builder("travel")
                .text("costCentre", f -> f.required().maxLength(140))
                .number("amount", f -> f.required().scale(2));
        ProcessDefinition travel = BudgetCheck.addTo(ProcessDefinition.builder("travel")
                        .form(BudgetCheck.fields(travelForm).build()).start("start", BudgetCheck.startFields()),
                "budget", "costCentre", "amount", Duration.ofSeconds(3), "manager", "rejected", "finance")
                .approval("manager", a -> a.approver(ApproverRule.manager(1)))
                .approval("finance", a -> a.approver(ApproverRule.role("finance")))   // checks the budget by hand
                .end("approved").node(new Node.End("rejected", null, Node.Outcome.REJECTED))
                .route("start", "budget").route("finance", "manager").route("manager", "approved")
                .build();
        // end::budget[]
        return travel;
    }

    @DbTest
    void theExampleRuns(TestDatabase db) {
        try (FakeOdoo odoo = FakeOdoo.builder().database("acme").user("purchasing-bot@acme.example", "pw").apiKey("key-1").start()) {
            odoo.create("res.partner", Map.of("name", "Acme Supplies", "supplier_rank", 1));
            odoo.create("product.product", Map.of("name", "Drill", "default_code", "DR-1"));
            OaKit oa = start(db, odoo.baseUri(), "key-1", SeededMaster.of("odoo"));
            Actor admin = Actor.admin("t1", "root");
            oa.service(MasterData.class).sync(admin, "odoo", MasterKind.VENDOR);
            oa.service(MasterData.class).sync(admin, "odoo", MasterKind.COST_CENTRE);
            DirectorySeed.of(oa.service(Directory.class), admin).department("ops", null, "Operations").users("alice", "bob", "root")
                    .members("ops", "alice", "bob").head("ops", "bob").role("purchasing", "Purchasing", "bob").admins("root");
            Actor alice = Actor.of("t1", "alice");
            long id = use(oa, admin, alice, Actor.of("t1", "bob"));
            oa.service(ProcessDefinitions.class).deploy(admin, travel());
            await().atMost(Duration.ofSeconds(30)).until(() -> oa.service(PurchaseRequisitions.class).order(alice, id)
                    .filter(o -> o.status() == RequisitionOrderStatus.ORDERED).isPresent());
            assertThat(odoo.count("purchase.order")).isEqualTo(1);
        }
        try (FakeErpNext erp = FakeErpNext.start()) {
            assertThat(erpNext(erp.baseUri(), erp.apiKey(), erp.apiSecret()).id()).isEqualTo("erpnext");
        }
    }

    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/erp-bridge.md"),
                Path.of("src/test/java/dev/oakit/erp/docs/ErpBridgeDocsTest.java"))).hasSize(4);
    }
}
