package dev.oakit.core.testing;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.time.Duration;

/**
 * Awaitility's defaults for every test JVM that has core's test classes on its class path
 * (registered in {@code META-INF/services}): the first check of a condition right away and then
 * every 20 ms, instead of Awaitility's own 100 ms before the first check and between checks. An
 * await still waits for the same condition and fails after the same {@code atMost}; it only stops
 * waiting sooner once the condition holds. Awaits that name their own poll interval or delay keep them.
 */
public final class FastAwait implements LauncherSessionListener {
    /** Between two checks of a condition. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(POLL_INTERVAL);
    }
}
