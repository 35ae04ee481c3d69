package dev.oakit.core.kernel;

import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook deliveries ride out a long outage of their receiver with the shipped defaults: the
 * retries slow down to one an hour and go on for three days. Time is simulated: the test moves
 * the clock to each retry's due time.
 */
class RetryScheduleTest {
    private static final String SECRET = "s3cret-s3cret-s3cret";

    record Row(String status, int attempts, Instant dueAt, String lastError) {
    }

    /** A receiver that answers 503 while it is down and 204 after. */
    static HttpServer receiver(List<String> deliveries, AtomicBoolean down) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            deliveries.add(ex.getRequestHeaders().getFirst("X-OAKit-Delivery"));
            ex.sendResponseHeaders(down.get() ? 503 : 204, -1);
            ex.close();
        });
        server.start();
        return server;
    }

    /** An event published on OAKit with the shipped retry defaults (not the test matrix's fast ones), on a manual clock. */
    record Outage(ManualClock clock, Jdbi jdbi, List<String> deliveries, AtomicBoolean down, Instant start) {
        static Outage begin(TestDatabase db) throws Exception {
            List<String> deliveries = new CopyOnWriteArrayList<>();
            AtomicBoolean down = new AtomicBoolean(true);
            HttpServer server = receiver(deliveries, down);
            db.closeLater(() -> server.stop(0));
            ManualClock clock = new ManualClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            OaKit oa = db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(db.dataSource()).clock(clock).plugin(new SamplePlugin())
                    .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S"),
                            "webhooks", List.of(Map.of("id", "erp", "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                                    "secret", SECRET, "events", List.of("sample.*")))))
                    .build().start());
            Outage o = new Outage(clock, Jdbi.create(db.dataSource()), deliveries, down, clock.instant());
            oa.service(SamplePlugin.Notes.class).add(Actor.of("acme", "alice"), "order 4711");
            return o;
        }

        Row relayJob() {
            return jdbi.withHandle(h -> h.createQuery("SELECT status, attempts, due_at, last_error FROM oa_core_job WHERE type = 'core.event.relay'")
                    .map((rs, c) -> new Row(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            rs.getString(4))).one());
        }

        /** Waits for each failed attempt to be recorded and moves the clock to its retry, while the job is READY and {@code go} holds. */
        Row retryWhile(java.util.function.Predicate<Instant> go) {
            Row r;
            do {
                int seen = deliveries.size();
                await().atMost(Duration.ofSeconds(20)).alias("attempt " + (seen + 1) + " at " + clock.instant()).untilAsserted(() -> {
                    Row now = relayJob();
                    assertThat(deliveries).hasSizeGreaterThan(seen);
                    assertThat(now.attempts()).as("%s", now).isEqualTo(deliveries.size());
                    assertThat(now.status()).isNotEqualTo("RUNNING");
                });
                r = relayJob();
                if (r.status().equals("READY")) {
                    clock.set(r.dueAt());
                }
            } while (r.status().equals("READY") && go.test(clock.instant()));
            return r;
        }
    }

    @DbTest
    void aWebhookReceiverDownForADayGetsTheDayDeliveredWhenItIsBack(TestDatabase db) throws Exception {
        Outage o = Outage.begin(db);
        Row r = o.retryWhile(now -> now.isBefore(o.start().plus(Duration.ofDays(1))));
        assertThat(r.status()).as("still retrying after a day: %s", r).isEqualTo("READY");
        assertThat(r.dueAt()).as("retries slow down to one an hour").isBefore(o.clock().instant().plus(Duration.ofMinutes(76)));
        assertThat(o.deliveries().size()).as("attempts in the first day").isBetween(20, 60);

        o.down().set(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> o.relayJob().status().equals("DONE"));
        assertThat(o.deliveries()).as("one delivery id for every attempt").containsOnly(o.deliveries().get(0));
    }

    @DbTest(only = {TestDatabase.Kind.H2, TestDatabase.Kind.POSTGRESQL})
    void aDeliveryIsDeadOnlyWhenItsThreeDayBudgetIsUsedUp(TestDatabase db) throws Exception {
        Outage o = Outage.begin(db);
        Row r = o.retryWhile(now -> true);
        assertThat(r.status()).isEqualTo("DEAD");
        assertThat(Duration.between(o.start(), o.clock().instant())).isBetween(Duration.ofDays(3).minusHours(2), Duration.ofDays(3));
        assertThat(r.lastError()).contains("HTTP 503").contains("retry budget");
    }
}
