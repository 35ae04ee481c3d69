package dev.oakit.erp.odoo;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.ConnectorFixture;
import dev.oakit.erp.PurchaseOrder;
import dev.oakit.erp.PurchaseOrderCancel;
import dev.oakit.erp.spi.CallBudget;
import dev.oakit.erp.spi.DocumentLink;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.erp.ConnectorFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Odoo connector through OAKit's remote writes against the fake Odoo, one test per failure: each
 * ends with exactly one confirmed {@code purchase.order} whose {@code origin} is the key, or with a dead
 * letter carrying Odoo's error and no order.
 */
class OdooConnectorTest {
    record Setup(FakeOdoo odoo, OdooConnector connector, ConnectorFixture f) {
        RemoteWrite create(String key) {
            return f.request(ErpConnector.PURCHASE_ORDER, key, order("DR-1", "SAW-2"));
        }

        void assertOneConfirmedOrder(RemoteWrite done, String key) {
            assertThat(done.status()).isEqualTo(WriteStatus.CONFIRMED);
            assertThat(odoo.records("purchase.order")).hasSize(1);
            Map<String, Object> po = odoo.record("purchase.order", Long.parseLong(done.remoteId())).orElseThrow();
            assertThat(po).containsEntry("origin", key).containsEntry("state", "purchase");
        }
    }

    static Setup start(TestDatabase db) {
        FakeOdoo odoo = db.closeLater(FakeOdoo.start());
        odoo.create("res.partner", Map.of("name", "Acme Supplies", "supplier_rank", 1));
        odoo.create("product.product", Map.of("name", "Drill", "default_code", "DR-1"));
        odoo.create("product.product", Map.of("name", "Saw", "default_code", "SAW-2"));
        OdooConnector connector = new OdooConnector(new OdooConfig("odoo", odoo.baseUri(), odoo.database(), odoo.login(), odoo.apiKey()));
        return new Setup(odoo, connector, ConnectorFixture.start(db, connector));
    }

    @DbTest
    void createsOneConfirmedOrderWithTheKeyAsOriginAndLinksToIt(TestDatabase db) throws Exception {
        Setup s = start(db);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-1"), WriteStatus.CONFIRMED);
        s.assertOneConfirmedOrder(done, "OA-t1-PR-1");
        assertThat(done.creates()).isEqualTo(1);
        assertThat(s.odoo.records("purchase.order.line")).hasSize(2);
        DocumentLink link = s.connector.documentLink(new CallContext("t1", "odoo", "link", Duration.ofSeconds(5)), ErpConnector.PURCHASE_ORDER, done.remoteId());
        assertThat(link.number()).isEqualTo(s.odoo.record("purchase.order", Long.parseLong(done.remoteId())).orElseThrow().get("name"));
        assertThat(link.url()).startsWith(s.odoo.baseUri().toString()).contains("id=" + done.remoteId()).contains("model=purchase.order");
    }

    @DbTest
    void aVendorGivenByItsPartnerIdAsTheMasterDataSyncStoresItIsOrderedFromThatPartner(TestDatabase db) {
        Setup s = start(db);
        long other = s.odoo.create("res.partner", Map.of("name", "Other Supplies", "supplier_rank", 1));
        PurchaseOrder byId = new PurchaseOrder(Long.toString(other), "EUR", null, "Drills", List.of(
                new PurchaseOrder.Line("DR-1", new BigDecimal("1"), new BigDecimal("10.00"))));
        RemoteWrite done = s.f.await(s.f.request(ErpConnector.PURCHASE_ORDER, "OA-t1-PR-9", byId), WriteStatus.CONFIRMED);
        Map<String, Object> po = s.odoo.record("purchase.order", Long.parseLong(done.remoteId())).orElseThrow();
        assertThat(((List<?>) po.get("partner_id")).get(0)).isEqualTo(other);
    }

    @DbTest
    void commitThenTimeoutIsUnknownThenFoundByOriginAndConfirmed(TestDatabase db) {
        Setup s = start(db);
        s.odoo.failures().responseDelay(Duration.ofSeconds(3)).nextCall("purchase.order", "create", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-2"), WriteStatus.CONFIRMED);
        s.assertOneConfirmedOrder(done, "OA-t1-PR-2");
        assertThat(done.creates()).isEqualTo(1);
        assertThat(s.odoo.callCount("create")).isEqualTo(1);
    }

    @DbTest
    void commitThenDropIsLookedUpToo(TestDatabase db) {
        Setup s = start(db);
        s.odoo.failures().nextCall("purchase.order", "create", Failure.COMMIT_THEN_DROP);
        s.assertOneConfirmedOrder(s.f.await(s.create("OA-t1-PR-3"), WriteStatus.CONFIRMED), "OA-t1-PR-3");
        assertThat(s.odoo.callCount("create")).isEqualTo(1);
    }

    @DbTest
    void aCreateRunTwiceByTheServerLeavesOneOrder(TestDatabase db) {
        Setup s = start(db);
        s.odoo.failures().nextCall("purchase.order", "create", Failure.RUN_TWICE);
        s.assertOneConfirmedOrder(s.f.await(s.create("OA-t1-PR-4"), WriteStatus.CONFIRMED), "OA-t1-PR-4");
        assertThat(s.odoo.callCount("unlink")).as("the replayed draft is deleted").isEqualTo(1);
    }

    @DbTest
    void aRateLimitIsWaitedOutAsAskedAndCreatesOnce(TestDatabase db) {
        Setup s = start(db);
        s.odoo.failures().retryAfter(Duration.ofSeconds(1)).nextCall("purchase.order", "create", Failure.RATE_LIMITED);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-5"), WriteStatus.CONFIRMED);
        s.assertOneConfirmedOrder(done, "OA-t1-PR-5");
        assertThat(done.updatedAt()).isAfterOrEqualTo(done.createdAt().plusSeconds(1));
    }

    @DbTest
    void aBurstOfServerErrorsAndABadGatewayEndWithOneOrder(TestDatabase db) {
        Setup s = start(db);
        s.odoo.failures().nextCalls(3, Failure.SERVER_ERROR).nextCall("purchase.order", "create", Failure.BAD_GATEWAY);
        s.assertOneConfirmedOrder(s.f.await(s.create("OA-t1-PR-6"), WriteStatus.CONFIRMED), "OA-t1-PR-6");
    }

    @DbTest
    void anExpiredLoginIsRenewedOnceAndTheCallSentAgain(TestDatabase db) {
        Setup s = start(db);
        s.odoo.failures().nextCall("purchase.order", "create", Failure.SESSION_EXPIRED);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-7"), WriteStatus.CONFIRMED);
        s.assertOneConfirmedOrder(done, "OA-t1-PR-7");
        assertThat(done.attempts()).as("renewed within the attempt").isEqualTo(1);
        assertThat(s.odoo.callCount("authenticate")).isEqualTo(2);
    }

    @DbTest
    void aValidationErrorOnOneLineIsADeadLetterWithOdoosMessageAndNoOrder(TestDatabase db) {
        Setup s = start(db);
        s.odoo.failures().rejectLine("DR-1", "The product is blocked for purchase");
        RemoteWrite dead = s.f.await(s.create("OA-t1-PR-8"), WriteStatus.FAILED);
        assertThat(dead.remoteError()).contains("ValidationError").contains("The product is blocked for purchase");
        assertThat(s.odoo.records("purchase.order")).isEmpty();
    }

    @DbTest
    void theCancellationCancelsTheOrderOnceAndFindsItCancelled(TestDatabase db) throws Exception {
        Setup s = start(db);
        RemoteWrite po = s.f.await(s.create("OA-t1-PR-9"), WriteStatus.CONFIRMED);
        s.odoo.failures().responseDelay(Duration.ofSeconds(3)).nextCall("purchase.order", "button_cancel", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite cancel = s.f.await(s.f.request(ErpConnector.PURCHASE_ORDER_CANCEL, ErpConnector.cancelKey("OA-t1-PR-9"),
                new PurchaseOrderCancel("OA-t1-PR-9", "withdrawn")), WriteStatus.CONFIRMED);
        assertThat(cancel.remoteId()).isEqualTo(po.remoteId());
        assertThat(s.odoo.record("purchase.order", Long.parseLong(po.remoteId())).orElseThrow()).containsEntry("state", "cancel");
        assertThat(s.odoo.callCount("button_cancel")).isEqualTo(1);
        assertThat(CallBudget.of(new CallContext("t1", "odoo", "x", Duration.ofSeconds(1))).next().timeout()).isPositive();
    }
}
