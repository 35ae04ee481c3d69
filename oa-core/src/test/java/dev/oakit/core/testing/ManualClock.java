package dev.oakit.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, for retries, budgets, deadlines, timers and retention measured in
 * days; the one clock the modules' tests, the benchmarks and the examples share.
 */
public class ManualClock extends Clock {
    /** Monday 2026-11-23 10:00 in Shanghai (02:00 UTC): a working morning for the calendars of the tests. */
    public static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T02:00:00Z");

    private volatile Instant now;

    /** A clock at {@link #MONDAY_MORNING}. */
    public ManualClock() {
        this(MONDAY_MORNING);
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** Sets the clock. */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
