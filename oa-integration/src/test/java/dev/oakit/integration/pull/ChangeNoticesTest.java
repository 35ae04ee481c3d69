package dev.oakit.integration.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.integration.pull.PullTest.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Webhooks that only name a record: read now through the feed, accepted as a pull accepts it. */
class ChangeNoticesTest {
    @DbTest
    void aNoticeReadsTheRecordAndAppliesItOnceWithThePull(TestDatabase db) throws Exception {
        PullTest.Setup s = PullTest.start(db);
        ChangeNotices notices = s.oa().service(ChangeNotices.class);
        s.erp().insert("Supplier", Map.of("supplier_name", "Acme"));
        assertThat(notices.changed(SYSTEM, "erpnext", "Supplier", "Acme")).map(InboxReceipt::outcome).contains(InboxReceipt.Outcome.ACCEPTED);
        assertThat(notices.changed(SYSTEM, "erpnext", "Supplier", "Acme")).as("a repeated notice")
                .map(InboxReceipt::outcome).contains(InboxReceipt.Outcome.DUPLICATE);
        assertThat(s.pull(PullSpec.of("erpnext", "Supplier")).applied()).as("the pull reads the same version").isZero();

        s.erpClock().advance(Duration.ofSeconds(5));
        s.update("Supplier", "Acme", Map.of("supplier_group", "Hardware"));
        assertThat(notices.changed(SYSTEM, "erpnext", "Supplier", "Acme")).map(InboxReceipt::outcome).contains(InboxReceipt.Outcome.ACCEPTED);
        assertThat(notices.changed(SYSTEM, "erpnext", "Supplier", "Nobody")).as("no such record").isEmpty();
        assertThatThrownBy(() -> notices.changed(Actor.of("t1", "bob"), "erpnext", "Supplier", "Acme")).isInstanceOf(ForbiddenException.class);
    }

    @DbTest
    void aScheduledNoticeReadsTheRecordOnceItIsAtTheVersionItNames(TestDatabase db) throws Exception {
        PullTest.Setup s = PullTest.start(db);
        ChangeNotices notices = s.oa().service(ChangeNotices.class);
        s.erp().insert("Supplier", Map.of("supplier_name", "Acme"));
        long now = ErpNextConnector.version(s.erp().document("Supplier", "Acme").orElseThrow().get("modified").toString());
        // the sender posts before it commits: the notice names a version the record does not have yet
        notices.notice(SYSTEM, "erpnext", "Supplier", "Acme", now + 5_000_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> s.erp().callCount("list") >= 2); // read, too old, read again
        s.erpClock().advance(Duration.ofSeconds(5));
        long reads = s.erp().callCount("list");
        s.update("Supplier", "Acme", Map.of("supplier_group", "Hardware"));
        await().atMost(Duration.ofSeconds(20)).until(() -> s.erp().callCount("list") > reads); // the next read finds the change
        Thread.sleep(500); // and the job accepts it right after reading
        assertThat(s.pull(PullSpec.of("erpnext", "Supplier")).applied()).as("the notice applied the change; the pull finds it applied").isZero();
        assertThatThrownBy(() -> notices.notice(SYSTEM, "erpnext", "Customer", "Acme", null))
                .isInstanceOf(dev.oakit.core.ValidationException.class).hasMessageContaining("Customer");
        assertThatThrownBy(() -> notices.notice(Actor.of("t1", "bob"), "erpnext", "Supplier", "Acme", null)).isInstanceOf(ForbiddenException.class);
    }

    @DbTest
    void ourOwnDocumentNamedByANoticeIsAnEcho(TestDatabase db) throws Exception {
        PullTest.Setup s = PullTest.start(db);
        s.erp().insert("Supplier", Map.of("supplier_name", "Acme"));
        s.erp().insert("Item", Map.of("item_code", "DR-1"));
        RemoteWrites writes = s.oa().service(RemoteWrites.class);
        long id = writes.request(SYSTEM, new NewRemoteWrite("erpnext", "purchase-order", "PR-42", "pr-42", Map.of("supplier", "Acme",
                "items", List.of(Map.of("item_code", "DR-1", "qty", 2, "rate", 40, "schedule_date", "2026-12-31"))))).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(SYSTEM, id).orElseThrow().status() == WriteStatus.CONFIRMED);
        String po = writes.get(SYSTEM, id).orElseThrow().remoteId();
        assertThat(s.oa().service(ChangeNotices.class).changed(SYSTEM, "erpnext", "Purchase Order", po))
                .map(InboxReceipt::outcome).contains(InboxReceipt.Outcome.ECHO);
    }

    @Test
    void aFeedThatCannotReadOneRecordRefusesPermanently() {
        ChangeFeed pagesOnly = new ChangeFeed() {
            @Override
            public String entityType() {
                return "Supplier";
            }

            @Override
            public List<RemoteRecord> since(CallContext call, Watermark from, int limit) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> pagesOnly.read(new CallContext("t1", "erpnext", "test", Duration.ofSeconds(1)), "Acme"))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.PERMANENT))
                .hasMessageContaining("reads no single record");
    }
}
