package dev.oakit.ticket.sla;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.WorkingWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of {@link TargetStatus#explain()}. Times are local to the calendar's zone; the clock's
 * start is written with its date, every other time only with {@code HH:mm} when it falls on the
 * same local date and with its date otherwise.
 */
final class SlaText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter TIME_S = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd ");
    /** More non-working periods than this are summarised. */
    private static final int LISTED_GAPS = 3;
    /** Bound on the windows walked to find non-working periods (a year of working days). */
    private static final int MAX_WINDOWS = 2_000;

    private final BusinessCalendar calendar;
    private final LocalDate startDate;

    SlaText(BusinessCalendar calendar, Instant start) {
        this.calendar = calendar;
        this.startDate = start == null ? null : start.atZone(calendar.zone()).toLocalDate();
    }

    String explain(SlaReplay.Track track, TargetState state, Instant due, Duration paused, Duration elapsed,
                   Duration remaining, SlaPolicy policy, String priority) {
        if (due == null) {
            String why = policy == null ? "no SLA policy applies"
                    : "policy '" + policy.name() + "' has no " + track.target + " target for priority '" + priority + "'";
            return track.endedAt != null && !track.met ? why + "; stopped by the close at " + time(track.endedAt) : why;
        }
        StringBuilder sb = new StringBuilder("due ").append(time(due)).append(" because ");
        if (track.manualDue != null) {
            sb.append("set by hand at ").append(time(track.manualSetAt)).append(" (pauses do not move it); clock started: ")
                    .append(track.startReason).append(' ').append(full(track.start));
        } else {
            sb.append(track.startReason).append(' ').append(full(track.start)).append(" + ").append(workingTime(track.workingTime));
            if (track.cappedFrom != null) {
                sb.append(" (the policy's ").append(workingTime(track.cappedFrom))
                        .append(" capped at the resolution target: a response is never due after the resolution)");
            }
            String gaps = gaps(track.start, due);
            if (!gaps.isEmpty()) {
                sb.append(", ").append(gaps).append(" excluded");
            }
        }
        if ((paused.compareTo(Duration.ZERO) > 0)) {
            sb.append(", paused ").append(duration(paused));
        }
        for (SlaReplay.Note note : track.notes) {
            sb.append(", ").append(note.before()).append(' ').append(time(note.at())).append(note.after());
        }
        sb.append("; ");
        switch (state) {
            case MET -> {
                sb.append("met at ").append(time(track.endedAt));
                if (track.breached) {
                    Duration late = calendar.between(due, track.endedAt);
                    sb.append(", after the due").append((late.compareTo(Duration.ZERO) > 0) ? " (" + duration(late) + " of working time late)" : "");
                }
            }
            case RUNNING -> sb.append("running, ").append(duration(remaining)).append(" of working time left");
            case PAUSED -> sb.append("paused since ").append(time(track.pausedSince)).append(" (state '").append(track.pausedState)
                    .append("'), ").append(duration(remaining)).append(" of working time left when it resumes");
            case BREACHED -> {
                sb.append("breached");
                if (track.endedAt != null) {
                    sb.append(", stopped by the close at ").append(time(track.endedAt));
                } else if (remaining.isNegative()) {
                    sb.append(", ").append(duration(remaining.negated())).append(" of working time over");
                }
            }
            case NOT_APPLICABLE -> sb.append("stopped by the close at ").append(time(track.endedAt)).append(" before it was met");
        }
        return sb.toString();
    }

    /** @return the non-working periods in {@code [from, to)}, e.g. {@code 12:00–13:00 and 18:00–2026-03-03 09:00}; empty if none */
    String gaps(Instant from, Instant to) {
        List<String> listed = new ArrayList<>();
        int count = 0;
        Instant t = from;
        for (int i = 0; i < MAX_WINDOWS && t.isBefore(to); i++) {
            Instant next = calendar.nextWorkingInstant(t);
            if (next.isAfter(t)) {
                if (!next.isBefore(to)) {
                    break;
                }
                count++;
                if (listed.size() < LISTED_GAPS) {
                    listed.add(time(t) + "–" + (sameDate(t, next) ? clock(next.atZone(calendar.zone()).toLocalTime()) : time(next)));
                }
                t = next;
            } else {
                t = windowEnd(t);
            }
        }
        if (count == 0) {
            return "";
        }
        if (count <= LISTED_GAPS) {
            return count == 1 ? listed.get(0)
                    : String.join(", ", listed.subList(0, count - 1)) + " and " + listed.get(count - 1);
        }
        return String.join(", ", listed) + " and " + (count - LISTED_GAPS) + " more non-working periods";
    }

    /** @return the end of the working window around the working instant {@code t} */
    private Instant windowEnd(Instant t) {
        LocalDate date = t.atZone(calendar.zone()).toLocalDate();
        for (LocalDate d : List.of(date.minusDays(1), date)) {
            for (WorkingWindow w : calendar.windowsOn(d)) {
                Instant start = boundary(d.atTime(w.start()));
                Instant end = w.endsAtEndOfDay() ? boundary(d.plusDays(1).atStartOfDay()) : boundary(d.atTime(w.end()));
                if (!t.isBefore(start) && t.isBefore(end)) {
                    return end;
                }
            }
        }
        return t.plusSeconds(60); // not reached for a working instant; keeps the walk finite regardless
    }

    /** The first instant at which the zone's clock shows {@code local} or later, as the calendar defines it. */
    private Instant boundary(LocalDateTime local) {
        ZoneOffsetTransition gap = calendar.zone().getRules().getTransition(local);
        if (gap != null && gap.isGap()) {
            return gap.getInstant();
        }
        return ZonedDateTime.ofLocal(local, calendar.zone(), null).toInstant();
    }

    private boolean sameDate(Instant a, Instant b) {
        return a.atZone(calendar.zone()).toLocalDate().equals(b.atZone(calendar.zone()).toLocalDate());
    }

    String full(Instant t) {
        ZonedDateTime z = t.atZone(calendar.zone());
        return DATE.format(z) + clock(z.toLocalTime());
    }

    String time(Instant t) {
        ZonedDateTime z = t.atZone(calendar.zone());
        return z.toLocalDate().equals(startDate) ? clock(z.toLocalTime()) : full(t);
    }

    private static String clock(LocalTime time) {
        return (time.getSecond() == 0 && time.getNano() == 0 ? TIME : TIME_S).format(time);
    }

    /** @return e.g. {@code 4 working hours}, {@code 30 min of working time} */
    static String workingTime(Duration d) {
        if (d.toMinutes() % 60 == 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
            long h = d.toHours();
            return h + " working hour" + (h == 1 ? "" : "s");
        }
        return duration(d) + " of working time";
    }

    /** @return e.g. {@code 1 h 30 min}, {@code 40 min}, {@code 45 s}, {@code 0 min}; a negative duration gets a minus sign */
    static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        List<String> parts = new ArrayList<>();
        if (h > 0) {
            parts.add(h + " h");
        }
        if (m > 0) {
            parts.add(m + " min");
        }
        if (parts.isEmpty()) {
            parts.add(s > 0 ? s + " s" : "0 min");
        }
        return String.join(" ", parts);
    }
}
