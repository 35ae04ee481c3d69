package dev.oakit.workflow;

import dev.oakit.core.testing.ManualClock;

import java.time.Instant;

/** A clock the test moves by hand; starts Monday 2026-11-23 10:00 in Shanghai (02:00 UTC). */
public final class TestClock extends ManualClock {
    public TestClock() {
        super(Instant.parse("2026-11-23T02:00:00Z"));
    }
}
