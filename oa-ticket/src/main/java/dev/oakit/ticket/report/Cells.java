package dev.oakit.ticket.report;

import java.time.Duration;
import java.util.Locale;

/** Formatting of report cells: plain numbers, durations in minutes with one decimal, shares with four decimals. */
final class Cells {
    private Cells() {
    }

    static String of(Object v) {
        return v == null ? "" : v.toString();
    }

    static String minutes(Duration d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.1f", d.toMillis() / 60_000.0);
    }

    static String decimal(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
