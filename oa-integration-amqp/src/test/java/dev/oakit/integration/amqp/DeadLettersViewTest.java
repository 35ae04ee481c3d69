package dev.oakit.integration.amqp;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.ops.DeadLetter;
import dev.oakit.integration.ops.DeadLetters;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker's dead letters show in the integration's one view and fall under its retention: replayed ones go, the others stay unless configured. */
class DeadLettersViewTest {
    static final Actor ADMIN = Actor.admin("t1", "ops");

    @DbTest
    void brokerDeadLettersAreListedAndPurgedOnlyWhenResolvedUnlessConfigured(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require()) {
            String q = rabbit.queue("erp-dead-view", null, null);
            ManualClock clock = new ManualClock(Instant.parse("2026-01-05T08:00:00Z"));
            Map<String, Object> amqp = Map.of("uri", "amqp://guest:guest@" + Rabbit.host() + ":" + Rabbit.port());
            OaKit oa = db.start(b -> b.clock(clock).plugin(new IntegrationPlugin()).plugin(new AmqpPlugin()).config("amqp", amqp));
            Broker broker = oa.service(Broker.class);
            db.closeLater(broker::close);
            rabbit.send(q, "bad-1", "this is not JSON");
            rabbit.send(q, "bad-2", "neither is this");
            ChangeConsumer c = broker.consume(Actor.of("t1", "erp-sync"), ConsumerSpec.of(q, "erp"));
            await().atMost(Duration.ofSeconds(20)).until(() -> c.dead() == 2);
            c.close();
            long first = broker.deadLetters(ADMIN, q, 10).stream().filter(d -> d.messageId().equals("bad-1")).findFirst().orElseThrow().id();
            broker.replay(ADMIN, List.of(first));

            DeadLetters dead = oa.service(DeadLetters.class);
            assertThat(dead.list(ADMIN, 10)).extracting(DeadLetter::source, DeadLetter::where, DeadLetter::key, DeadLetter::resolved)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("amqp", q, "bad-1", true),
                            org.assertj.core.groups.Tuple.tuple("amqp", q, "bad-2", false));

            clock.advance(Duration.ofDays(91));
            assertThat(dead.purge(ADMIN).deadLetters()).containsEntry("amqp", 1);
            assertThat(dead.list(ADMIN, 10)).extracting(DeadLetter::key).containsExactly("bad-2");

            // a node configured to purge unresolved dead letters too
            OaKit strict = db.start(b -> b.clock(clock).plugin(new IntegrationPlugin()).plugin(new AmqpPlugin()).config("amqp", amqp)
                    .config("integration", Map.of("retention", Map.of("purgeUnresolved", true))));
            assertThat(strict.service(DeadLetters.class).purge(ADMIN).deadLetters()).containsEntry("amqp", 1);
            assertThat(dead.list(ADMIN, 10)).isEmpty();
        }
    }
}
