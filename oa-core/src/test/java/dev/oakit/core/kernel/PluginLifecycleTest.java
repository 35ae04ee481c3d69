package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.spi.PluginLifecycle;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PluginLifecycleTest {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final Actor ALICE = Actor.of("acme", "alice");

    /** A plugin whose hook records its calls and fails its start while {@code fail} is set. */
    record Recording(String id, Set<String> requires, AtomicBoolean fail) implements OaPlugin {
        @Override
        public void configure(OaPluginContext context) {
            context.lifecycle(new PluginLifecycle() {
                @Override
                public void onStart() {
                    if (fail.get()) {
                        throw new IllegalStateException("the licence server of " + id + " is unreachable");
                    }
                    CALLS.add("start " + id);
                }

                @Override
                public void onStop() {
                    CALLS.add("stop " + id);
                }
            });
        }
    }

    static Recording plugin(String id, String... requires) {
        return new Recording(id, Set.of(requires), new AtomicBoolean());
    }

    // tag::lifecycle[]
    /** Greets on start: its table is migrated and the job workers run, so its jobs run at once. */
    public static final class GreeterPlugin implements OaPlugin {
        public String id() { return "greeter"; }
        public Set<String> requires() { return Set.of("sample"); }
        public void configure(OaPluginContext context) {
            context.lifecycle(Greeting.class);                        // created by Guice, in dependency order
        }
    }

    public static final class Greeting implements PluginLifecycle {
        private final SamplePlugin.Notes notes;

        @Inject
        Greeting(SamplePlugin.Notes notes) {
            this.notes = notes;
        }

        @Override
        public void onStart() {
            notes.add(Actor.system("acme"), "started");              // quick and local; remote calls go into a job
        }
    }
    // end::lifecycle[]

    @DbTest
    void hooksRunAfterMigrationsWithTheWorkersRunningInDependencyOrderAndStopInReverse(TestDatabase db) {
        CALLS.clear();
        OaKit oa = db.start(b -> b.plugin(plugin("c", "b")).plugin(new GreeterPlugin()).plugin(plugin("b", "a")).plugin(plugin("a"))
                .plugin(new SamplePlugin()));
        assertThat(CALLS).containsExactly("start a", "start b", "start c");
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        assertThat(notes.texts(ALICE)).as("the hook wrote to its migrated table").containsExactly("hello started");
        await().atMost(Duration.ofSeconds(20)).until(() -> notes.seen(ALICE).size() == 1);

        oa.start();
        assertThat(CALLS).as("start() is idempotent").hasSize(3);
        oa.close();
        assertThat(CALLS).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
        oa.close();
        assertThat(CALLS).as("close() twice stops once").hasSize(6);
    }

    @DbTest
    void aFailingHookFailsStartNamingThePluginAndStopsThoseThatStarted(TestDatabase db) {
        CALLS.clear();
        Recording b = plugin("b", "a");
        b.fail().set(true);
        OaKit oa = db.closeLater(db.builder().plugin(plugin("c", "b")).plugin(b).plugin(plugin("a")).build());
        assertThatThrownBy(oa::start).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.problems()).singleElement().asString().contains("plugin 'b' failed to start",
                    "the licence server of b is unreachable", "OAKit did not start", "call start() again");
            assertThat(e.getCause()).hasMessage("the licence server of b is unreachable");
        });
        assertThat(CALLS).as("c never started; a, which had, was stopped").containsExactly("start a", "stop a");
        assertThat(oa.isRunning()).isFalse();

        b.fail().set(false);
        oa.start();
        assertThat(oa.isRunning()).isTrue();
        assertThat(CALLS).containsExactly("start a", "stop a", "start a", "start b", "start c");
    }

    @Test
    void theKernelDocShowsTheHook() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/kernel.md"), Path.of("src/test/java/dev/oakit/core/kernel/PluginLifecycleTest.java")))
                .containsExactly("lifecycle");
    }
}
