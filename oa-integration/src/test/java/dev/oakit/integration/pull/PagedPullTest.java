package dev.oakit.integration.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.spi.PageConsumer;
import dev.oakit.integration.spi.PulledPage;
import dev.oakit.integration.spi.RemoteRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pulls whose pages a {@link PageConsumer} applies, against the fake ERPNext: each version applied once by page, the
 * overlap applying nothing again, a version a webhook brought first skipped (also on the pull's first run, which
 * inserts without reading), our own write coming back an echo, and the links the consumer asks for written.
 */
class PagedPullTest {
    static final Actor SYSTEM = Actor.system("t1");

    // tag::page-consumer[]
    /** Links each pulled supplier and purchase order to an OAKit id in the ID map, a page at a time. */
    static final class LinkingPages implements PageConsumer {
        final List<String> applied = new CopyOnWriteArrayList<>(); // "id@version", for the test

        @Override
        public boolean consumes(String target, String entityType) {
            return target.equals("erpnext") && Set.of("Supplier", "Purchase Order").contains(entityType);
        }

        @Override
        public void apply(PulledPage page) {   // in the page's transaction: write with page.handle(), call no remote
            for (RemoteRecord r : page.records()) {
                page.link(page.entityType(), r.externalId(), "erp-" + r.externalId());
                applied.add(r.externalId() + "@" + r.version());
            }
            page.note(page.records().size() + " linked");
        }
    }
    // end::page-consumer[]

    /** Refuses the record named {@code refused} as a consumer refuses a field it cannot take; links the others. */
    static final class RefusingPages implements PageConsumer {
        volatile String refused;

        @Override
        public boolean consumes(String target, String entityType) {
            return entityType.equals("Supplier");
        }

        @Override
        public void apply(PulledPage page) {
            for (RemoteRecord r : page.records()) {
                if (r.externalId().equals(refused)) {
                    throw ValidationException.of("supplier_name", "is not a name this host accepts; rename the supplier");
                }
                page.link(page.entityType(), r.externalId(), "erp-" + r.externalId());
            }
        }
    }

    record Pages(PageConsumer consumer) implements OaPlugin {
        @Override
        public String id() {
            return "pages";
        }

        @Override
        public Set<String> requires() {
            return Set.of("integration");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(PageConsumer.class, consumer);
        }
    }

    private static PullTest.Setup start(TestDatabase db, PageConsumer pages) {
        ManualClock clock = new ManualClock(PullTest.T0);
        FakeErpNext erp = db.closeLater(FakeErpNext.builder().clock(clock).start());
        ErpNextConnector connector = new ErpNextConnector(erp.baseUri(), erp.tokenHeader());
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new ConnectorPlugin("erpnext", connector)).plugin(new Pages(pages))
                .config("integration", Map.of("callTimeout", "PT2S", "lease", "PT4S", "retryInitial", "PT0.05S", "retryMax", "PT0.2S")));
        return new PullTest.Setup(oa, oa.service(ChangePulls.class), erp, clock, connector);
    }

    /** @return the names of three new suppliers, a second apart */
    private static List<String> threeSuppliers(PullTest.Setup s) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            names.add(s.erp().insert("Supplier", Map.of("supplier_name", "S" + i)));
            s.erpClock().advance(Duration.ofSeconds(1));
        }
        return names;
    }

    private static long version(PullTest.Setup s, String doctype, String name) {
        return ErpNextConnector.version(s.erp().document(doctype, name).orElseThrow().get("modified").toString());
    }

    @DbTest
    void eachVersionIsAppliedOnceByPageAndTheOverlapAppliesNothingAgain(TestDatabase db) throws Exception {
        LinkingPages pages = new LinkingPages();
        PullTest.Setup s = start(db, pages);
        PullTest.suppliers(s, 7, Duration.ofSeconds(1));
        PullSpec spec = PullSpec.of("erpnext", "Supplier").pageSize(3).overlap(Duration.ofSeconds(2));
        PullState first = s.pull(spec);
        assertThat(first.pulled()).isEqualTo(7);
        assertThat(first.applied()).isEqualTo(7);
        assertThat(pages.applied).hasSize(7).doesNotHaveDuplicates();
        IdMap idMap = s.oa().service(IdMap.class);
        String name = pages.applied.get(3).substring(0, pages.applied.get(3).indexOf('@'));
        assertThat(idMap.localId(SYSTEM, ExternalRef.of("erpnext", "Supplier", name))).contains("erp-" + name);

        s.erpClock().advance(Duration.ofMinutes(5));
        s.update("Supplier", name, Map.of("supplier_name", "Renamed"));
        PullState second = s.pull(spec);
        assertThat(second.applied()).as("the renamed supplier; the overlap's records were stored").isEqualTo(8);
        assertThat(pages.applied).hasSize(8).last().isEqualTo(name + "@" + version(s, "Supplier", name));
        assertThat(s.pull(spec).applied()).as("read again, nothing new").isEqualTo(8);
        assertThat(pages.applied).hasSize(8);
    }

    @DbTest
    void aVersionAWebhookBroughtFirstIsSkippedByThePullsFirstPage(TestDatabase db) {
        LinkingPages pages = new LinkingPages();
        PullTest.Setup s = start(db, pages);
        List<String> names = threeSuppliers(s);
        String s1 = names.get(0);
        String s2 = names.get(1);
        String s3 = names.get(2);
        Inbox inbox = s.oa().service(Inbox.class);
        assertThat(inbox.accept(SYSTEM, InboundEvent.ofVersion("erpnext", "Supplier", s2, version(s, "Supplier", s2), "{}")
                .withDeliveryId("hook-1")).outcome()).isEqualTo(InboxReceipt.Outcome.ACCEPTED);

        PullState first = s.pull(PullSpec.of("erpnext", "Supplier"));
        assertThat(first.pulled()).isEqualTo(3);
        assertThat(first.applied()).as("the webhook's version is not applied again").isEqualTo(2);
        assertThat(pages.applied).containsExactly(s1 + "@" + version(s, "Supplier", s1), s3 + "@" + version(s, "Supplier", s3));
    }

    @DbTest
    void ourOwnPurchaseOrderComingBackIsAnEchoItsLaterChangeIsApplied(TestDatabase db) throws Exception {
        LinkingPages pages = new LinkingPages();
        PullTest.Setup s = start(db, pages);
        s.erp().insert("Supplier", Map.of("supplier_name", "Acme"));
        s.erp().insert("Item", Map.of("item_code", "DR-1"));
        RemoteWrites writes = s.oa().service(RemoteWrites.class);
        long id = writes.request(SYSTEM, new NewRemoteWrite("erpnext", "purchase-order", "PR-42", "pr-42", Map.of("supplier", "Acme",
                "items", List.of(Map.of("item_code", "DR-1", "qty", 2, "rate", 40, "schedule_date", "2026-12-31"))))).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(SYSTEM, id).orElseThrow().status() == WriteStatus.CONFIRMED);
        String po = writes.get(SYSTEM, id).orElseThrow().remoteId();

        PullState echo = s.pull(PullSpec.of("erpnext", "Purchase Order"));
        assertThat(echo.echoes()).isEqualTo(1);
        assertThat(echo.applied()).isZero();
        assertThat(pages.applied).isEmpty();

        s.erpClock().advance(Duration.ofMinutes(5));
        s.update("Purchase Order", po, Map.of("docstatus", 1));
        PullState changed = s.pull(PullSpec.of("erpnext", "Purchase Order"));
        assertThat(changed.applied()).isEqualTo(1);
        assertThat(pages.applied).containsExactly(po + "@" + version(s, "Purchase Order", po));
    }

    @DbTest
    void aRefusedRecordIsNamedWithItsFieldAndTheFixAndItsPageWaitsUntilItIsFixed(TestDatabase db) {
        RefusingPages pages = new RefusingPages();
        PullTest.Setup s = start(db, pages);
        List<String> names = threeSuppliers(s);
        String s2 = names.get(1);
        pages.refused = s2; // the second of three
        s.pulls().schedule(SYSTEM, PullSpec.of("erpnext", "Supplier"));
        PullState refused = s.awaitState("Supplier", st -> st.lastError() != null);
        assertThat(refused.lastError()).as("the pull's error names the record, its place, the field and the fix")
                .contains("record '" + s2 + "'", "record 2 of 3", "erpnext/Supplier", "field 'supplier_name'",
                        "is not a name this host accepts; rename the supplier", "Correct the record in erpnext");
        assertThat(refused.applied()).isZero();
        IdMap idMap = s.oa().service(IdMap.class);
        assertThat(idMap.localId(SYSTEM, ExternalRef.of("erpnext", "Supplier", names.get(0)))).as("the page was rolled back").isEmpty();

        pages.refused = null; // fixed: the job's next try applies the page
        PullState fixed = s.awaitState("Supplier", st -> st.lastError() == null && st.applied() == 3);
        assertThat(fixed.pulled()).isEqualTo(3);
        assertThat(idMap.localId(SYSTEM, ExternalRef.of("erpnext", "Supplier", s2))).contains("erp-" + s2);
    }
}
