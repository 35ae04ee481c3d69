package dev.oakit.ticket;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A bad {@code ticket.partsTimeout} fails the build, naming the key and what to write instead. */
class PartsTimeoutConfigTest {
    private static Throwable build(TestDatabase db, Object partsTimeout) {
        return catchThrowable(() -> db.builder().plugin(new TicketPlugin()).config("ticket", Map.of("partsTimeout", partsTimeout)).build());
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void zeroOrNegativeIsRefused(TestDatabase db) {
        assertThat(build(db, "PT0S")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket.partsTimeout must be positive, was PT0S");
        assertThat(build(db, "-PT1S")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket.partsTimeout must be positive, was PT-1S");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aValueThatIsNoDurationIsRefusedNamingTheKeyAndTheFormat(TestDatabase db) {
        assertThat(build(db, "5 seconds")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket.partsTimeout")
                .hasMessageContaining("ISO-8601 duration");
    }
}
