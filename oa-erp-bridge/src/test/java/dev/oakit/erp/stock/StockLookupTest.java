package dev.oakit.erp.stock;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.ErpBridgePlugin;
import dev.oakit.erp.ErpErrors;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.erp.erpnext.ErpNextStock;
import dev.oakit.erp.odoo.OdooConfig;
import dev.oakit.erp.odoo.OdooConnector;
import dev.oakit.erp.odoo.OdooStock;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.workflow.WorkflowPlugin;

import dev.oakit.core.form.FormSchema;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.PartCheck;
import dev.oakit.ticket.PartStock;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.SpareParts;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;

import java.math.BigDecimal;
import java.util.List;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spare-part stock from both fake ERPs: a quantity, zero where nothing was stocked, and "unknown" when the ERP is slow or down. */
class StockLookupTest {
    static final Actor TECH = Actor.of("t1", "tech");

    static OaKit start(TestDatabase db, ErpBridgePlugin bridge) {
        return db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(bridge)
                .config("integration", Map.of("callTimeout", "PT1S", "lease", "PT2S")));
    }

    static String use(OaKit oa, Actor tech) {
        // tag::stock[]
        StockLevel drills = oa.service(StockLookup.class).available(tech, "erpnext", "DR-1", "Stores - AC");
        String line = drills.known() ? drills.quantity() + " in Stores"
                : "stock unknown: " + drills.reason();               // the ERP was slow or down; the ticket goes on
        // end::stock[]
        return line;
    }

    static ErpBridgePlugin bridge(ErpNextConfig config) {
        // tag::stock-install[]
        ErpBridgePlugin bridge = new ErpBridgePlugin(new ErpNextConnector(config))
                .stock(new ErpNextStock(config));                      // or new OdooStock(odooConfig)
        // end::stock-install[]
        return bridge;
    }

    @org.junit.jupiter.api.Test
    void theDocShowsTheCompiledCode() throws Exception {
        String doc = normalize(java.nio.file.Files.readString(java.nio.file.Path.of("../docs/erp-bridge.md")));
        String source = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/java/dev/oakit/erp/stock/StockLookupTest.java"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]",
                java.util.regex.Pattern.DOTALL).matcher(source);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(doc).as("docs/erp-bridge.md shows the '" + m.group(1) + "' code").contains(normalize(m.group(2)));
        }
        assertThat(found).isEqualTo(3);
    }

    private static String normalize(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + "\n" + b);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void erpNextAnswersFromTheBinAndUnknownWhenItIsSlowOrDown(TestDatabase db) {
        FakeErpNext erp = db.closeLater(FakeErpNext.start());
        erp.insert("Item", Map.of("item_code", "DR-1", "item_name", "Drill"));
        erp.insert("Bin", Map.of("item_code", "DR-1", "warehouse", "Stores - AC", "actual_qty", 7.0, "reserved_qty", 2.0));
        ErpNextConfig config = ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret());
        OaKit oa = start(db, bridge(config));
        StockLookup stock = oa.service(StockLookup.class);
        assertThat(use(oa, TECH)).isEqualTo("5.0 in Stores");

        StockLevel drills = stock.available(TECH, "erpnext", "DR-1", "Stores - AC");
        assertThat(drills.quantity()).isEqualByComparingTo("5");
        assertThat(drills.atLeast(new BigDecimal("5"))).isTrue();
        assertThat(stock.available(TECH, "erpnext", "DR-1", "Van 3 - AC").quantity()).isEqualByComparingTo("0");

        erp.failures().responseDelay(Duration.ofSeconds(3)).nextCall(Failure.COMMIT_THEN_TIMEOUT);
        StockLevel slow = stock.available(TECH, "erpnext", "DR-1", "Stores - AC");
        assertThat(slow.known()).isFalse();
        assertThat(slow.atLeast(BigDecimal.ONE)).isFalse();
        assertThat(slow.reason()).contains("could not be asked within PT1S");

        erp.close();
        assertThat(stock.available(TECH, "erpnext", "DR-1", "Stores - AC").reason()).contains("could not be asked");
        assertThatThrownBy(() -> stock.available(TECH, "sap", "DR-1", "Stores - AC")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.code()).isEqualTo(ErpErrors.NO_STOCK_SOURCE));
    }

    /** A field-repair ticket's parts, checked against the fake ERPNext's Bins through the tickets' SpareParts. */
    @DbTest
    void ticketsSeeTheirPartsStockAndUnknownWhenTheErpIsDown(TestDatabase db) {
        FakeErpNext erp = db.closeLater(FakeErpNext.start());
        erp.insert("Item", Map.of("item_code", "COMP-1", "item_name", "Compressor"));
        erp.insert("Item", Map.of("item_code", "FAN-7", "item_name", "Fan"));
        erp.insert("Bin", Map.of("item_code", "COMP-1", "warehouse", "Van 3 - AC", "actual_qty", 3.0, "reserved_qty", 1.0));
        ErpNextConfig config = ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret());
        // tag::stock-tickets[]
        ErpBridgePlugin bridge = new ErpBridgePlugin(new ErpNextConnector(config))
                .stock(new ErpNextStock(config))
                .stockForTickets("erpnext");                           // tickets' SpareParts ask ERPNext; needs the TicketPlugin
        // end::stock-tickets[]
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin()).plugin(bridge)
                .config("ticket", Map.of("partsTimeout", "PT1S")));
        Actor admin = Actor.admin("t1", "root");
        dev.oakit.core.testing.DirectorySeed.of(oa.service(dev.oakit.core.directory.Directory.class), admin).users("root", "alice", "erin")
                .admins("root");
        oa.service(Queues.class).saveQueue(admin, Queue.of("fac", "Facilities"));
        oa.service(TicketCatalog.class).saveType(admin, TicketType.of("field-repair", "Field repair")
                .withForm(SpareParts.addField(FormSchema.builder("field-repair")).build()).withDefaultQueue("fac"));
        Ticket t = oa.service(Tickets.class).create(Actor.of("t1", "alice"), NewTicket.builder("field-repair", "Cold store compressor")
                .field(SpareParts.FIELD, List.of(Map.of("item", "COMP-1", "quantity", 2), Map.of("item", "FAN-7"))).build());

        SpareParts parts = oa.service(SpareParts.class);
        PartCheck check = parts.check(admin, t.id(), "Van 3 - AC");
        assertThat(check.lines()).extracting(PartCheck.Line::status).containsExactly(PartCheck.Status.AVAILABLE, PartCheck.Status.SHORT);
        assertThat(check.lines().get(0).stock().available()).isEqualByComparingTo("2");

        erp.failures().responseDelay(Duration.ofSeconds(3)).nextCall(Failure.COMMIT_THEN_TIMEOUT);
        PartStock slow = parts.stock(admin, "COMP-1", "Van 3 - AC");
        assertThat(slow.known()).isFalse();
        assertThat(slow.reason()).startsWith("erpnext: the ERP could not be asked within PT1S");
        erp.close();
        assertThat(parts.check(admin, t.id(), "Van 3 - AC").status()).isEqualTo(PartCheck.Status.UNKNOWN);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void odooAnswersTheQuantityOnHand(TestDatabase db) {
        FakeOdoo odoo = db.closeLater(FakeOdoo.start());
        odoo.setQuantityOnHand(odoo.create("product.product", Map.of("name", "Drill", "default_code", "DR-1")), 4);
        OdooConfig config = new OdooConfig("odoo", odoo.baseUri(), odoo.database(), odoo.login(), odoo.apiKey());
        StockLookup stock = start(db, new ErpBridgePlugin(new OdooConnector(config)).stock(new OdooStock(config))).service(StockLookup.class);

        assertThat(stock.available(TECH, "odoo", "DR-1", "WH").quantity()).isEqualByComparingTo("4");
        assertThat(stock.available(TECH, "odoo", "NOPE-9", "WH").quantity()).isEqualByComparingTo("0");
        odoo.failures().nextCall(Failure.BAD_GATEWAY);
        assertThat(stock.available(TECH, "odoo", "DR-1", "WH").known()).isFalse();
    }
}
