package dev.oakit.workflow;

import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.testing.GuiceConstruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guice calls the workflow's constructors (and core's) by reflection: each is private, so that {@code build()} writes,
 * defines and loads no {@code $$FastClassByGuice$$} class for them (docs/benchmarks.md, "Starting fast").
 */
class GuiceConstructionTest {
    @Test
    void guiceCallsNoNonPrivateConstructorOrProviderMethodOfOakit(@TempDir Path dir) {
        try (OaKit oa = OaKit.builder().dataDirectory(dir).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false))).build()) {
            GuiceConstruction.Members workflow = GuiceConstruction.of(OaKitTestAccess.injector(oa), "dev.oakit.workflow.");
            assertThat(workflow.constructors()).as("the workflow's classes Guice constructs").isGreaterThan(40);
            assertThat(workflow.notPrivate()).as("constructors and provider methods Guice would generate a fast class for").isEmpty();
            assertThat(GuiceConstruction.of(OaKitTestAccess.injector(oa), "dev.oakit.").notPrivate()).isEmpty();
        }
    }
}
