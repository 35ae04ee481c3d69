package dev.oakit.core.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of a calendar definition, applied when a {@link BusinessCalendar.Builder} builds (and
 * so when JSON or YAML is read): a name, a known zone, readable windows that do not overlap, some
 * working time every week, each date listed once and either a holiday or a make-up working day,
 * and working time on every make-up working day. Every problem is reported, with its path.
 */
final class CalendarRules {
    private CalendarRules() {
    }

    /** Where the problems go, each with its path in the definition. */
    @FunctionalInterface
    interface Sink {
        void add(String path, String message);
    }

    /** A definition's parts, parsed; meaningful only when no problem was reported. */
    record Resolved(ZoneId zone, EnumMap<DayOfWeek, List<WorkingWindow>> week, TreeSet<LocalDate> holidays,
                    TreeMap<LocalDate, List<WorkingWindow>> workdays) {
    }

    /** Reports every problem of the definition to {@code p} and resolves its parts. */
    static Resolved check(String name, String zoneText, Map<DayOfWeek, List<String>> week, List<LocalDate> holidays,
                          List<BusinessCalendar.Builder.MakeUp> workdays, DayOfWeek workdayLike, List<String> workdayWindows,
                          Sink p) {
        if (name == null || name.isBlank()) {
            p.add("name", "is missing or blank; give the calendar a name such as cn-default");
        }
        ZoneId zone = null;
        if (zoneText == null) {
            p.add("zone", "is missing; give an IANA time zone id such as Asia/Shanghai");
        } else {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                p.add("zone", "'" + zoneText + "' is not a known time zone; use an IANA id such as Asia/Shanghai or Europe/Berlin");
            }
        }

        EnumMap<DayOfWeek, List<WorkingWindow>> weekWindows = new EnumMap<>(DayOfWeek.class);
        boolean anyWindow = false;
        for (DayOfWeek d : DayOfWeek.values()) {
            List<String> texts = week.getOrDefault(d, List.of());
            anyWindow |= !texts.isEmpty();
            weekWindows.put(d, windows(texts, "week." + d, p));
        }
        if (!anyWindow) {
            p.add("week", "has no working window on any weekday; without working time every week no deadline"
                    + " could ever be reached; give at least one weekday windows such as 09:00-18:00");
        }

        TreeSet<LocalDate> holidaySet = new TreeSet<>();
        Map<LocalDate, Integer> holidayIndex = new HashMap<>();
        for (int i = 0; i < holidays.size(); i++) {
            LocalDate h = holidays.get(i);
            if (h == null) {
                continue;
            }
            Integer first = holidayIndex.putIfAbsent(h, i);
            if (first != null) {
                p.add("holidays[" + i + "]", h + " is listed twice (also holidays[" + first + "]); remove one");
            }
            holidaySet.add(h);
        }

        List<WorkingWindow> defaultWindows = null;
        if (workdayWindows != null) {
            if (workdayWindows.isEmpty()) {
                p.add("workdayWindows", "is empty; give windows such as 09:00-18:00 or a weekday such as MONDAY");
            }
            defaultWindows = windows(workdayWindows, "workdayWindows", p);
        }

        TreeMap<LocalDate, List<WorkingWindow>> workdayMap = new TreeMap<>();
        Map<LocalDate, Integer> workdayIndex = new LinkedHashMap<>();
        for (int i = 0; i < workdays.size(); i++) {
            BusinessCalendar.Builder.MakeUp m = workdays.get(i);
            if (m.date() == null) {
                continue;
            }
            String path = "workdays[" + i + "]";
            Integer first = workdayIndex.putIfAbsent(m.date(), i);
            if (first != null) {
                p.add(path, m.date() + " is listed twice (also workdays[" + first + "]); remove one");
            }
            if (holidaySet.contains(m.date())) {
                p.add(path, m.date() + " is also holidays[" + holidayIndex.get(m.date()) + "]; a date is either a"
                        + " holiday or a make-up working day, remove it from one list");
            }
            List<WorkingWindow> ws;
            String source;
            if (m.windows() != null) {
                ws = windows(m.windows(), path + ".windows", p);
                source = m.windows().isEmpty() ? "has no windows" : null;
            } else if (m.like() != null) {
                ws = weekWindows.get(m.like());
                source = "takes the windows of " + m.like() + ", which has none";
            } else if (defaultWindows != null) {
                ws = defaultWindows;
                source = null; // empty or unreadable workdayWindows are reported at workdayWindows
            } else {
                ws = weekWindows.get(workdayLike);
                source = "takes the windows of " + workdayLike + " (workdayWindows), which has none";
            }
            if (ws.isEmpty() && source != null) {
                p.add(path, m.date() + " " + source + "; give it windows or another weekday to copy");
            }
            workdayMap.put(m.date(), ws);
        }
        return new Resolved(zone, weekWindows, holidaySet, workdayMap);
    }

    private static List<WorkingWindow> windows(List<String> texts, String path, Sink p) {
        List<WorkingWindow> parsed = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null) {
                continue; // already reported by the parser
            }
            try {
                parsed.add(WorkingWindow.parse(t));
                index.add(i);
            } catch (IllegalArgumentException e) {
                p.add(path + "[" + i + "]", e.getMessage());
            }
        }
        // report an overlap at the later-listed window of the pair, naming the other one
        for (int a = 0; a < parsed.size(); a++) {
            for (int b = 0; b < a; b++) {
                if (parsed.get(a).overlaps(parsed.get(b))) {
                    p.add(path + "[" + index.get(a) + "]", parsed.get(a) + " overlaps " + path + "[" + index.get(b)
                            + "] " + parsed.get(b) + "; windows of a day must not overlap (touching, like 12:00-13:00"
                            + " and 13:00-18:00, is fine)");
                    break;
                }
            }
        }
        parsed.sort(null);
        return parsed;
    }
}
