package dev.oakit.integration;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A bad {@code integration.retention} value fails the build, naming the key and what to write instead. */
class RetentionConfigTest {
    private static Throwable build(TestDatabase db, Map<String, Object> retention) {
        return catchThrowable(() -> db.builder().plugin(new IntegrationPlugin())
                .config("integration", Map.of("retention", retention)).build());
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void retentionsTooShortAreRefusedAtOnceEachByItsKey(TestDatabase db) {
        assertThat(build(db, Map.of("inboxDeliveries", "PT10S", "deadLetters", "PT0S", "every", "PT0.5S")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("integration.retention.inboxDeliveries must be at least PT1M, was PT10S")
                .hasMessageContaining("integration.retention.deadLetters must be at least PT1M, was PT0S")
                .hasMessageContaining("integration.retention.every must be at least PT1S, was PT0.5S");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aValueThatIsNoDurationIsRefusedNamingTheKeyAndTheFormat(TestDatabase db) {
        assertThat(build(db, Map.of("deadLetters", "90 days")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("integration.retention.deadLetters")
                .hasMessageContaining("ISO-8601 duration");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aFlagThatIsNoBooleanIsRefusedNamingTheKey(TestDatabase db) {
        assertThat(build(db, Map.of("purgeUnresolved", "sometimes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("integration.retention.purgeUnresolved")
                .hasMessageContaining("true or false");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aMisspelledKeyIsRefusedNamingTheKeysThereAre(TestDatabase db) {
        assertThat(build(db, Map.of("deadLetter", "P30D")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("integration.retention.deadLetter")
                .hasMessageContaining("deadLetters");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void goodValuesBuild(TestDatabase db) {
        db.builder().plugin(new IntegrationPlugin()).config("integration", Map.of("retention",
                Map.of("inboxDeliveries", "P7D", "deadLetters", "P30D", "purgeUnresolved", true, "every", "PT6H"))).build().close();
    }
}
