package dev.oakit.core.internal.boot;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.oakit.core.testing.TestDatabase.Kind.H2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OAKit's on/off system properties take {@code true} or {@code false} only: a value that reads like "off" in another
 * spelling ({@code off}, {@code no}, {@code 0}) fails {@code build()} with the other problems, and {@code start()} checks
 * again before it migrates anything.
 */
class SystemSwitchesTest {
    @Test
    void trueAndFalseInAnyCaseWithBlanksAroundUnsetIsTrueAnythingElseIsNeither() {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("oakit.a", " FALSE\t");
        values.put("oakit.b", "True ");
        values.put("oakit.c", "false");
        for (String invalid : List.of("off", "no", "0", "1", "", " ", "yes", "f")) {
            values.put("oakit.bad." + invalid, invalid);
        }
        assertThat(SystemSwitches.value("oakit.a", values::get)).isFalse();
        assertThat(SystemSwitches.value("oakit.b", values::get)).isTrue();
        assertThat(SystemSwitches.value("oakit.c", values::get)).isFalse();
        assertThat(SystemSwitches.value("oakit.unset", values::get)).isTrue();
        List<String> bad = values.keySet().stream().filter(k -> k.startsWith("oakit.bad.")).sorted().toList();
        assertThat(bad).allSatisfy(k -> assertThat(SystemSwitches.value(k, values::get)).as(k).isNull());
        assertThat(SystemSwitches.problems(List.of("oakit.a", "oakit.bad.off", "oakit.unset"), values::get))
                .containsExactly("system property oakit.bad.off is 'off'; use true or false (or leave it unset for true)");
    }

    @Test
    void anInvalidDirectMigrationsValueFailsBuildWithTheOtherProblems() throws Exception {
        assertBuildFails(DirectMigrations.PROPERTY, "off");
    }

    @Test
    void anInvalidPreinitializeValueFailsBuildNotItsBackgroundThread() throws Exception {
        assertBuildFails(Preinitializer.PROPERTY, "0");
    }

    /** {@code build()} lists the value among its other problems (here a config namespace of no plugin). */
    private static void assertBuildFails(String property, String value) throws Exception {
        withProperty(property, value, () -> {
            try (TestDatabase db = TestDatabase.open(H2)) {
                assertThatThrownBy(() -> db.closeLater(db.builder().config("nothing-here", Map.of()).build()))
                        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                                .contains("system property " + property + " is '" + value + "'; use true or false (or leave it unset for true)")
                                .anySatisfy(p -> assertThat(p).contains("'nothing-here' matches no installed plugin")));
            }
        });
    }

    @Test
    void blanksAndCaseAreAcceptedByBuild() throws Exception {
        withProperty(DirectMigrations.PROPERTY, " FALSE ", () -> withProperty(Preinitializer.PROPERTY, "True", () -> {
            try (TestDatabase db = TestDatabase.open(H2)) {
                assertThat(db.closeLater(db.builder().build()).isRunning()).isFalse();
            }
        }));
    }

    @Test
    void aValueSetInvalidAfterBuildFailsStartBeforeAnythingIsMigrated() throws Exception {
        try (TestDatabase db = TestDatabase.open(H2)) {
            OaKit oa = db.closeLater(db.builder().build());
            withProperty(DirectMigrations.PROPERTY, "no", () ->
                    assertThatThrownBy(oa::start).isInstanceOf(ConfigurationException.class)
                            .hasMessageContaining("system property oakit.migrations.direct is 'no'; use true or false"));
            assertThat(db.queryLong("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA()"))
                    .as("tables after the failed start").isZero();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void withProperty(String name, String value, Body body) throws Exception {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
