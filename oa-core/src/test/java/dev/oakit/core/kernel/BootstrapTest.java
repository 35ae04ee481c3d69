package dev.oakit.core.kernel;

import com.google.inject.ConfigurationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitModule;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapTest {
    /** A plugin that records how often it was configured. */
    static final class Counting implements OaPlugin {
        final String id;
        final Set<String> requires;
        final List<String> log;

        Counting(String id, List<String> log, String... requires) {
            this.id = id;
            this.requires = Set.of(requires);
            this.log = log;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Set<String> requires() {
            return requires;
        }

        @Override
        public void configure(OaPluginContext context) {
            log.add(id);
        }
    }

    static final class OtherWithSameId implements OaPlugin {
        @Override
        public String id() {
            return "a";
        }

        @Override
        public void configure(OaPluginContext context) {
        }
    }

    @Test
    void buildReportsEveryProblemAtOnceNamingThePlugins() {
        List<String> log = new ArrayList<>();
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT)
                .plugin(new Counting("a", log))
                .plugin(new OtherWithSameId())
                .plugin(new Counting("b", log, "missing"))
                .plugin(new Counting("c", log, "d"))
                .plugin(new Counting("d", log, "c"))
                .plugin(new Counting("Bad Id", log))
                .config("nobody", Map.of("x", 1))
                .config("core", Map.of("jobs", Map.of("threads", 0)))
                .clock(null)
                .build())
                .isInstanceOf(dev.oakit.core.ConfigurationException.class)
                .satisfies(e -> assertThat(((dev.oakit.core.ConfigurationException) e).problems()).anySatisfy(p -> assertThat(p).contains("two plugins have the id 'a'")
                                .contains(OtherWithSameId.class.getName()))
                        .anySatisfy(p -> assertThat(p).contains("plugin 'b' requires plugin 'missing'"))
                        .anySatisfy(p -> assertThat(p).contains("cycle").contains("c").contains("d"))
                        .anySatisfy(p -> assertThat(p).contains("invalid id 'Bad Id'"))
                        .anySatisfy(p -> assertThat(p).contains("config namespace 'nobody'"))
                        .anySatisfy(p -> assertThat(p).contains("core.jobs.threads"))
                        .anySatisfy(p -> assertThat(p).contains("clock must not be null")))
                .hasMessageContaining("OA-CORE/CONFIGURATION");
    }

    @Test
    void pluginsConfigureInDependencyOrderAndTwiceIsANoOp(@TempDir Path dir) {
        List<String> log = new ArrayList<>();
        Counting base = new Counting("base", log);
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir)
                .plugin(new Counting("top", log, "mid"))
                .plugin(new Counting("mid", log, "base"))
                .plugin(base)
                .plugin(base)
                .plugin(new Counting("base", log))
                .build()) {
            assertThat(log).containsExactly("base", "mid", "top");
            assertThat(oa.isRunning()).isFalse();
        }
    }

    @Test
    void withoutDataSourceOaKitUsesAnEmbeddedH2FileUnderTheDataDirectory(@TempDir Path dir) {
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir.resolve("data")).build().start()) {
            assertThat(oa.isRunning()).isTrue();
            assertThat(oa.service(Jobs.class).counts(dev.oakit.core.Actor.admin("t", "admin"))).isNotEmpty();
        }
        assertThat(Files.exists(dir.resolve("data").resolve("oakit.mv.db"))).isTrue();
    }

    @Test
    void serviceRefusesTypesThatAreNotExposed(@TempDir Path dir) {
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir).build()) {
            assertThatThrownBy(() -> oa.service(Commands.class))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("not an OAKit service")
                    .hasMessageContaining("AuditLog");
        }
    }

    @Test
    void guiceDoorExposesOnlyPublicServicesAndDoesNoIoWhileConfiguring(@TempDir Path dir) {
        Path data = dir.resolve("never-opened");
        Injector injector = Guice.createInjector(OaKitModule.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(data).plugin(new SamplePlugin()).build());
        assertThat(injector.getInstance(OaKit.class)).isNotNull();
        assertThat(injector.getInstance(AuditLog.class)).isNotNull();
        assertThat(injector.getInstance(SamplePlugin.Notes.class)).isNotNull();
        assertThatThrownBy(() -> injector.getInstance(Commands.class)).isInstanceOf(ConfigurationException.class);
        assertThat(Files.exists(data)).as("no database opened before start()").isFalse();
        injector.getInstance(OaKit.class).close();
    }

    @Test
    void guiceDoorFailsWithTheSameCollectedProblems() {
        assertThatThrownBy(() -> OaKitModule.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).plugin(new Counting("x", new ArrayList<>(), "y")).build())
                .isInstanceOf(dev.oakit.core.ConfigurationException.class)
                .hasMessageContaining("plugin 'x' requires plugin 'y'");
    }

    @Test
    void badTypedPluginConfigIsAConfigurationError() {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).plugin(new SamplePlugin()).config("sample", Map.of("greting", "typo")).build())
                .isInstanceOf(dev.oakit.core.ConfigurationException.class)
                .hasMessageContaining("config 'sample' does not fit SampleConfig")
                .hasMessageContaining("greting");
    }

    @Test
    void configFileIsReadByNamespace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("oakit.yaml");
        Files.writeString(file, "core:\n  jobs:\n    threads: 2\nsample:\n  greeting: ni hao\n");
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir).configFile(file).plugin(new SamplePlugin()).build()) {
            assertThat(oa).isNotNull();
        }
        Files.writeString(file, "core:\n  jobs:\n    threads: -1\n");
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir).configFile(file).build())
                .hasMessageContaining("core.jobs.threads must be between 1 and 256, was -1");
    }

    @Test
    void configCallsForOneNamespaceMerge(@TempDir Path dir) {
        // the second call adds a key; the first call's bad value is still there and reported
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir)
                .config("core", Map.of("jobs", Map.of("threads", 0)))
                .config("core", Map.of("jobs", Map.of("maxAttempts", 3)))
                .build())
                .hasMessageContaining("core.jobs.threads must be between 1 and 256, was 0");
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir)
                .config("core", Map.of("jobs", Map.of("threads", 0)))
                .config("core", Map.of("jobs", Map.of("threads", 2)))
                .build()) {
            assertThat(oa).isNotNull();
        }
    }

    @Test
    void serviceLoaderDiscoveryIsOptIn(@TempDir Path dir) {
        // META-INF/services in test resources lists SamplePlugin
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir).build()) {
            assertThatThrownBy(() -> oa.service(SamplePlugin.Notes.class)).isInstanceOf(NotFoundException.class);
        }
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir).discoverPlugins(true).build()) {
            assertThat(oa.service(SamplePlugin.Notes.class)).isNotNull();
        }
    }
}
