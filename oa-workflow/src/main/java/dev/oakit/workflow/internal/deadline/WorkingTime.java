package dev.oakit.workflow.internal.deadline;

import dev.oakit.core.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of working time as written in definitions: {@code P2D} (working days), {@code PT4H30M}
 * (working hours and minutes), {@code P1DT2H} (both), with a leading {@code -} for offsets before
 * a deadline.
 *
 * @param negative written with a leading minus
 * @param days whole working days
 * @param time working hours and minutes beyond the days
 */
public record WorkingTime(boolean negative, int days, Duration time) {
    private static final Pattern FORMAT = Pattern.compile("(-)?P(?:(\\d{1,4})D)?(?:T([0-9HMS.]+))?");

    /**
     * @param text the written form
     * @return the span
     * @throws IllegalArgumentException with a message naming the expected form
     */
    public static WorkingTime parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches() || (m.group(2) == null && m.group(3) == null)) {
            throw new IllegalArgumentException("'" + text + "' is not a working time; write P1D (working days), PT4H or PT30M"
                    + " (working hours, minutes) or P1DT4H");
        }
        Duration time = Duration.ZERO;
        if (m.group(3) != null) {
            try {
                time = Duration.parse("PT" + m.group(3));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' has an unreadable time part; write e.g. PT4H or PT1H30M");
            }
        }
        return new WorkingTime(m.group(1) != null, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), time);
    }

    /** @return true for a zero span */
    public boolean isZero() {
        return days == 0 && time.isZero();
    }

    /** @return the instant this much working time after {@code from} on the calendar (the sign is ignored) */
    public Instant after(BusinessCalendar calendar, Instant from) {
        Instant t = days > 0 ? calendar.addWorkingDays(from, days) : from;
        return time.isZero() && days > 0 ? t : calendar.add(t, time);
    }

    /**
     * The instant of an offset relative to a deadline: after it for positive offsets; for negative
     * ones (working hours only) that much working time before it, but not before {@code opened}.
     */
    public Instant relativeTo(BusinessCalendar calendar, Instant opened, Instant due) {
        if (!negative) {
            return after(calendar, due);
        }
        Duration span = calendar.between(opened, due).minus(time);
        return calendar.add(opened, span.isNegative() ? Duration.ZERO : span);
    }
}
