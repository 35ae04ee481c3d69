package dev.oakit.erp;

import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.Decision;

import java.time.Duration;

import static dev.oakit.erp.BridgeFixture.ALICE;
import static dev.oakit.testing.OaAssertions.assertThatInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The purchase requisition end to end against each fake ERP: approved, it becomes exactly one
 * confirmed purchase order whose number and link are written back to the instance; withdrawn or
 * cancelled after the order, the order is cancelled in the ERP and that is recorded.
 */
class RequisitionFlowTest {
    static void approvedBecomesExactlyOneOrderWrittenBack(TestDatabase db, BridgeFixture.Erp erp) {
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        long id = f.approved("DR-1");
        RequisitionOrder o = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        assertThat(o.key()).isEqualTo("OA-t1-PR-" + id);
        assertThat(erp.orders()).containsExactlyEntriesOf(java.util.Map.of(o.key(), "confirmed"));
        assertThat(o.number()).isNotBlank();
        assertThat(o.link()).startsWith(erp.server().baseUri().toString());
        assertThatInstance(f.kit, id).hasTimelineComment("Purchase order " + o.number() + " created in", o.link());

        f.kit.as("pat").awaitOpenTask(id, BridgeFixture.WAIT).approve(id, "goods arrived");
        assertThatInstance(f.kit, id).isApproved();
        assertThat(erp.orders()).hasSize(1).containsValue("confirmed");
        assertThat(f.requisitions.orders(ALICE, id)).hasSize(1);
    }

    @DbTest
    void odooApprovedRequisitionBecomesExactlyOneConfirmedOrder(TestDatabase db) {
        approvedBecomesExactlyOneOrderWrittenBack(db, BridgeFixture.odoo(db));
    }

    @DbTest
    void erpNextApprovedRequisitionBecomesExactlyOneSubmittedOrder(TestDatabase db) {
        approvedBecomesExactlyOneOrderWrittenBack(db, BridgeFixture.erpNext(db));
    }

    static void cancelledAfterTheOrderCancelsIt(TestDatabase db, BridgeFixture.Erp erp) {
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        long id = f.approved("DR-1");
        RequisitionOrder o = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        f.approvals.cancel(ALICE, id, Decision.comment("not needed any more"));

        RequisitionOrder cancelled = f.awaitOrder(id, RequisitionOrderStatus.CANCELLED);
        assertThat(cancelled.reason()).isEqualTo("cancelled");
        assertThat(erp.orders()).containsExactlyEntriesOf(java.util.Map.of(o.key(), "cancelled"));
        assertThatInstance(f.kit, id).hasTimelineComment("Purchase order " + o.number() + " cancelled in");
        assertThat(f.oa.service(AuditLog.class).recent(BridgeFixture.ADMIN, 200)).extracting(r -> r.action())
                .contains("erp.requisition.compensate", "erp.requisition.cancelled");
    }

    @DbTest
    void odooCancelledRequisitionCancelsItsOrder(TestDatabase db) {
        cancelledAfterTheOrderCancelsIt(db, BridgeFixture.odoo(db));
    }

    @DbTest
    void erpNextCancelledRequisitionCancelsItsOrder(TestDatabase db) {
        cancelledAfterTheOrderCancelsIt(db, BridgeFixture.erpNext(db));
    }

    @DbTest
    void goodsRefusedAtReceiptRejectTheRequisitionAndCancelTheOrder(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.erpNext(db);
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        long id = f.approved("DR-1");
        RequisitionOrder o = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        f.kit.as("pat").awaitOpenTask(id, BridgeFixture.WAIT).reject(id, "wrong drills delivered");
        assertThat(f.awaitOrder(id, RequisitionOrderStatus.CANCELLED).reason()).isEqualTo("rejected");
        assertThat(erp.orders()).containsExactlyEntriesOf(java.util.Map.of(o.key(), "cancelled"));
    }

    @DbTest
    void aWithdrawnRequisitionCancelsItsOrderAndOrdersAgainWithANewKeyWhenResubmitted(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.odoo(db);
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        long id = f.approved("DR-1");
        RequisitionOrder first = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        f.kit.as("pat").awaitOpenTask(id, BridgeFixture.WAIT);
        f.approvals.withdraw(ALICE, id, Decision.comment("wrong vendor"));
        assertThat(f.awaitOrder(id, RequisitionOrderStatus.CANCELLED).reason()).isEqualTo("withdrawn");

        f.approvals.resubmit(ALICE, id, Decision.comment("again"));
        f.kit.as("bob").awaitOpenTask(id, BridgeFixture.WAIT).approve(id, null);
        RequisitionOrder second = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        assertThat(second.round()).isEqualTo(2);
        assertThat(second.key()).isEqualTo(first.key() + "-R2");
        await().atMost(Duration.ofSeconds(5)).until(() -> erp.orders().size() == 2);
        assertThat(erp.orders()).containsEntry(first.key(), "cancelled").containsEntry(second.key(), "confirmed");
    }

    @DbTest
    void aRefusedOrderIsWrittenBackWithTheErpsErrorAndOrderedAgainByAnAdministrator(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.erpNext(db);
        BridgeFixture f = BridgeFixture.start(db, null, erp);
        erp.server().failures().rejectLine("DR-1", "Item DR-1 is blocked for purchase");
        long id = f.approved("DR-1");
        RequisitionOrder o = f.awaitOrder(id, RequisitionOrderStatus.ORDER_FAILED);
        assertThat(o.lastError()).contains("Item DR-1 is blocked for purchase");
        assertThat(erp.orders()).isEmpty();
        assertThatInstance(f.kit, id).hasTimelineComment("ERPNext refused the purchase order", "blocked");

        assertThatThrownBy(() -> f.requisitions.retry(ALICE, id)).isInstanceOf(dev.oakit.core.ForbiddenException.class);
        erp.server().failures().clear(); // the item is released in the ERP
        assertThat(f.requisitions.retry(BridgeFixture.ADMIN, id).status()).isEqualTo(RequisitionOrderStatus.ORDERING);
        RequisitionOrder ordered = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        assertThat(erp.orders()).containsExactlyEntriesOf(java.util.Map.of(ordered.key(), "confirmed"));
        assertThatThrownBy(() -> f.requisitions.retry(BridgeFixture.ADMIN, id)).isInstanceOf(dev.oakit.core.ConflictException.class)
                .hasMessageContaining("ORDERED");
    }
}
