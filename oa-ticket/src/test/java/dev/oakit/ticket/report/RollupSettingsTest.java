package dev.oakit.ticket.report;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.TicketPlugin;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code ticket.rollupInterval} and {@code ticket.rollupBatch}: the host's values pace the rollup; bad ones fail the build. */
class RollupSettingsTest {
    private static Throwable build(TestDatabase db, String key, Object value) {
        return catchThrowable(() -> db.builder().plugin(new TicketPlugin()).config("ticket", Map.of(key, value)).build());
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void badValuesAreRefusedNamingTheKeyAndWhatToWrite(TestDatabase db) {
        assertThat(build(db, "rollupInterval", "PT0S")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket.rollupInterval must be positive and at most PT24H, was PT0S").hasMessageContaining("PT1M");
        assertThat(build(db, "rollupInterval", "P2D")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket.rollupInterval must be positive and at most PT24H, was PT48H");
        assertThat(build(db, "rollupBatch", 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket.rollupBatch must be 1 to 10000, was 0").hasMessageContaining("default 1000");
        assertThat(build(db, "rollupBatch", 10_001)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket.rollupBatch must be 1 to 10000, was 10001");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theRollupCountsTheHostsBatchPerRunAndWaitsItsInterval(TestDatabase db) {
        ManualClock clock = new ManualClock();
        TicketFixture f = new TicketFixture(db, b -> b.clock(clock).config("ticket", Map.of("rollupInterval", "PT10M", "rollupBatch", 2)));
        Jdbi jdbi = Jdbi.create(db.dataSource());
        FiguresRollupTest.awaitRollupIdle(jdbi, clock);
        assertThat(readyAt(jdbi)).isEqualTo(utc(clock).plusMinutes(10)); // an idle run: the next one an interval later

        for (int i = 0; i < 3; i++) {
            f.open("分批 " + i);
        }
        clock.advance(Duration.ofMinutes(10));
        FiguresRollupTest.awaitRollupIdle(jdbi, clock);
        // a full batch of two runs the next at once; it counts the third and waits the interval again
        assertThat(FiguresRollupTest.rollupAudits(jdbi)).containsExactly(
                "rolled up 2 creation(s) and assignment(s) into the report figures per day",
                "rolled up 1 creation(s) and assignment(s) into the report figures per day");
        assertThat(readyAt(jdbi)).isEqualTo(utc(clock).plusMinutes(10));
    }

    private static LocalDateTime utc(ManualClock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static LocalDateTime readyAt(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT due_at FROM oa_core_job WHERE type = 'tk.report.rollup' AND status = 'READY'")
                .mapTo(LocalDateTime.class).one());
    }
}
