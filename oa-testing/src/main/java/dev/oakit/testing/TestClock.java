package dev.oakit.testing;

import org.apiguardian.api.API;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock OAKit runs on in a test: it stands still until the test moves it, so deadlines, SLAs and
 * timeout ladders fall due when the test says (then {@link OaTestKit#runDueJobs()} runs what fell due).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TestClock extends Clock {
    /** Monday 2026-11-23 10:00 in Shanghai (02:00 UTC): a working morning for most business calendars. */
    public static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T02:00:00Z");

    private volatile Instant now;

    /** A clock at {@link #MONDAY_MORNING}. */
    public TestClock() {
        this(MONDAY_MORNING);
    }

    public TestClock(Instant start) {
        set(start);
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException when {@code by} is negative (a clock going back would re-order audit entries)
     */
    public TestClock advance(Duration by) {
        if (by == null || by.isNegative()) {
            throw new IllegalArgumentException("advance(by): by must be zero or positive, was " + by + "; use set(instant) to place the clock");
        }
        now = now.plus(by);
        return this;
    }

    /** Places the clock at {@code instant}. */
    public TestClock set(Instant instant) {
        if (instant == null) {
            throw new IllegalArgumentException("set(instant): instant must not be null");
        }
        now = instant;
        return this;
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
