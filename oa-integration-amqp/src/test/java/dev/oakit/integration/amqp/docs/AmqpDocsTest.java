package dev.oakit.integration.amqp.docs;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.amqp.AmqpPlugin;
import dev.oakit.integration.amqp.Broker;
import dev.oakit.integration.amqp.ChangeConsumer;
import dev.oakit.integration.amqp.ConsumerSpec;
import dev.oakit.integration.amqp.Rabbit;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The code of the section "Brokers" of docs/integration.md is this class's code, compiled; and it runs. */
class AmqpDocsTest {
    static OaKit start(TestDatabase db, String uri, String exchange) {
        return db.start(b -> b
                // tag::install[]
                .plugin(new IntegrationPlugin())
                .plugin(new AmqpPlugin())
                .config("amqp", Map.of("uri", uri,                 // amqp://user:password@host:5672/vhost
                        "relay", Map.of("exchange", exchange, "events", List.of("integration.inbox.*"))))
                // end::install[]
        );
    }

    static ChangeConsumer consume(OaKit oa, String queue) {
        // tag::consume[]
        Broker broker = oa.service(Broker.class);
        ChangeConsumer erpChanges = broker.consume(Actor.system("acme"),
                ConsumerSpec.of(queue, "erp").withPrefetch(50));    // {"entityType", "entityId", "version"}; message id = delivery id
        // on shutdown: broker.close(), then oa.close()
        // end::consume[]
        return erpChanges;
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theExampleRuns(TestDatabase db) throws Exception {
        try (Rabbit rabbit = Rabbit.require()) {
            String exchange = rabbit.exchange("docs");
            String tap = rabbit.queue("docs-tap", exchange, "#");
            String queue = rabbit.queue("docs-erp", null, null);
            OaKit oa = start(db, "amqp://guest:guest@" + Rabbit.host() + ":" + Rabbit.port(), exchange);
            ChangeConsumer erpChanges = consume(oa, queue);
            db.closeLater(oa.service(Broker.class)::close);
            rabbit.send(queue, "delivery-1", "{\"entityType\":\"purchase.order\",\"entityId\":\"PO-7\",\"version\":3}");
            await().atMost(Duration.ofSeconds(20)).until(() -> erpChanges.accepted() == 1);
            // the inbox published integration.inbox.accepted, and the relay took it to the exchange
            await().atMost(Duration.ofSeconds(20)).until(() -> rabbit.ready(tap) == 1);
        }
    }

    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/integration.md"),
                Path.of("src/test/java/dev/oakit/integration/amqp/docs/AmqpDocsTest.java"))).hasSize(2);
    }
}
