package dev.oakit.core.testing;

import dev.oakit.testing.base.TestClock;

import java.time.Instant;

/**
 * The name OAKit's own tests have for the published {@link TestClock} (oa-testing-base), which hosts' tests and
 * oa-testing use: one clock, moved by hand, for retries, budgets, deadlines, timers and retention measured in days.
 * New tests use {@link TestClock} itself; this name stays while older tests use it.
 */
public class ManualClock extends TestClock {
    /** A clock at {@link #MONDAY_MORNING} (Monday 2026-11-23 10:00 in Shanghai). */
    public ManualClock() {
        super();
    }

    public ManualClock(Instant start) {
        super(start);
    }
}
