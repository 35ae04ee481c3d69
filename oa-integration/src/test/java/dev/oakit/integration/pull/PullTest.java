package dev.oakit.integration.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Incremental pulls against the fake ERPNext: paging, the watermark and its overlap, duplicates, echoes and a failing page. */
class PullTest {
    static final Actor SYSTEM = Actor.system("t1");
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    record Setup(OaKit oa, ChangePulls pulls, FakeErpNext erp, ManualClock erpClock, ErpNextConnector connector) {
        PullState awaitState(String entityType, Predicate<PullState> done) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pulls.state(SYSTEM, "erpnext", entityType).filter(done).isPresent());
            return pulls.state(SYSTEM, "erpnext", entityType).orElseThrow();
        }

        /** Runs a pull now and waits until it recorded its last page. */
        PullState pull(PullSpec spec) {
            Instant before = pulls.state(SYSTEM, "erpnext", spec.entityType()).map(PullState::lastRunAt).orElse(null);
            pulls.schedule(SYSTEM, spec);
            return awaitState(spec.entityType(), s -> s.lastRunAt() != null && !s.lastRunAt().equals(before) && s.lastError() == null
                    && !s.running());
        }

        void update(String doctype, String name, Map<String, Object> fields) throws Exception {
            HttpRequest put = HttpRequest.newBuilder(erp.baseUri().resolve("/api/resource/" + doctype.replace(" ", "%20") + "/" + name))
                    .header("Authorization", erp.tokenHeader()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(ErpNextConnector.JSON.writeValueAsString(fields))).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    static Setup start(TestDatabase db) {
        ManualClock clock = new ManualClock(T0);
        FakeErpNext erp = db.closeLater(FakeErpNext.builder().clock(clock).start());
        ErpNextConnector connector = new ErpNextConnector(erp.baseUri(), erp.tokenHeader());
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new ConnectorPlugin("erpnext", connector))
                .config("integration", Map.of("callTimeout", "PT2S", "lease", "PT4S", "retryInitial", "PT0.05S", "retryMax", "PT0.2S")));
        return new Setup(oa, oa.service(ChangePulls.class), erp, clock, connector);
    }

    static void suppliers(Setup s, int n, Duration apart) {
        for (int i = 1; i <= n; i++) {
            s.erp.insert("Supplier", Map.of("supplier_name", "S" + i));
            s.erpClock.advance(apart);
        }
    }

    @DbTest
    void pagesThroughEverythingThenReadsOnlyTheOverlapAndSkipsWhatItSaw(TestDatabase db) throws Exception {
        Setup s = start(db);
        suppliers(s, 7, Duration.ofSeconds(1));
        PullSpec spec = PullSpec.of("erpnext", "Supplier").pageSize(3).overlap(Duration.ofSeconds(2));
        PullState first = s.pull(spec);
        assertThat(first.pulled()).isEqualTo(7);
        assertThat(first.applied()).isEqualTo(7);
        assertThat(first.watermark()).isEqualTo(ErpNextConnector.version(s.erp.document("Supplier", "S7").orElseThrow().get("modified").toString()));
        assertThat(s.connector.reads).as("3 + 3 + 1").hasValue(3);

        s.erpClock.advance(Duration.ofSeconds(10));
        s.update("Supplier", "S3", Map.of("supplier_group", "Hardware"));
        PullState second = s.pull(spec);
        assertThat(second.applied()).as("only S3's new version").isEqualTo(8);
        assertThat(second.pulled()).as("S5, S6 and S7 again (within two seconds of the watermark), and S3").isEqualTo(7 + 4);
        assertThat(s.oa.service(Inbox.class).accept(SYSTEM, InboundEvent.ofVersion("erpnext", "Supplier", "S3", second.watermark(), null))
                .outcome()).as("a webhook of the change pulled").isEqualTo(InboxReceipt.Outcome.DUPLICATE);
    }

    @DbTest
    void manyRecordsWithOneVersionArePagedBySkippingThoseRead(TestDatabase db) {
        Setup s = start(db);
        suppliers(s, 8, Duration.ZERO);
        PullState done = s.pull(PullSpec.of("erpnext", "Supplier").pageSize(3));
        assertThat(done.pulled()).isEqualTo(8);
        assertThat(done.applied()).isEqualTo(8);
        assertThat(s.connector.reads).as("3 + 3 + 2").hasValue(3);
    }

    @DbTest
    void theOverlapCatchesAChangeStampedBeforeTheWatermarkThatCommittedAfterIt(TestDatabase db) {
        Setup s = start(db);
        s.erpClock.advance(Duration.ofSeconds(10));
        s.erp.insert("Supplier", Map.of("supplier_name", "Early"));
        PullState first = s.pull(PullSpec.of("erpnext", "Supplier").overlap(Duration.ZERO));
        assertThat(first.applied()).isEqualTo(1);

        s.erpClock.set(T0.plusSeconds(5));            // another worker of the remote commits late, stamped earlier
        s.erp.insert("Supplier", Map.of("supplier_name", "Late"));
        assertThat(s.pull(PullSpec.of("erpnext", "Supplier").overlap(Duration.ZERO)).applied()).as("without an overlap: missed").isEqualTo(1);
        PullState caught = s.pull(PullSpec.of("erpnext", "Supplier").overlap(Duration.ofSeconds(30)));
        assertThat(caught.applied()).isEqualTo(2);
        assertThat(caught.watermark()).as("never lowered").isEqualTo(first.watermark());
    }

    @DbTest
    void aReadFailingMidRunLeavesTheWatermarkAtTheLastRecordedPageAndTheRetryAppliesEachOnce(TestDatabase db) {
        Setup s = start(db);
        suppliers(s, 5, Duration.ofSeconds(1));
        s.connector.beforeRead = n -> {
            if (n == 2) {
                s.erp.failures().nextCall("list", Failure.SERVER_ERROR);
            }
        };
        s.pulls.schedule(SYSTEM, PullSpec.of("erpnext", "Supplier").pageSize(2).overlap(Duration.ZERO));
        PullState failed = s.awaitState("Supplier", st -> st.lastError() != null || st.pulled() == 5);
        long s2 = ErpNextConnector.version(s.erp.document("Supplier", "S2").orElseThrow().get("modified").toString());
        if (failed.lastError() != null) {
            assertThat(failed.watermark()).as("the first page only").isEqualTo(s2);
            assertThat(failed.lastError()).contains("QueryDeadlockError");
        }
        PullState done = s.awaitState("Supplier", st -> st.lastError() == null && st.applied() == 5 && s.connector.reads.get() >= 4);
        assertThat(done.applied()).isEqualTo(5);
        assertThat(done.pulled()).as("S1, S2, then from the watermark again: S2 (a duplicate), S3, S4, S5").isEqualTo(6);
        assertThat(s.erp.calls()).filteredOn(c -> c.status() == 500).hasSize(1);
    }

    @DbTest
    void ourOwnPurchaseOrderComingBackIsAnEchoItsLaterChangesAreApplied(TestDatabase db) throws Exception {
        Setup s = start(db);
        s.erp.insert("Supplier", Map.of("supplier_name", "Acme"));
        s.erp.insert("Item", Map.of("item_code", "DR-1"));
        RemoteWrites writes = s.oa.service(RemoteWrites.class);
        long id = writes.request(SYSTEM, new NewRemoteWrite("erpnext", "purchase-order", "PR-42", "pr-42", Map.of("supplier", "Acme",
                "items", List.of(Map.of("item_code", "DR-1", "qty", 2, "rate", 40, "schedule_date", "2026-12-31"))))).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(SYSTEM, id).orElseThrow().status() == WriteStatus.CONFIRMED);
        String po = writes.get(SYSTEM, id).orElseThrow().remoteId();

        PullState echo = s.pull(PullSpec.of("erpnext", "Purchase Order"));
        assertThat(echo.pulled()).isEqualTo(1);
        assertThat(echo.echoes()).isEqualTo(1);
        assertThat(echo.applied()).isZero();

        s.erpClock.advance(Duration.ofMinutes(5));
        s.update("Purchase Order", po, Map.of("docstatus", 1));        // submitted in the ERP: the remote's own change
        PullState changed = s.pull(PullSpec.of("erpnext", "Purchase Order"));
        assertThat(changed.applied()).isEqualTo(1);
        assertThat(changed.echoes()).isEqualTo(1);
    }
}
