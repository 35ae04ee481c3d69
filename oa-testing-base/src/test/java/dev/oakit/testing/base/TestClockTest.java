package dev.oakit.testing.base;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clock stands still until moved, moves by what it is told (also from several threads at once), and never goes back by advance. */
class TestClockTest {
    @Test
    void itStandsStillAtMondayMorningUntilMoved() throws InterruptedException {
        TestClock clock = new TestClock();
        Thread.sleep(5);
        assertThat(clock.instant()).isEqualTo(TestClock.MONDAY_MORNING).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
        assertThat(clock.millis()).isEqualTo(TestClock.MONDAY_MORNING.toEpochMilli());
    }

    @Test
    void advanceAndSetMoveIt() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(clock.advance(Duration.ofHours(2)).instant()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
        assertThat(clock.set(Instant.parse("2025-12-31T00:00:00Z")).instant()).isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
    }

    @Test
    void aZonedViewMovesWithIt() {
        TestClock clock = new TestClock();
        Clock shanghai = clock.withZone(ZoneId.of("Asia/Shanghai"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(shanghai.instant()).isEqualTo(TestClock.MONDAY_MORNING.plus(Duration.ofMinutes(5)));
    }

    @Test
    void goingBackOrNowhereIsRefusedNamingTheFix() {
        TestClock clock = new TestClock();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("by must be zero or positive").hasMessageContaining("use set(instant)");
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.set(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instant must not be null");
        assertThatThrownBy(() -> new TestClock(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(TestClock.MONDAY_MORNING);
    }

    @Test
    void movesFromSeveralThreadsAtOnceAllCount() throws Exception {
        TestClock clock = new TestClock();
        int threads = 8;
        int moves = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < moves; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(clock.instant()).isEqualTo(TestClock.MONDAY_MORNING.plusMillis((long) threads * moves));
    }

    @Property(tries = 200)
    void itEndsWhereTheMovesAddUpTo(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 100_000) Integer> secondsMoved) {
        TestClock clock = new TestClock();
        secondsMoved.forEach(s -> clock.advance(Duration.ofSeconds(s)));
        assertThat(clock.instant()).isEqualTo(TestClock.MONDAY_MORNING.plusSeconds(secondsMoved.stream().mapToLong(Integer::longValue).sum()));
    }
}
