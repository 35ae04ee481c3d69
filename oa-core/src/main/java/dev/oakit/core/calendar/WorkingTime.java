package dev.oakit.core.calendar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The working-time arithmetic of a {@link BusinessCalendar}, whose public methods say what each
 * operation means: turning a date's windows into instants (the boundary rules for DST gaps and
 * overlaps), and counting, measuring and finding working time day by day, whole days skipped,
 * each search bounded by the calendar's horizon. Immutable, thread-safe.
 */
final class WorkingTime {
    private static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
    private static final Instant[] NONE = new Instant[0];
    /** How many dates {@link #intervals} keeps: a measurement spans the days of the span and one on either side. */
    private static final int RECENT_DAYS = 8;

    private final BusinessCalendar cal;
    private final ZoneRules rules;
    /** No search for working time needs to look further ahead than this many days (see validation). */
    private final int searchHorizonDays;
    /** The intervals of the dates last asked for, by epoch day modulo {@link #RECENT_DAYS}; racy by design (see {@link Day}). */
    private final Day[] recent = new Day[RECENT_DAYS];

    /** A date's intervals; immutable (final fields), so a racy read of {@link #recent} sees a whole entry or an older one. */
    private record Day(long epochDay, Instant[] intervals) {
    }

    WorkingTime(BusinessCalendar cal, int holidays) {
        this.cal = cal;
        this.rules = cal.zone().getRules();
        // a week has working time and holidays are finite, so working time recurs within this many days
        this.searchHorizonDays = holidays + 3 * 366;
    }

    boolean isWorkingTime(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        LocalDate d = localDate(instant);
        for (LocalDate x = d.minusDays(1); !x.isAfter(d.plusDays(1)); x = x.plusDays(1)) {
            Instant[] iv = intervals(x);
            for (int i = 0; i < iv.length; i += 2) {
                if (!instant.isBefore(iv[i]) && instant.isBefore(iv[i + 1])) {
                    return true;
                }
            }
        }
        return false;
    }

    Instant nextWorkingInstant(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        LocalDate d = localDate(instant).minusDays(1);
        for (int idle = 0; ; idle++) {
            checkHorizon(idle, d);
            Instant[] iv = intervals(d);
            for (int i = 0; i < iv.length; i += 2) {
                if (iv[i + 1].isAfter(instant)) {
                    return max(iv[i], instant);
                }
            }
            d = d.plusDays(1);
        }
    }

    Instant add(Instant start, Duration workingTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(workingTime, "workingTime");
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("workingTime must not be negative, was " + workingTime
                    + "; calendar '" + cal.name() + "' counts working time forward only");
        }
        if (workingTime.isZero()) {
            return nextWorkingInstant(start);
        }
        Duration remaining = workingTime;
        LocalDate d = localDate(start).minusDays(1);
        for (int idle = 0; ; idle++) {
            checkHorizon(idle, d);
            Instant[] iv = intervals(d);
            for (int i = 0; i < iv.length; i += 2) {
                if (!iv[i + 1].isAfter(start)) {
                    continue;
                }
                Instant from = max(iv[i], start);
                Duration available = Duration.between(from, iv[i + 1]);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
                idle = -1; // found working time; the horizon restarts
            }
            d = d.plusDays(1);
        }
    }

    Instant addWorkingDays(Instant start, int days) {
        Objects.requireNonNull(start, "start");
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative, was " + days
                    + "; calendar '" + cal.name() + "' counts working days forward only");
        }
        if (days == 0) {
            return nextWorkingInstant(start);
        }
        LocalDate day = localDate(start);
        Instant[] iv = intervals(day);
        Duration position = Duration.ZERO;
        if (iv.length == 0) {
            day = nextWorkingDate(day);
        } else {
            Instant clamped = min(max(start, iv[0]), iv[iv.length - 1]);
            position = workingTimeWithin(iv, iv[0], clamped);
        }
        for (int i = 0; i < days; i++) {
            day = nextWorkingDate(day);
        }
        Instant[] target = intervals(day);
        if (position.isZero()) {
            return target[0];
        }
        Duration remaining = position;
        for (int i = 0; i < target.length; i += 2) {
            Duration len = Duration.between(target[i], target[i + 1]);
            if (remaining.compareTo(len) <= 0) {
                return target[i].plus(remaining);
            }
            remaining = remaining.minus(len);
        }
        return target[target.length - 1];
    }

    Duration between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        int c = from.compareTo(to);
        if (c == 0) {
            return Duration.ZERO;
        }
        if (c > 0) {
            return between(to, from).negated();
        }
        Duration sum = Duration.ZERO;
        LocalDate last = localDate(to).plusDays(1);
        for (LocalDate d = localDate(from).minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            sum = sum.plus(workingTimeWithin(intervals(d), from, to));
        }
        return sum;
    }

    private LocalDate nextWorkingDate(LocalDate after) {
        LocalDate d = after.plusDays(1);
        for (int idle = 0; ; idle++, d = d.plusDays(1)) {
            checkHorizon(idle, d);
            if (intervals(d).length > 0) {
                return d;
            }
        }
    }

    private void checkHorizon(int idleDays, LocalDate at) {
        if (idleDays > searchHorizonDays) {
            // unreachable for a validated calendar; guards against looping forever all the same
            throw new IllegalStateException("Business calendar '" + cal.name() + "' has no working time in the "
                    + searchHorizonDays + " days before " + at + "; give it working windows");
        }
    }

    /** Working time of the intervals {@code iv} that lies in {@code [from, to)}. */
    private static Duration workingTimeWithin(Instant[] iv, Instant from, Instant to) {
        Duration sum = Duration.ZERO;
        for (int i = 0; i < iv.length; i += 2) {
            Instant s = max(iv[i], from);
            Instant e = min(iv[i + 1], to);
            if (s.isBefore(e)) {
                sum = sum.plus(Duration.between(s, e));
            }
        }
        return sum;
    }

    /**
     * The non-empty working intervals of a date as {@code [s0, e0, s1, e1, ...]}, ascending; shared, never to be written.
     * The last dates asked for are kept: measuring a task's working time turns the same few days into instants at every
     * close, and a date's intervals never change (the calendar is immutable).
     */
    Instant[] intervals(LocalDate date) {
        long day = date.toEpochDay();
        int slot = Math.floorMod(day, RECENT_DAYS);
        Day known = recent[slot];
        if (known != null && known.epochDay == day) {
            return known.intervals;
        }
        Instant[] made = computeIntervals(date);
        recent[slot] = new Day(day, made);
        return made;
    }

    private Instant[] computeIntervals(LocalDate date) {
        if (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE)) {
            throw new DateTimeException("Business calendar '" + cal.name() + "' computes working time on dates from "
                    + MIN_DATE + " to " + MAX_DATE + " only, not on " + date);
        }
        List<WorkingWindow> ws = cal.windowsOn(date);
        if (ws.isEmpty()) {
            return NONE;
        }
        Instant[] out = new Instant[ws.size() * 2];
        int n = 0;
        for (WorkingWindow w : ws) {
            Instant s = boundary(date, w.startNanoOfDay());
            Instant e = boundary(date, w.endNanoOfDay());
            if (s.isBefore(e)) {
                out[n++] = s;
                out[n++] = e;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The first instant at which the zone's clock shows {@code date + nanoOfDay} or later. */
    private Instant boundary(LocalDate date, long nanoOfDay) {
        if (nanoOfDay >= WorkingWindow.NANOS_PER_DAY) {
            return boundary(date.plusDays(1), 0);
        }
        LocalDateTime ldt = LocalDateTime.of(date, LocalTime.ofNanoOfDay(nanoOfDay));
        ZoneOffsetTransition t = rules.getTransition(ldt);
        if (t == null) {
            return ldt.toInstant(rules.getOffset(ldt));
        }
        return t.isGap() ? t.getInstant() : ldt.toInstant(t.getOffsetBefore());
    }

    private LocalDate localDate(Instant instant) {
        LocalDate d = LocalDateTime.ofInstant(instant, cal.zone()).toLocalDate();
        if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
            throw new DateTimeException("Business calendar '" + cal.name() + "' computes working time on dates from "
                    + MIN_DATE + " to " + MAX_DATE + " only, not at " + instant);
        }
        return d;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
