package dev.oakit.testing.base;

import org.apiguardian.api.API;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it, so that deadlines, SLAs, retries and timeout ladders fall
 * due when the test says. The one clock of OAKit's test kit: oa-testing runs OAKit on it, OAKit's own modules'
 * tests and benchmarks use it. Thread-safe: threads of the code under test read it while the test moves it, and
 * concurrent moves add up.
 *
 * <p>Not final only so that OAKit's own older tests can keep a name of their own for it; it has nothing to override.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class TestClock extends Clock {
    /** Monday 2026-11-23 10:00 in Shanghai (02:00 UTC): a working morning for most business calendars. */
    public static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T02:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>();

    /** A clock at {@link #MONDAY_MORNING}. */
    public TestClock() {
        this(MONDAY_MORNING);
    }

    /** A clock at {@code start}; not null. */
    public TestClock(Instant start) {
        now.set(required(start));
    }

    /**
     * Moves the clock forward.
     *
     * @return this clock
     * @throws IllegalArgumentException when {@code by} is null or negative (a clock going back would re-order audit entries)
     */
    public TestClock advance(Duration by) {
        if (by == null || by.isNegative()) {
            throw new IllegalArgumentException("advance(by): by must be zero or positive, was " + by + "; use set(instant) to place the clock");
        }
        now.updateAndGet(t -> t.plus(by));
        return this;
    }

    /**
     * Places the clock at {@code instant}, earlier or later.
     *
     * @return this clock
     * @throws IllegalArgumentException when {@code instant} is null
     */
    public TestClock set(Instant instant) {
        now.set(required(instant));
        return this;
    }

    private static Instant required(Instant instant) {
        if (instant == null) {
            throw new IllegalArgumentException("set(instant): instant must not be null");
        }
        return instant;
    }

    /** @return UTC: the clock's instant is what matters; calendars carry their own zones */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @return this clock: a zone does not make a second clock that would stand still when this one moves */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
