package dev.oakit.erp;

import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.mapping.MappingIssue;
import dev.oakit.integration.mapping.MappingStatus;
import dev.oakit.integration.mapping.MappingStatus.State;
import dev.oakit.integration.mapping.Mappings;
import dev.oakit.workflow.Monitor;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

import static dev.oakit.erp.BridgeFixture.ADMIN;
import static dev.oakit.erp.BridgeFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A field the purchase order needs is removed from the ERP's metadata while OAKit is down: once OAKit
 * starts, with no call from the host, the connector's purchase-order mapping is quarantined with a report
 * naming the field, and an approved requisition stops at its order node as an incident carrying that report
 * instead of failing in the ERP. Restored, the next check lifts the quarantine and the replayed incident
 * orders exactly once.
 */
class PurchaseOrderMetadataTest {
    static void aRemovedFieldQuarantinesTheOrderFlowAtStart(TestDatabase db, BridgeFixture.Erp erp, String entity, String field,
                                                            String rule, BiConsumer<String, String> restore) {
        String mapping = erp.connector().id() + ".purchase-order";
        BridgeFixture f = BridgeFixture.start(db, null, erp, b -> b.tenant(BridgeFixture.T, "T1"));
        Mappings mappings = f.oa.service(Mappings.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(mappings, mapping).state() == State.QUARANTINED);
        MappingStatus q = status(mappings, mapping);
        assertThat(q.issues()).extracting(MappingIssue::entity, MappingIssue::field).containsExactly(org.assertj.core.groups.Tuple.tuple(entity, field));
        assertThat(q.report()).contains("mapping '" + mapping + "' v1 quarantined", "FIELD_GONE " + entity + "." + field + " (" + rule + ")",
                "remote field '" + field + "' is gone from " + erp.connector().id() + "'s metadata of '" + entity + "'");

        long id = f.approved("DR-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> !f.queries.monitor(ADMIN).incidents().isEmpty());
        Monitor.Incident incident = f.queries.monitor(ADMIN).incidents().get(0);
        assertThat(incident.instanceId()).isEqualTo(id);
        assertThat(incident.lastError()).contains("OA-INT/MAPPING_QUARANTINED", "mapping '" + mapping + "' v1 is quarantined",
                entity + "." + field);
        assertThat(erp.orders()).as("nothing was sent to the ERP").isEmpty();
        assertThat(f.requisitions.order(ALICE, id)).isEmpty();

        restore.accept(entity, field);
        assertThat(mappings.check(ADMIN)).filteredOn(s -> s.mapping().equals(mapping)).extracting(MappingStatus::state)
                .containsExactly(State.PASSED);
        f.oa.service(Jobs.class).replay(ADMIN, incident.jobId());
        RequisitionOrder o = f.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        assertThat(erp.orders()).containsExactlyEntriesOf(Map.of(o.key(), "confirmed"));
    }

    static MappingStatus status(Mappings mappings, String mapping) {
        return mappings.statuses(ADMIN).stream().filter(s -> s.mapping().equals(mapping)).findFirst().orElseThrow();
    }

    @DbTest
    void odooWithoutTheOriginFieldQuarantinesTheOrderFlow(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.odoo(db);
        FakeOdoo odoo = (FakeOdoo) erp.server();
        odoo.removeField("purchase.order", "origin");                  // the field that carries OAKit's key
        aRemovedFieldQuarantinesTheOrderFlowAtStart(db, erp, "purchase.order", "origin", "fields[1]", odoo::restoreField);
    }

    @DbTest
    void erpNextWithoutTheRateFieldQuarantinesTheOrderFlow(TestDatabase db) {
        BridgeFixture.Erp erp = BridgeFixture.erpNext(db);
        FakeErpNext erpNext = (FakeErpNext) erp.server();
        erpNext.removeField("Purchase Order Item", "rate");
        aRemovedFieldQuarantinesTheOrderFlowAtStart(db, erp, "Purchase Order Item", "rate", "fields[5].fields[2]", erpNext::restoreField);
    }
}
