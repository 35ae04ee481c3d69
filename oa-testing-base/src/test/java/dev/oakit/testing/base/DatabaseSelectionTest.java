package dev.oakit.testing.base;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which databases run, and what happens to the tests of a server that is down: skipped with the reason, failed on CI. */
class DatabaseSelectionTest {
    @Test
    void theListSelectsDatabasesByLabel() {
        assertThat(Database.parse("OAKIT_TEST_DATABASES", " H2, postgresql ,")).containsExactly(Database.H2, Database.POSTGRESQL);
        assertThat(Database.parse("OAKIT_TEST_DATABASES", "h2,postgresql,mariadb")).containsExactly(Database.values());
    }

    @Test
    void aNameThatIsNoDatabaseIsRefusedNamingTheSettingAndTheChoices() {
        assertThatThrownBy(() -> Database.parse("OAKIT_TEST_DATABASES", "h2,postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OAKIT_TEST_DATABASES names 'postgres'").hasMessageContaining("h2, postgresql, mariadb");
    }

    @Test
    void aServerThatDoesNotAnswerIsReportedWithItsAddress() {
        Optional<String> why = Database.probe("postgresql", "jdbc:postgresql://127.0.0.1:1/test", "postgres", "");
        assertThat(why).get().asString().startsWith("postgresql at jdbc:postgresql://127.0.0.1:1/test is not reachable (");
    }

    @Test
    void aServerThatAnswersIsNotReported() {
        assertThat(Database.probe("h2", "jdbc:h2:mem:", "sa", "")).isEmpty();
        assertThat(Database.H2.unreachable()).isEmpty();
    }

    @Test
    void outsideCiTheTestsOfADownServerAreSkippedWithTheReason() {
        assertThatThrownBy(() -> Database.applyPolicy(Optional.of("postgresql at x is not reachable (refused)"), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("SKIPPED: postgresql at x is not reachable (refused) (set CI=true to fail instead)");
    }

    @Test
    void onCiTheTestsOfADownServerFailNamingTheFix() {
        assertThatThrownBy(() -> Database.applyPolicy(Optional.of("postgresql at x is not reachable (refused)"), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CI=true and postgresql at x is not reachable (refused)")
                .hasMessageContaining("OAKIT_TEST_* variables");
    }

    @Test
    void aServerThatAnswersLetsTheTestGoOnEvenOnCi() {
        assertThatCode(() -> Database.applyPolicy(Optional.empty(), true)).doesNotThrowAnyException();
    }

    @Test
    void aRunnerThatSkipsGetsTheReasonUnderTheSameRules() {
        Optional<String> down = Optional.of("mariadb at x is not reachable (refused)");
        assertThat(Database.MARIADB.skipReason(false, Optional.empty(), true)).contains("mariadb is not in OAKIT_TEST_DATABASES / oakit.test.databases");
        assertThat(Database.MARIADB.skipReason(true, down, false)).contains("SKIPPED: mariadb at x is not reachable (refused)");
        assertThat(Database.MARIADB.skipReason(true, Optional.empty(), true)).isEmpty();
        assertThatThrownBy(() -> Database.MARIADB.skipReason(true, down, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CI=true and mariadb at x is not reachable (refused)");
        assertThat(Database.H2.skipReason()).isEqualTo(Database.H2.isSelected() ? Optional.empty()
                : Optional.of("h2 is not in OAKIT_TEST_DATABASES / oakit.test.databases"));
    }
}
