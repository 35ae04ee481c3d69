package dev.oakit.integration.write;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt.Outcome;
import dev.oakit.integration.ops.DeadLetter;
import dev.oakit.integration.ops.DeadLetters;
import dev.oakit.integration.ops.PurgeReport;
import dev.oakit.integration.spi.DeadLetterStore;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One view of dead letters (remote writes' and a contributed store's) and the retention purge: inbox deliveries older
 * than their age go, resolved dead letters older than theirs go, unresolved ones and remote writes stay; each purge is
 * audited, and the scheduled purge runs again by itself.
 */
class RetentionTest {
    static final Actor ADMIN = Actor.admin("t1", "root");
    static final Actor SVC = Actor.of("t1", "erp-sync");

    /** A plugin's own dead letters, as the AMQP plugin contributes its own. */
    static final class Store implements OaPlugin, DeadLetterStore {
        final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "store-test";
        }

        @Override
        public Set<String> requires() {
            return Set.of("integration");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(DeadLetterStore.class, this);
        }

        @Override
        public String source() {
            return "test";
        }

        @Override
        public List<DeadLetter> newest(Handle h, String tenantId, int limit) {
            return letters.stream().limit(limit).toList();
        }

        @Override
        public int purge(Handle h, String tenantId, Instant before, boolean unresolvedToo) {
            List<DeadLetter> gone = letters.stream().filter(d -> d.at().isBefore(before) && (d.resolved() || unresolvedToo)).toList();
            letters.removeAll(gone);
            return gone.size();
        }
    }

    @DbTest
    void purgesDeliveriesAndResolvedDeadLettersByAgeAndListsEveryDeadLetter(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-05T08:00:00Z"));
        FakeOrders shop = db.closeLater(new FakeOrders());
        Store store = new Store();
        OaKit oa = db.start(b -> b.clock(clock).plugin(new IntegrationPlugin()).plugin(new ConnectorPlugin("shop", new OrdersConnector(shop.uri())))
                .plugin(store).config("integration", Map.of("callTimeout", "PT2S", "lease", "PT4S",
                        "retention", Map.of("inboxDeliveries", "P30D", "deadLetters", "P90D", "every", "P1D"))));
        Inbox inbox = oa.service(Inbox.class);
        DeadLetters dead = oa.service(DeadLetters.class);
        InboundEvent v5 = InboundEvent.ofVersion("erp", "purchase.order", "PO-1", 5, null);
        inbox.accept(SVC, v5.withDeliveryId("d-1"));
        inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-2", 1, null).withDeliveryId("d-2"));
        shop.script.add(FakeOrders.Mode.INVALID);
        RemoteWrites writes = oa.service(RemoteWrites.class);
        long refused = writes.request(Actor.system("t1"), new NewRemoteWrite("shop", "order", "PR-6", "pr-6", Map.of("amount", "1"))).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(ADMIN, refused).orElseThrow().status() == WriteStatus.FAILED);
        Instant t0 = clock.instant();
        store.letters.add(new DeadLetter("test", 1, "q1", "m-1", "{}", "unreadable", t0.minusSeconds(60), true));
        store.letters.add(new DeadLetter("test", 2, "q1", "m-2", "{}", "unreadable", t0.minusSeconds(30), false));

        assertThat(dead.list(ADMIN, 10)).extracting(DeadLetter::source, DeadLetter::where, DeadLetter::key, DeadLetter::resolved).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DeadLetter.REMOTE_WRITE, "shop", "PR-6", false),
                org.assertj.core.groups.Tuple.tuple("test", "q1", "m-2", false),
                org.assertj.core.groups.Tuple.tuple("test", "q1", "m-1", true));
        assertThat(dead.list(ADMIN, 10).get(0).error()).isNotBlank();
        assertThat(dead.list(ADMIN, 1)).hasSize(1);
        assertThatThrownBy(() -> dead.list(SVC, 10)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> dead.purge(SVC)).isInstanceOf(ForbiddenException.class);

        // 31 days on: the two deliveries go, the dead letters are younger than 90 days
        clock.advance(Duration.ofDays(31));
        inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-3", 1, null).withDeliveryId("d-3"));
        PurgeReport first = dead.purge(ADMIN);
        assertThat(first.inboxDeliveries()).isEqualTo(2);
        assertThat(first.deadLetters()).containsEntry("test", 0);
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = 't1'")).isEqualTo(1);
        // a sender's late retry of a forgotten delivery is still known by its entity's version
        assertThat(inbox.accept(SVC, v5.withDeliveryId("d-1")).outcome()).isEqualTo(Outcome.DUPLICATE);

        // 91 days after the dead letters: the resolved one goes, the unresolved one and the remote write stay
        clock.advance(Duration.ofDays(60));
        PurgeReport second = dead.purge(ADMIN);
        assertThat(second.deadLetters()).containsEntry("test", 1);
        assertThat(dead.list(ADMIN, 10)).extracting(DeadLetter::key).containsExactly("PR-6", "m-2");
        assertThat(oa.service(AuditLog.class).recent(ADMIN, 50)).filteredOn(r -> r.action().equals("integration.retention.purge"))
                .hasSize(2).anySatisfy(r -> assertThat(r.summary()).startsWith("purged 2 inbox deliveries").contains("test=0"))
                .anySatisfy(r -> assertThat(r.summary()).contains("test=1"));

        // scheduled: it runs now, then again a day later, each run audited
        Actor admin = ADMIN;
        // tag::retention[]
        DeadLetters deadLetters = oa.service(DeadLetters.class);
        deadLetters.scheduleRetention(admin);                        // now, then every integration.retention.every
        List<DeadLetter> all = deadLetters.list(admin, 100);         // remote writes' and the broker's, newest first
        // end::retention[]
        assertThat(all).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> purges(oa) == 3);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> purges(oa) == 4);
        assertThat(dead.list(ADMIN, 10)).extracting(DeadLetter::key).containsExactly("PR-6", "m-2");
    }

    private static long purges(OaKit oa) {
        return oa.service(AuditLog.class).recent(ADMIN, 100).stream().filter(r -> r.action().equals("integration.retention.purge")).count();
    }

    @org.junit.jupiter.api.Test
    void theDocShowsTheCompiledCode() {
        assertThat(dev.oakit.core.testing.DocSnippets.assertShown(java.nio.file.Path.of("../docs/integration.md"),
                java.nio.file.Path.of("src/test/java/dev/oakit/integration/write/RetentionTest.java"))).containsExactly("retention");
    }
}
