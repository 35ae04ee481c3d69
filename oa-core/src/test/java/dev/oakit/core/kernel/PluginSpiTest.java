package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PluginSpiTest {
    private final Actor alice = Actor.of("acme", "alice");

    @DbTest
    void pluginAddsTableJobHandlerAndListenerThroughTheSpiAlone(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).config("sample", Map.of("greeting", "hi")));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);

        long id = notes.add(alice, "first");

        assertThat(notes.texts(alice)).containsExactly("hi first");
        // the listener runs after commit, on the job workers
        await().atMost(Duration.ofSeconds(20)).until(() -> !notes.listenerEvents().isEmpty());
        assertThat(notes.listenerEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("sample.note.added");
            assertThat(e.aggregateId()).isEqualTo(Long.toString(id));
            assertThat(e.payload().get("text").asText()).isEqualTo("first");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> notes.seen(alice).contains("job:" + id));
        assertThat(oa.service(AuditLog.class).forTarget(dev.oakit.core.Actor.admin("acme", "root"), "note", Long.toString(id)))
                .singleElement().satisfies(r -> assertThat(r.action()).isEqualTo("sample.note.add"));
    }
}
