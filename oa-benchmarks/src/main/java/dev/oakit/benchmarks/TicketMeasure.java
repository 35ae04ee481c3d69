package dev.oakit.benchmarks;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link TicketBenchmark} measures after the load ({@code bench.only}): the reports, the queue view, create-and-assign
 * against its floor. Measuring only some of them on a kept set makes a short run, e.g. {@code only=create,view} on a
 * million tickets skips the reports (and the roll-up of the earlier runs' creates that they need first).
 */
public enum TicketMeasure {
    REPORTS("reports"),
    VIEW("view"),
    CREATE("create");

    private final String key;

    TicketMeasure(String key) {
        this.key = key;
    }

    /** @return the name in {@code bench.only} */
    String key() {
        return key;
    }

    /**
     * @param value {@code bench.only}: names of {@link #key()} separated by commas, or null / blank for all of them
     * @return the measurements to make
     * @throws IllegalArgumentException for an unknown name or an empty list, naming the setting and its values
     */
    static Set<TicketMeasure> parse(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(TicketMeasure.class);
        }
        Set<TicketMeasure> chosen = EnumSet.noneOf(TicketMeasure.class);
        for (String part : value.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            TicketMeasure m = Arrays.stream(values()).filter(v -> v.key.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("bench.only: unknown measurement '" + part.trim() + "' in '" + value
                            + "'; name one or more of " + names(EnumSet.allOf(TicketMeasure.class)) + ", separated by commas"
                            + " (or leave bench.only out to measure all of them)"));
            chosen.add(m);
        }
        return chosen;
    }

    /** @return the keys of {@code measures}, in their order, joined by commas */
    static String names(Set<TicketMeasure> measures) {
        return measures.stream().map(TicketMeasure::key).collect(Collectors.joining(","));
    }
}
