package dev.oakit.erp.masterdata;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.Webhooks;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.WebhookScheme;
import dev.oakit.integration.inbox.WebhookSpec;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ERPNext's signed webhooks of Supplier changes: verified, applied once, an older one after a newer skipped, the watermark left alone. */
class MasterDataWebhookTest {
    static final Actor SYSTEM = Actor.system("t1");

    @DbTest
    void webhooksApplyOnceAndInOrderWithoutMovingTheWatermark(TestDatabase db) {
        MasterErp erp = MasterErp.erpNext(db);
        FakeErpNext fake = (FakeErpNext) erp.server();
        fake.webhooks().subscribe("Supplier", URI.create("http://127.0.0.1:9/hook"), "s3cret");
        OaKit oa = MasterDataSyncTest.start(db, null, erp);
        MasterData md = oa.service(MasterData.class);
        Inbox inbox = oa.service(Inbox.class);
        WebhookSpec spec = WebhookSpec.of(WebhookScheme.FRAPPE, "s3cret");

        String acme = erp.vendor("Acme Supplies");
        erp.clock.advance(Duration.ofSeconds(5));
        erp.disableVendor(acme);                    // each change through the API sends a webhook
        erp.clock.advance(Duration.ofSeconds(5));
        erp.renameVendor(acme, "Acme Supplies Ltd");
        List<Webhooks.Delivery> sent = fake.webhooks().pending();
        assertThat(sent).hasSize(2);

        // the newer one first, then the older one, then the newer one again
        assertThat(md.receive(SYSTEM, "erpnext", MasterKind.VENDOR, inbox.verify(spec, sent.get(1).headers(), sent.get(1).body()))).isTrue();
        assertThat(md.receive(SYSTEM, "erpnext", MasterKind.VENDOR, inbox.verify(spec, sent.get(0).headers(), sent.get(0).body()))).isFalse();
        assertThat(md.receive(SYSTEM, "erpnext", MasterKind.VENDOR, inbox.verify(spec, sent.get(1).headers(), sent.get(1).body()))).isFalse();
        MasterRecord stored = md.record(SYSTEM, "erpnext", MasterKind.VENDOR, acme).orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.name()).isEqualTo("Acme Supplies Ltd");

        // the webhook moved no watermark: the first sync reads the vendor and finds it stored already
        SyncReport sync = md.sync(SYSTEM, "erpnext", MasterKind.VENDOR);
        assertThat(sync.pulled()).isEqualTo(1);
        assertThat(sync.applied()).isZero();
    }
}
