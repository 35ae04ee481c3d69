package dev.oakit.core.internal.boot;

import dev.oakit.core.OaKit;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.testing.IsolatedBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a freshly started host's first {@code OaKit.builder()} and {@code build()} start and load, each run in a class
 * loader of its own (so that OAKit's JVM-wide state is as fresh as in a new JVM): a builder alone starts no thread,
 * {@code build()} starts the background preparation, and nothing loads a YAML parser until YAML is read.
 */
class ColdBuildTest {
    private static final List<String> YAML_PACKAGES = List.of("org.yaml.snakeyaml.", "com.fasterxml.jackson.dataformat.yaml.");

    @Test
    void aBuilderStartsNothingBuildStartsThePreparation(@TempDir Path dir) throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            System.setProperty(DIR, dir.toString());
            List<Boolean> started = fresh.call(BuilderThenBuild.class.getName());
            assertThat(started).as("started after builder() and config(), after build()").containsExactly(false, true);
            assertThat(yaml(fresh.loaded())).as("YAML classes loaded by a builder configured in Java and build()").isEmpty();
        } finally {
            System.clearProperty(DIR);
        }
    }

    @Test
    void theYamlReadersWorkWhenTheirFirstUsesRace(@TempDir Path dir) throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            System.setProperty(DIR, dir.toString());
            List<String> read = fresh.call(RacingFirstYamlReads.class.getName());
            assertThat(read).hasSize(2 * RacingFirstYamlReads.READERS).containsOnly("form", "calendar", "templates", "config file");
            assertThat(yaml(fresh.loaded())).isNotEmpty();
        } finally {
            System.clearProperty(DIR);
        }
    }

    private static final String DIR = "oakit.test.coldBuild.dir";

    private static List<String> yaml(List<String> classes) {
        return classes.stream().filter(c -> YAML_PACKAGES.stream().anyMatch(c::startsWith)).toList();
    }

    /** Runs in the fresh loader: whether the preparation started after {@code builder()}, then after {@code build()}. */
    static final class BuilderThenBuild implements Callable<List<Boolean>> {
        @Override
        public List<Boolean> call() {
            var builder = OaKit.builder().dataDirectory(Path.of(System.getProperty(DIR)))
                    .config("core", Map.of("jobs", Map.of("enabled", false)));
            boolean afterBuilder = Preinitializer.started();
            try (OaKit oa = builder.build()) {
                return List.of(afterBuilder, Preinitializer.started());
            }
        }
    }

    /** Runs in the fresh loader: every YAML reader of core read for the first time by two threads at once. */
    static final class RacingFirstYamlReads implements Callable<List<String>> {
        static final int READERS = 4;

        @Override
        public List<String> call() throws Exception {
            Path config = Files.writeString(Path.of(System.getProperty(DIR)).resolve("oakit.yaml"), "core:\n  jobs:\n    enabled: false\n");
            List<Callable<String>> reads = List.of(
                    () -> {
                        FormSchema f = FormSchema.fromYaml("key: leave\nfields:\n  - {key: days, type: number, required: true}\n");
                        assertThat(f.fields()).hasSize(1);
                        return "form";
                    },
                    () -> {
                        BusinessCalendar c = BusinessCalendar.fromYaml("name: office\nzone: UTC\nweek: {MONDAY: [09:00-18:00]}\n");
                        assertThat(c.name()).isEqualTo("office");
                        return "calendar";
                    },
                    () -> {
                        List<NotificationTemplate> t = NotificationTemplate.parse(
                                "templates:\n  - key: a.b\n    locale: en\n    subject: hi\n    body: \"{{name}}\"\n");
                        assertThat(t).hasSize(1);
                        return "templates";
                    },
                    () -> {
                        try (OaKit oa = OaKit.builder().dataDirectory(config.getParent()).configFile(config).build()) {
                            assertThat(oa.services()).isNotEmpty();
                        }
                        return "config file";
                    });
            assertThat(reads).hasSize(READERS);
            ExecutorService pool = Executors.newFixedThreadPool(2 * READERS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> done = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    for (Callable<String> r : reads) {
                        done.add(pool.submit(() -> {
                            go.await();
                            return r.call();
                        }));
                    }
                }
                go.countDown();
                List<String> names = new ArrayList<>();
                for (Future<String> f : done) {
                    names.add(f.get(2, TimeUnit.MINUTES));
                }
                return names;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
