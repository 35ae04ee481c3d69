package dev.oakit.core.calendar;

import org.apiguardian.api.API;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One working window of a day: the half-open range {@code [start, end)} of local wall-clock
 * times in the calendar's zone, for example {@code 09:00-12:00}.
 *
 * <p>The end of the day is written {@code 24:00} in text and is {@link LocalTime#MIDNIGHT} as
 * {@link #end()}: an end of {@code 00:00} can never be after a start, so it always means 24:00.
 * {@code 00:00-24:00} is the whole day.
 *
 * <p>Immutable and thread-safe. Components are never null.
 *
 * @param start first local time of the window (inclusive); never null
 * @param end local time at which the window closes (exclusive), {@link LocalTime#MIDNIGHT} for 24:00; never null
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record WorkingWindow(LocalTime start, LocalTime end) implements Comparable<WorkingWindow> {

    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /**
     * Checks the window.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code end} is not after {@code start} (with 00:00 as an end read as 24:00)
     */
    public WorkingWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        long s = start.toNanoOfDay();
        long e = end.equals(LocalTime.MIDNIGHT) ? NANOS_PER_DAY : end.toNanoOfDay();
        if (e <= s) {
            throw new IllegalArgumentException("window " + text(start, end) + " ends before or when it starts;"
                    + " the end must be after the start (write 24:00 for the end of the day)");
        }
    }

    /**
     * Same as the constructor.
     *
     * @param start first local time, inclusive; not null
     * @param end closing local time, exclusive; {@link LocalTime#MIDNIGHT} for 24:00; not null
     * @return the window, never null
     * @throws IllegalArgumentException if the end is not after the start
     */
    public static WorkingWindow of(LocalTime start, LocalTime end) {
        return new WorkingWindow(start, end);
    }

    /**
     * Parses {@code HH:mm-HH:mm} (seconds allowed: {@code HH:mm:ss}); the end may be {@code 24:00}.
     *
     * @param text for example {@code "09:00-12:00"} or {@code "00:00-24:00"}; not null; surrounding blanks are ignored
     * @return the window, never null
     * @throws IllegalArgumentException naming the text and the expected form if it is not a valid window
     */
    public static WorkingWindow parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String s = text.toString().strip();
        int dash = s.indexOf('-');
        if (dash < 0 || s.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException("'" + s + "' is not a working window; write HH:mm-HH:mm such as 09:00-12:00");
        }
        String a = s.substring(0, dash).strip();
        String b = s.substring(dash + 1).strip();
        LocalTime start;
        LocalTime end;
        try {
            start = LocalTime.parse(a);
            end = b.equals("24:00") || b.equals("24:00:00") ? LocalTime.MIDNIGHT : LocalTime.parse(b);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a working window; write HH:mm-HH:mm such as 09:00-12:00"
                    + " (times are 00:00 to 23:59, and 24:00 as an end)");
        }
        if (b.equals("00:00") || b.equals("00:00:00")) {
            // "18:00-00:00" reads like a typo for 24:00; insist on the explicit spelling
            throw new IllegalArgumentException("window '" + s + "' ends at 00:00; write 24:00 for the end of the day");
        }
        return new WorkingWindow(start, end);
    }

    /** @return true when the window closes at 24:00 (the end of its day) */
    public boolean endsAtEndOfDay() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /**
     * The nominal length on a day without a clock change (a DST change inside the window makes the
     * real length shorter or longer; see {@link BusinessCalendar}).
     *
     * @return end minus start, positive, never null
     */
    public Duration length() {
        return Duration.ofNanos(endNanoOfDay() - startNanoOfDay());
    }

    /**
     * @param other another window; not null
     * @return true when the two half-open windows share at least one instant of the day (touching windows do not overlap)
     */
    public boolean overlaps(WorkingWindow other) {
        return startNanoOfDay() < other.endNanoOfDay() && other.startNanoOfDay() < endNanoOfDay();
    }

    long startNanoOfDay() {
        return start.toNanoOfDay();
    }

    long endNanoOfDay() {
        return endsAtEndOfDay() ? NANOS_PER_DAY : end.toNanoOfDay();
    }

    /** Orders by start, then by end. */
    @Override
    public int compareTo(WorkingWindow o) {
        int c = Long.compare(startNanoOfDay(), o.startNanoOfDay());
        return c != 0 ? c : Long.compare(endNanoOfDay(), o.endNanoOfDay());
    }

    /** @return the text form, for example {@code 09:00-12:00} or {@code 00:00-24:00}, which {@link #parse} reads back */
    @Override
    public String toString() {
        return text(start, end);
    }

    private static String text(LocalTime start, LocalTime end) {
        return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }
}
