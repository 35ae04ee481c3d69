package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.ConflictException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.TestPlugin;
import dev.oakit.integration.mapping.MappingIssue.Change;
import dev.oakit.integration.mapping.MappingStatus.State;
import dev.oakit.integration.spi.Connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MappingQuarantineTest {
    static final Actor ADMIN = Actor.admin("t1", "root");
    static final JsonNode REQUISITION = FieldMappingTest.json("""
            {"vendor": "Acme Supplies", "neededBy": "2026-03-29", "total": "80.00", "lines": [{"sku": "DR-1", "grams": 2000, "price": 40}]}""");

    /** A plugin with the ERPNext metadata connector and the mapping documents. */
    static OaPlugin erpMappings(Connector connector, List<MappingDocument> documents) {
        return TestPlugin.of("erp-mappings", context -> {
            context.extension(Connector.class, connector);
            documents.forEach(d -> context.extension(MappingDocument.class, d));
        });
    }

    static MappingDocument purchaseOrder() {
        return MappingDocument.classpath(MappingQuarantineTest.class, "mappings/purchase-order.yaml");
    }

    @DbTest
    void aRemovedFieldQuarantinesTheMappingWithAReportUntilACheckPassesAgain(TestDatabase db) throws Exception {
        try (FakeErpNext erp = FakeErpNext.start()) {
            ErpNextMetadata connector = new ErpNextMetadata("erpnext", erp.baseUri(), erp.tokenHeader());
            OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(erpMappings(connector, List.of(purchaseOrder()))));
            Mappings mappings = oa.service(Mappings.class);
            assertThat(mappings.statuses(ADMIN)).extracting(MappingStatus::state).containsExactly(State.NOT_CHECKED);

            assertThat(mappings.check(ADMIN)).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(State.PASSED));
            MappedPayload sent = mappings.toRemote(ADMIN, "purchase-order", REQUISITION);
            assertThat(sent.version()).as("the payload records its mapping version").isEqualTo(2);
            assertThat(sent.payload().at("/items/0/qty").decimalValue()).isEqualByComparingTo("2");

            erp.removeField("Purchase Order Item", "rate");           // an upgrade drops (or renames) the field
            MappingStatus q = mappings.check(ADMIN).get(0);
            assertThat(q.state()).isEqualTo(State.QUARANTINED);
            assertThat(q.issues()).singleElement().satisfies(i -> {
                assertThat(i.change()).isEqualTo(Change.FIELD_GONE);
                assertThat(i.entity()).isEqualTo("Purchase Order Item");
                assertThat(i.field()).isEqualTo("rate");
                assertThat(i.rule()).isEqualTo("fields[7].fields[2]");
            });
            assertThat(q.report()).contains("mapping 'purchase-order' v2 quarantined",
                    "FIELD_GONE Purchase Order Item.rate (fields[7].fields[2]): remote field 'rate' is gone from erpnext's metadata",
                    "restore the field in erpnext, or map to its new name in a new version of mapping 'purchase-order' v2",
                    "amount (Amount)");
            assertThatThrownBy(() -> mappings.toRemote(ADMIN, "purchase-order", REQUISITION)).isInstanceOfSatisfying(IntegrationException.class, e -> {
                assertThat(e.code()).isEqualTo(IntegrationErrors.MAPPING_QUARANTINED);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("mapping 'purchase-order' v2 is quarantined since", "Purchase Order Item.rate", "Mappings.check");
            });
            assertThat(mappings.toRemote(Actor.admin("t2", "root"), "purchase-order", REQUISITION).version())
                    .as("quarantine is per tenant: t2 never checked").isEqualTo(2);
            assertThat(mappings.statuses(ADMIN)).extracting(MappingStatus::state).containsExactly(State.QUARANTINED);
            assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_mapping_state WHERE tenant_id = 't1' AND quarantined = TRUE")).isEqualTo(1);

            erp.restoreField("Purchase Order Item", "rate");
            assertThat(mappings.check(ADMIN)).extracting(MappingStatus::state).containsExactly(State.PASSED);
            assertThat(mappings.toRemote(ADMIN, "purchase-order", REQUISITION).payload().at("/items/0/rate").decimalValue()).hasToString("40.00");
            assertThat(oa.service(AuditLog.class).recent(ADMIN, 10)).extracting(r -> r.summary()).contains(
                    "passed mapping 'purchase-order' v2",
                    "quarantined mapping 'purchase-order' v2: FIELD_GONE Purchase Order Item.rate",
                    "lifted the quarantine of mapping 'purchase-order' v2");
        }
    }

    @DbTest
    void startingOaKitChecksEveryMappingInAJobWithoutTheHostAsking(TestDatabase db) throws Exception {
        try (FakeErpNext erp = FakeErpNext.start()) {
            erp.removeField("Purchase Order Item", "rate");            // the ERP was upgraded while OAKit was down
            ErpNextMetadata connector = new ErpNextMetadata("erpnext", erp.baseUri(), erp.tokenHeader());
            OaKit oa = db.start(b -> b.tenant("t1", "T1").tenant("t2", "T2")
                    .plugin(new IntegrationPlugin()).plugin(erpMappings(connector, List.of(purchaseOrder()))));
            Mappings mappings = oa.service(Mappings.class);

            await().atMost(Duration.ofSeconds(30)).until(() -> mappings.statuses(ADMIN).get(0).state() == State.QUARANTINED);
            MappingStatus q = mappings.statuses(ADMIN).get(0);
            assertThat(q.issues()).singleElement().satisfies(i -> {
                assertThat(i.change()).isEqualTo(Change.FIELD_GONE);
                assertThat(i.field()).isEqualTo("rate");
            });
            assertThat(q.report()).contains("mapping 'purchase-order' v2 quarantined", "FIELD_GONE Purchase Order Item.rate");
            assertThatThrownBy(() -> mappings.toRemote(ADMIN, "purchase-order", REQUISITION))
                    .hasMessageContaining("Purchase Order Item.rate");
            Actor t2 = Actor.admin("t2", "root");
            await().atMost(Duration.ofSeconds(30)).until(() -> mappings.statuses(t2).get(0).state() == State.QUARANTINED);
            assertThat(oa.service(AuditLog.class).recent(ADMIN, 10)).extracting(r -> r.summary()).contains(
                    "mappings checked against the remote's metadata now that OAKit started",
                    "quarantined mapping 'purchase-order' v2: FIELD_GONE Purchase Order Item.rate");

            erp.restoreField("Purchase Order Item", "rate");
            assertThat(mappings.check(ADMIN)).extracting(MappingStatus::state).containsExactly(State.PASSED);
        }
    }

    @DbTest
    void withoutAConnectorThatReadsMetadataStartingSchedulesNoCheck(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.tenant("t1", "T1").plugin(new IntegrationPlugin())
                .plugin(TestPlugin.of("erp-mappings", context -> context.extension(MappingDocument.class, purchaseOrder()))));
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_core_job WHERE type = 'integration.mapping.check'")).isZero();
        assertThat(oa.service(Mappings.class).statuses(ADMIN)).extracting(MappingStatus::state).containsExactly(State.NOT_CHECKED);
    }

    @DbTest
    void aScheduledCheckQuarantinesWithoutAnyoneAsking(TestDatabase db) {
        try (FakeErpNext erp = FakeErpNext.start()) {
            ManualClock clock = new ManualClock(Instant.parse("2026-12-01T02:00:00Z"));
            ErpNextMetadata connector = new ErpNextMetadata("erpnext", erp.baseUri(), erp.tokenHeader());
            Mappings mappings = db.start(b -> b.clock(clock).plugin(new IntegrationPlugin()).plugin(erpMappings(connector, List.of(purchaseOrder()))))
                    .service(Mappings.class);
            mappings.checkEvery(ADMIN, Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> mappings.statuses(ADMIN).get(0).state() == State.PASSED);

            erp.removeField("Purchase Order", "supplier");              // the ERP is upgraded at night
            // the hour passes (again, should the first run have scheduled the next only after an advance)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                clock.advance(Duration.ofMinutes(61));
                return mappings.statuses(ADMIN).get(0).state() == State.QUARANTINED;
            });
            assertThat(mappings.statuses(ADMIN).get(0).issues()).extracting(MappingIssue::field).containsExactly("supplier");
            assertThatThrownBy(() -> mappings.checkEvery(ADMIN, Duration.ofSeconds(10))).hasMessageContaining("every: must be 1 minute to 7 days");
        }
    }

    @DbTest
    void aRemoteThatCannotBeReadLeavesTheStateAsItWas(TestDatabase db) {
        FakeErpNext erp = FakeErpNext.start();
        ErpNextMetadata connector = new ErpNextMetadata("erpnext", erp.baseUri(), erp.tokenHeader());
        Mappings mappings = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(erpMappings(connector, List.of(purchaseOrder()))))
                .service(Mappings.class);
        erp.removeField("Purchase Order", "supplier");
        assertThat(mappings.check(ADMIN)).extracting(MappingStatus::state).containsExactly(State.QUARANTINED);
        erp.close();
        MappingStatus s = mappings.check(ADMIN).get(0);
        assertThat(s.state()).isEqualTo(State.NOT_CHECKED);
        assertThat(s.note()).contains("the metadata could not be read", "it stays quarantined");
        assertThat(mappings.statuses(ADMIN)).extracting(MappingStatus::state).containsExactly(State.QUARANTINED);
    }

    @DbTest
    void theFirstUseStoresTheDocumentAndADifferentDocumentUnderThatVersionIsRefused(TestDatabase db) throws Exception {
        ErpNextMetadata none = new ErpNextMetadata("erpnext", java.net.URI.create("http://127.0.0.1:9"), "token x:y");
        Mappings first = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(erpMappings(none, List.of(purchaseOrder()))))
                .service(Mappings.class);
        first.toRemote(ADMIN, "purchase-order", REQUISITION);
        first.toRemote(ADMIN, "purchase-order", REQUISITION);
        assertThat(first.used("purchase-order", 2)).hasValueSatisfying(d -> assertThat(d.text()).isEqualTo(purchaseOrder().text()));
        assertThat(first.used("purchase-order", 1)).isEmpty();
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_mapping_version")).isEqualTo(1);

        // a later deployment edits v2 in place: the payloads already recorded as v2 would no longer say what was sent
        MappingDocument edited = new MappingDocument("purchase-order.yaml", purchaseOrder().text().replace("Acme Corp", "Acme GmbH"));
        Mappings second = db.start(b -> b.dataSource(db.dataSource()).plugin(new IntegrationPlugin()).plugin(erpMappings(none, List.of(edited))))
                .service(Mappings.class);
        assertThatThrownBy(() -> second.toRemote(ADMIN, "purchase-order", REQUISITION)).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.code()).isEqualTo(IntegrationErrors.MAPPING_CHANGED);
            assertThat(e.getMessage()).contains("mapping 'purchase-order' v2 (purchase-order.yaml) differs from the v2 first used on",
                    "a changed mapping needs a new version: raise it to v3");
        });
        MappingDocument reformatted = new MappingDocument("po.json", new ObjectMapper().writeValueAsString(
                new ObjectMapper(new YAMLFactory()).readTree(purchaseOrder().text())));
        Mappings third = db.start(b -> b.dataSource(db.dataSource()).plugin(new IntegrationPlugin()).plugin(erpMappings(none, List.of(reformatted))))
                .service(Mappings.class);
        assertThat(third.toRemote(ADMIN, "purchase-order", REQUISITION).version()).as("the same content as JSON is the same version").isEqualTo(2);
        assertThat(third.mapping("purchase-order").checksum()).isEqualTo(FieldMapping.parse("x", purchaseOrder().text()).checksum());
    }

    @DbTest
    void everyInvalidDocumentFailsTheBuildAtOnce(TestDatabase db) {
        MappingDocument bad = new MappingDocument("bad.yaml", """
                mapping: vendor
                version: 1
                target: erpnext
                entity: Supplier
                local: {name: string}
                fields: [{from: nme, to: supplier_name}]
                """);
        MappingDocument changed = new MappingDocument("changed.yaml", purchaseOrder().text().replace("Acme Corp", "Acme GmbH"));
        OaPlugin plugin = erpMappings(new ErpNextMetadata("erpnext", java.net.URI.create("http://127.0.0.1:9"), "token x:y"),
                List.of(bad, purchaseOrder(), changed));
        assertThatThrownBy(() -> db.start(b -> b.plugin(new IntegrationPlugin()).plugin(plugin)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "[OA-INT/MAPPING_INVALID] Invalid mapping 'vendor' v1 (bad.yaml) (1 problem): fields[0].from: unknown source field"
                                + " 'nme': it is not declared under local (known: [name]); fix the name or declare the field with its type",
                        "mapping 'purchase-order' v2 (changed.yaml) is registered twice with different contents; a changed mapping needs a new version"));
    }
}
