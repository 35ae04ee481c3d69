package dev.oakit.erp.erpnext;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.ConnectorFixture;
import dev.oakit.core.ValidationException;
import dev.oakit.erp.JournalEntry;
import dev.oakit.erp.PurchaseOrderCancel;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.erp.ConnectorFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ERPNext connector through OAKit's remote writes against the fake ERPNext, one test per failure:
 * each ends with exactly one submitted Purchase Order carrying the key in its unique field, or with a
 * dead letter carrying Frappe's error and no order.
 */
class ErpNextConnectorTest {
    record Setup(FakeErpNext erp, ErpNextConnector connector, ConnectorFixture f) {
        RemoteWrite create(String key) {
            return f.request(ErpConnector.PURCHASE_ORDER, key, order("DR-1", "SAW-2"));
        }

        void assertOneSubmittedOrder(RemoteWrite done, String key) {
            assertThat(done.status()).isEqualTo(WriteStatus.CONFIRMED);
            assertThat(erp.documents("Purchase Order")).hasSize(1);
            Map<String, Object> po = erp.document("Purchase Order", done.remoteId()).orElseThrow();
            assertThat(po).containsEntry("custom_oakit_key", key);
            assertThat(((Number) po.get("docstatus")).intValue()).isEqualTo(1);
        }
    }

    static Setup start(TestDatabase db) {
        FakeErpNext erp = db.closeLater(FakeErpNext.start());
        erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
        erp.insert("Item", Map.of("item_code", "DR-1", "item_name", "Drill"));
        erp.insert("Item", Map.of("item_code", "SAW-2", "item_name", "Saw"));
        ErpNextConnector connector = new ErpNextConnector(ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret()));
        return new Setup(erp, connector, ConnectorFixture.start(db, connector));
    }

    @DbTest
    void insertsOneSubmittedOrderWithTheKeyInItsUniqueFieldAndLinksToIt(TestDatabase db) {
        Setup s = start(db);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-1"), WriteStatus.CONFIRMED);
        s.assertOneSubmittedOrder(done, "OA-t1-PR-1");
        assertThat(done.remoteId()).startsWith("PUR-ORD-");
        assertThat(s.erp.callCount("insert")).isEqualTo(1);
        assertThat(s.connector.documentLink(new CallContext("t1", "erpnext", "link", Duration.ofSeconds(1)), ErpConnector.PURCHASE_ORDER, done.remoteId()).url())
                .isEqualTo(s.erp.baseUri() + "/app/purchase-order/" + done.remoteId());
    }

    @DbTest
    void commitThenTimeoutIsUnknownThenFoundByTheKeyField(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().responseDelay(Duration.ofSeconds(3)).nextCall("insert", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-2"), WriteStatus.CONFIRMED);
        s.assertOneSubmittedOrder(done, "OA-t1-PR-2");
        assertThat(s.erp.callCount("insert")).isEqualTo(1);
    }

    @DbTest
    void commitThenDropIsLookedUpToo(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().nextCall("insert", Failure.COMMIT_THEN_DROP);
        s.assertOneSubmittedOrder(s.f.await(s.create("OA-t1-PR-3"), WriteStatus.CONFIRMED), "OA-t1-PR-3");
    }

    @DbTest
    void anInsertRunTwiceIsRefusedByTheUniqueKeyAndAnsweredWithTheFirstOrder(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().nextCall("insert", Failure.RUN_TWICE);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-4"), WriteStatus.CONFIRMED);
        s.assertOneSubmittedOrder(done, "OA-t1-PR-4");
        assertThat(done.attempts()).as("the 417 UniqueValidationError means: it exists").isEqualTo(1);
    }

    @DbTest
    void aKeyThatIsTheDocumentsNameAnswers409AndIsFoundToo(TestDatabase db) {
        FakeErpNext erp = db.closeLater(FakeErpNext.builder().purchaseOrderNamedByKey(true).start());
        erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
        erp.insert("Item", Map.of("item_code", "DR-1"));
        erp.insert("Item", Map.of("item_code", "SAW-2"));
        ErpNextConnector connector = new ErpNextConnector(ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret()));
        Setup s = new Setup(erp, connector, ConnectorFixture.start(db, connector));
        erp.failures().nextCall("insert", Failure.RUN_TWICE);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-5"), WriteStatus.CONFIRMED);
        assertThat(done.remoteId()).isEqualTo("OA-t1-PR-5");
        assertThat(erp.count("Purchase Order")).isEqualTo(1);
    }

    @DbTest
    void aRateLimitIsWaitedOutAsAskedAndInsertsOnce(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().retryAfter(Duration.ofSeconds(1)).nextCall("insert", Failure.RATE_LIMITED);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-6"), WriteStatus.CONFIRMED);
        s.assertOneSubmittedOrder(done, "OA-t1-PR-6");
        assertThat(done.updatedAt()).isAfterOrEqualTo(done.createdAt().plusSeconds(1));
        assertThat(s.erp.callCount("list")).as("a 429 applied nothing: no lookup").isZero();
    }

    @DbTest
    void aBurstOfDeadlocksAndABadGatewayEndWithOneOrder(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().nextCalls(3, "insert", Failure.SERVER_ERROR).nextCall("insert", Failure.BAD_GATEWAY);
        s.assertOneSubmittedOrder(s.f.await(s.create("OA-t1-PR-7"), WriteStatus.CONFIRMED), "OA-t1-PR-7");
    }

    @DbTest
    void a401IsSentOnceMoreAndGoesThrough(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().nextCall("insert", Failure.SESSION_EXPIRED);
        RemoteWrite done = s.f.await(s.create("OA-t1-PR-8"), WriteStatus.CONFIRMED);
        s.assertOneSubmittedOrder(done, "OA-t1-PR-8");
        assertThat(done.attempts()).isEqualTo(1);
    }

    @DbTest
    void aValidationErrorOnOneLineIsADeadLetterWithFrappesMessageAndNoOrder(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().rejectLine("SAW-2", "Item SAW-2 is blocked for purchase");
        RemoteWrite dead = s.f.await(s.create("OA-t1-PR-9"), WriteStatus.FAILED);
        assertThat(dead.remoteStatus()).isEqualTo(417);
        assertThat(dead.remoteError()).contains("Item SAW-2 is blocked for purchase");
        assertThat(s.erp.count("Purchase Order")).isZero();
    }

    @DbTest
    void theCancellationSetsDocstatus2OnceAndFindsItCancelled(TestDatabase db) {
        Setup s = start(db);
        RemoteWrite po = s.f.await(s.create("OA-t1-PR-10"), WriteStatus.CONFIRMED);
        s.erp.failures().responseDelay(Duration.ofSeconds(3)).nextCall("cancel", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite cancel = s.f.await(s.f.request(ErpConnector.PURCHASE_ORDER_CANCEL, ErpConnector.cancelKey("OA-t1-PR-10"),
                new PurchaseOrderCancel("OA-t1-PR-10", "withdrawn")), WriteStatus.CONFIRMED);
        assertThat(cancel.remoteId()).isEqualTo(po.remoteId());
        assertThat(((Number) s.erp.document("Purchase Order", po.remoteId()).orElseThrow().get("docstatus")).intValue()).isEqualTo(2);
        assertThat(s.erp.callCount("cancel")).isEqualTo(1);
    }

    static JournalEntry claim() {
        return new JournalEntry("Travel to the Lyon fair", null, List.of(
                JournalEntry.Line.debit("Travel Expenses - AC", "412.80", null),
                JournalEntry.Line.credit("Creditors - AC", "412.80")));
    }

    @DbTest
    void aJournalEntryIsPostedOnceUnderATimeoutAfterTheCommitAndARunTwice(TestDatabase db) {
        Setup s = start(db);
        s.erp.failures().responseDelay(Duration.ofSeconds(3)).nextCall("Journal Entry", "insert", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite first = s.f.await(s.f.request(ErpConnector.JOURNAL_ENTRY, "OA-t1-EX-1", claim()), WriteStatus.CONFIRMED);
        s.erp.failures().nextCall("Journal Entry", "insert", Failure.RUN_TWICE);
        RemoteWrite second = s.f.await(s.f.request(ErpConnector.JOURNAL_ENTRY, "OA-t1-EX-2", claim()), WriteStatus.CONFIRMED);

        assertThat(s.erp.documents("Journal Entry")).hasSize(2);
        Map<String, Object> je = s.erp.document("Journal Entry", first.remoteId()).orElseThrow();
        assertThat(je).containsEntry("custom_oakit_key", "OA-t1-EX-1");
        assertThat(((Number) je.get("docstatus")).intValue()).isEqualTo(1);
        assertThat(((Number) je.get("total_debit")).doubleValue()).isEqualTo(412.80);
        assertThat(s.erp.document("Journal Entry", second.remoteId()).orElseThrow()).containsEntry("custom_oakit_key", "OA-t1-EX-2");
    }

    @Test
    void anUnbalancedJournalEntryIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new JournalEntry(null, null, List.of(JournalEntry.Line.debit("Travel Expenses - AC", "10.00", null),
                JournalEntry.Line.credit("Creditors - AC", "9.99")))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("difference is 0.01");
        assertThatThrownBy(() -> JournalEntry.Line.debit("Travel Expenses - AC", "0", null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Travel Expenses - AC");
    }
}
