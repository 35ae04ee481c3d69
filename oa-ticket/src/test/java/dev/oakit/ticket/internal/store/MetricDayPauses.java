package dev.oakit.ticket.internal.store;

import java.util.function.Consumer;

/** Sets {@link MetricDayRepository}'s pause for tests from tests in other packages; null removes it. */
public final class MetricDayPauses {
    private MetricDayPauses() {
    }

    public static void set(Consumer<String> pause) {
        MetricDayRepository.pauseForTests = pause;
    }
}
