package dev.oakit.integration.reconcile;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.pull.ErpNextAccess;
import dev.oakit.integration.reconcile.Finding.Kind;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.FieldCheck;
import dev.oakit.integration.spi.RemoteRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Reconciliation against the fake ERPNext: orphans both ways, differing fields, the report and its CSV. */
class ReconcileTest {
    static final Actor SYSTEM = Actor.system("t1");

    @DbTest
    void findsOrphansBothWaysAndDifferingFieldsAndKeepsTheLastReport(TestDatabase db) throws Exception {
        FakeErpNext erp = db.closeLater(FakeErpNext.start());
        Connector connector = ErpNextAccess.connector(erp);
        FieldCheck names = new FieldCheck() {
            @Override
            public String target() {
                return "erpnext";
            }

            @Override
            public String entityType() {
                return "Supplier";
            }

            @Override
            public List<String> differences(String localId, RemoteRecord remote) {
                return remote.payload().contains("\"Acme\"") ? List.of("supplier_name: OAKit \"Acme, Ltd\", remote \"Acme\"") : List.of();
            }
        };
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new ConnectorPlugin("erpnext", connector, List.of(names)))
                .config("integration", Map.of("callTimeout", "PT2S", "lease", "PT4S", "retryInitial", "PT0.05S", "retryMax", "PT0.2S")));
        erp.insert("Supplier", Map.of("supplier_name", "Acme"));
        erp.insert("Supplier", Map.of("supplier_name", "Globex"));
        erp.insert("Item", Map.of("item_code", "DR-1"));
        IdMap ids = oa.service(IdMap.class);
        ids.link(SYSTEM, ExternalRef.of("erpnext", "vendor", "Acme"), "party-1");
        ids.link(SYSTEM, ExternalRef.of("erpnext", "vendor", "Initech"), "party-2");     // gone from the ERP
        RemoteWrites writes = oa.service(RemoteWrites.class);
        long kept = writes.request(SYSTEM, po("PR-1")).id();
        long deleted = writes.request(SYSTEM, po("PR-2")).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(SYSTEM, kept).orElseThrow().status() == WriteStatus.CONFIRMED
                && writes.get(SYSTEM, deleted).orElseThrow().status() == WriteStatus.CONFIRMED);
        String gone = writes.get(SYSTEM, deleted).orElseThrow().remoteId();
        HttpResponse<String> del = HttpClient.newHttpClient().send(HttpRequest.newBuilder(erp.baseUri().resolve("/api/resource/Purchase%20Order/" + gone))
                .header("Authorization", erp.tokenHeader()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(del.statusCode()).as(del.body()).isEqualTo(202);
        String orphan = erp.insert("Purchase Order", Map.of("supplier", "Acme", "custom_oakit_key", "PR-77",
                "items", List.of(Map.of("item_code", "DR-1", "qty", 1, "rate", 5, "schedule_date", "2026-12-31"))));

        Reconciliations recon = oa.service(Reconciliations.class);
        recon.schedule(SYSTEM, ReconcileSpec.of("erpnext", "Purchase Order"));
        recon.schedule(SYSTEM, ReconcileSpec.of("erpnext", "Supplier").linkType("vendor").every(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> recon.last(SYSTEM, "erpnext", "Purchase Order").isPresent()
                && recon.last(SYSTEM, "erpnext", "Supplier").isPresent());

        ReconcileReport orders = recon.last(SYSTEM, "erpnext", "Purchase Order").orElseThrow();
        assertThat(orders.remoteRecords()).isEqualTo(2);
        assertThat(orders.findings()).extracting(Finding::kind, Finding::externalId, Finding::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.REMOTE_ORPHAN, orphan, "PR-77"),
                org.assertj.core.groups.Tuple.tuple(Kind.WRITE_MISSING, gone, "PR-2"));
        ReconcileReport vendors = recon.last(SYSTEM, "erpnext", "Supplier").orElseThrow();
        assertThat(vendors.spec().every()).isEqualTo(Duration.ofHours(1));
        assertThat(vendors.findings()).extracting(Finding::kind, Finding::externalId, Finding::localId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.FIELD_DIFFERS, "Acme", "party-1"),
                org.assertj.core.groups.Tuple.tuple(Kind.LINK_MISSING, "Initech", "party-2"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(vendors.csv()))
                .getRecords();
        assertThat(rows).extracting(r -> r.get("kind") + "|" + r.get("target") + "|" + r.get("entity_type") + "|" + r.get("local_id"))
                .containsExactly("FIELD_DIFFERS|erpnext|Supplier|party-1", "LINK_MISSING|erpnext|Supplier|party-2");
        assertThat(rows.get(0).get("detail")).isEqualTo("supplier_name: OAKit \"Acme, Ltd\", remote \"Acme\"");
        assertThatThrownBy(() -> recon.last(Actor.of("t1", "bob"), "erpnext", "Supplier")).isInstanceOf(ForbiddenException.class);

        recon.schedule(SYSTEM, ReconcileSpec.of("erpnext", "Purchase Order"));         // run again: the last report replaces the first
        await().atMost(Duration.ofSeconds(30)).until(() -> recon.last(SYSTEM, "erpnext", "Purchase Order").orElseThrow().finishedAt()
                .isAfter(orders.finishedAt()));
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_recon_report WHERE entity_type = 'Purchase Order'")).isEqualTo(1);
    }

    static NewRemoteWrite po(String key) {
        return new NewRemoteWrite("erpnext", "purchase-order", key, "pr-" + key, Map.of("supplier", "Acme",
                "items", List.of(Map.of("item_code", "DR-1", "qty", 2, "rate", 40, "schedule_date", "2026-12-31"))));
    }

}
