package dev.oakit.integration.inbox;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.inbox.InboxReceipt.Outcome;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboxTest {
    static final Actor SVC = Actor.of("t1", "erp-sync");

    @DbTest
    void verifiesWithOaKitsClock(TestDatabase db) {
        ManualClock clock = new ManualClock(Instant.ofEpochSecond(1614265330));
        Inbox inbox = db.start(b -> b.plugin(new IntegrationPlugin()).clock(clock)).service(Inbox.class);
        WebhookSpec spec = WebhookSpec.of(WebhookScheme.STANDARD_WEBHOOKS, WebhookSignaturesTest.SW_SECRET);
        Map<String, String> headers = WebhookSignaturesTest.standard(WebhookSignaturesTest.SW_SIG);
        assertThat(inbox.verify(spec, headers, WebhookSignaturesTest.SW_BODY).deliveryId()).isEqualTo(WebhookSignaturesTest.SW_ID);
        clock.advance(java.time.Duration.ofMinutes(6));
        assertThatThrownBy(() -> inbox.verify(spec, headers, WebhookSignaturesTest.SW_BODY)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining(IntegrationErrors.WEBHOOK_TIMESTAMP);
    }

    @DbTest
    void deduplicatesByDeliveryIdOrByVersionAndSkipsOlderVersions(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()));
        Inbox inbox = oa.service(Inbox.class);
        InboundEvent v5 = InboundEvent.ofVersion("erp", "purchase.order", "PO-1", 5, "{\"state\":\"purchase\"}");
        assertThat(inbox.accept(SVC, v5.withDeliveryId("d-1"))).isEqualTo(new InboxReceipt(Outcome.ACCEPTED, 5L));
        assertThat(inbox.accept(SVC, v5.withDeliveryId("d-1")).outcome()).as("same delivery id").isEqualTo(Outcome.DUPLICATE);
        assertThat(inbox.accept(SVC, v5.withDeliveryId("d-2")).outcome()).as("another delivery of the same version").isEqualTo(Outcome.DUPLICATE);
        assertThat(inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-1", 3, null))).as("older than stored")
                .isEqualTo(new InboxReceipt(Outcome.STALE, 5L));
        assertThat(inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-1", 7, null)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(inbox.accept(SVC, InboundEvent.ofVersion("erp", "purchase.order", "PO-1", 7, null)).outcome()).as("no id: by version")
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(inbox.accept(SVC, new InboundEvent("erp", "purchase.order", "PO-2", null, "d-9", null)).outcome()).as("id, no version")
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(inbox.accept(SVC, new InboundEvent("erp", "purchase.order", "PO-2", null, "d-9", null)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(inbox.accept(Actor.of("t2", "erp-sync"), v5.withDeliveryId("d-1")).outcome()).as("another tenant").isEqualTo(Outcome.ACCEPTED);

        assertThat(db.queryLong("SELECT remote_version FROM oa_int_inbox_entity WHERE tenant_id = 't1' AND entity_id = 'PO-1'")).isEqualTo(7);
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE tenant_id = 't1'")).as("accepted, stale and same-version ones").isEqualTo(5);
        assertThat(oa.service(AuditLog.class).recent(Actor.admin("t1", "root"), 20)).extracting(r -> r.action()).contains("integration.inbox.accept");
        assertThatThrownBy(() -> new InboundEvent("erp", "purchase.order", "PO-3", null, null, null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("deliveryId").hasMessageContaining("remote version");
    }

    @DbTest
    void concurrentDuplicateDeliveriesAreAcceptedExactlyOnce(TestDatabase db) throws Exception {
        Inbox inbox = db.start(b -> b.plugin(new IntegrationPlugin())).service(Inbox.class);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    // half by delivery id, half without one: the same event either way, and a new entity and an existing one
                    InboundEvent e = InboundEvent.ofVersion("erp", "vendor", "V-" + (round / 2), 10L + round, null);
                    InboundEvent delivery = i % 2 == 0 ? e.withDeliveryId("r" + round) : e;
                    Callable<Outcome> call = () -> {
                        go.await();
                        return inbox.accept(SVC, delivery).outcome();
                    };
                    results.add(pool.submit(call));
                }
                go.countDown();
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : results) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).as("round " + round).containsOnlyOnce(Outcome.ACCEPTED).containsOnly(Outcome.ACCEPTED, Outcome.DUPLICATE);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_int_inbox_delivery WHERE outcome = 'ACCEPTED'")).isEqualTo(5);
    }

    @DbTest
    void theDocsExampleVerifiesAndAcceptsOnce(TestDatabase db) {
        Inbox inbox = db.start(b -> b.plugin(new IntegrationPlugin())).service(Inbox.class);
        Map<String, String> headers = Map.of("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                "X-GitHub-Delivery", "gh-1");
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> receive(inbox, SVC, headers, body)).as("neither secret is GitHub's example secret")
                .hasMessageContaining(IntegrationErrors.WEBHOOK_SIGNATURE);
        Map<String, String> signed = WebhookProperties.sign(WebhookScheme.GITHUB, "old-secret", 0, body);
        Map<String, String> withId = new java.util.HashMap<>(signed);
        withId.put("X-GitHub-Delivery", "gh-1");
        assertThat(receive(inbox, SVC, withId, body).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(receive(inbox, SVC, withId, body).outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    // docs/integration.md, "Verifying a webhook": keep the two identical
    static InboxReceipt receive(Inbox inbox, Actor service, Map<String, String> headers, byte[] body) {
        WebhookSpec spec = WebhookSpec.of(WebhookScheme.GITHUB, "new-secret", "old-secret");
        VerifiedWebhook hook = inbox.verify(spec, headers, body);
        InboundEvent event = new InboundEvent("github", "issue", "42", null, hook.deliveryId(), hook.text());
        return inbox.accept(service, event);
    }
}
