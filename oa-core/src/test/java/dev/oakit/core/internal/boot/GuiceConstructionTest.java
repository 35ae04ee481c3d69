package dev.oakit.core.internal.boot;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.GuiceConstruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guice calls core's constructors and provider methods by reflection: each is private, so that {@code build()} writes,
 * defines and loads no {@code $$FastClassByGuice$$} class for them (85 of them with the workflow plugin once, a tenth
 * of the cold {@code build()}'s CPU for objects mostly constructed once).
 */
class GuiceConstructionTest {
    @Test
    void guiceCallsNoNonPrivateConstructorOrProviderMethodOfCore(@TempDir Path dir) {
        try (OaKit oa = OaKit.builder().dataDirectory(dir).config("core", Map.of("jobs", Map.of("enabled", false))).build()) {
            GuiceConstruction.Members core = GuiceConstruction.of(OaKitTestAccess.injector(oa), "dev.oakit.core.");
            assertThat(core.constructors()).as("core's classes Guice constructs").isGreaterThan(25);
            assertThat(core.providerMethods()).as("CoreModule's provider methods").isGreaterThanOrEqualTo(10);
            assertThat(core.notPrivate()).as("constructors and provider methods Guice would generate a fast class for").isEmpty();
        }
    }
}
