package dev.oakit.core.calendar;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.io.InputStream;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A named business calendar: working windows per weekday in a time zone, holidays (dates that
 * are not working days) and make-up working days (调休: dates, usually a Saturday or Sunday, that
 * are working days with their own windows). It computes deadlines in working time.
 *
 * <h2>Which instants are working time</h2>
 * The windows of a date are those of its make-up working day entry if it has one, else none if it
 * is a holiday, else those of its weekday. A window {@code [start, end)} of date {@code d} covers
 * the instants from the <em>boundary instant</em> of {@code d start} (inclusive) to that of
 * {@code d end} (exclusive), where {@code 24:00} is {@code 00:00} of the next date. The boundary
 * instant of a local date-time is the first instant at which the zone's clock shows that
 * date-time or a later one:
 * <ul>
 *   <li>normally the one instant with that local date-time;</li>
 *   <li>in a DST gap (spring forward, the time does not exist): the instant of the transition, so a
 *       window {@code 01:00-04:00} on a day whose clock jumps from 02:00 to 03:00 lasts 2 hours;</li>
 *   <li>in a DST overlap (fall back, the time happens twice): the earlier of the two, so that same
 *       window on a day whose clock goes back from 03:00 to 02:00 lasts 4 hours.</li>
 * </ul>
 *
 * <h2>Operations</h2>
 * {@link #add} counts working time forward, {@link #addWorkingDays} counts whole working days,
 * {@link #between} measures working time, {@link #isWorkingTime} and {@link #nextWorkingInstant}
 * test and find working time. Each costs time proportional to the number of calendar days it
 * crosses (whole days are skipped, never minutes), and each search for the next working time is
 * bounded: a valid calendar always has working time every week apart from its finite holidays.
 * Instants must lie on local dates from 0001-01-01 to 9999-12-31, else {@link DateTimeException}.
 *
 * <p>The rules of a definition are {@code CalendarRules}' (applied by the {@link Builder}, also when
 * JSON or YAML is read by {@code CalendarParser}); the working-time arithmetic is
 * {@code WorkingTime}'s, this class saying what each operation means. It is still above 500 lines
 * because its {@link Builder}, a public nested type hosts use, lives in it with its javadoc.
 *
 * <p>Instances are immutable and thread-safe; no method accepts or returns null unless stated.
 * Two calendars are equal when name, zone, weekly windows, holidays and make-up working days
 * (with their resolved windows) are equal.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class BusinessCalendar {

    /** Error code of the {@link ValidationException} thrown for an invalid calendar definition: {@link CoreErrors#CALENDAR_INVALID}. */
    public static final String INVALID = CoreErrors.CALENDAR_INVALID;

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkingWindow>> week;
    private final NavigableSet<LocalDate> holidays;
    private final NavigableMap<LocalDate, List<WorkingWindow>> workdays;
    /** The arithmetic over the windows; not part of equality. */
    private final WorkingTime time;

    private BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<WorkingWindow>> week,
                             NavigableSet<LocalDate> holidays, NavigableMap<LocalDate, List<WorkingWindow>> workdays) {
        this.name = name;
        this.zone = zone;
        EnumMap<DayOfWeek, List<WorkingWindow>> w = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            w.put(d, List.copyOf(week.getOrDefault(d, List.of())));
        }
        this.week = Collections.unmodifiableMap(w);
        this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(holidays));
        TreeMap<LocalDate, List<WorkingWindow>> m = new TreeMap<>();
        workdays.forEach((k, v) -> m.put(k, List.copyOf(v)));
        this.workdays = Collections.unmodifiableNavigableMap(m);
        this.time = new WorkingTime(this, holidays.size());
    }

    // ------------------------------------------------------------------ factories

    /**
     * Starts a fluent definition.
     *
     * @param name the calendar's name, as used in {@link BusinessCalendars}; not null (blank is reported by {@link Builder#build()})
     * @return a new builder; not thread-safe
     */
    public static Builder builder(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    /**
     * A calendar that is open around the clock every day: {@link #add} equals {@link Instant#plus}
     * and {@link #between} equals {@link Duration#between}.
     *
     * @param name its name; not null, not blank
     * @param zone its zone (only matters for {@link #addWorkingDays}, which counts calendar days in it); not null
     * @return the calendar, never null
     */
    public static BusinessCalendar alwaysOpen(String name, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return builder(name).zone(zone).week(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, "00:00-24:00").build();
    }

    /**
     * {@link #alwaysOpen(String, ZoneId)} named {@code "24x7"} in UTC.
     *
     * @return the calendar, never null
     */
    public static BusinessCalendar alwaysOpen() {
        return alwaysOpen("24x7", ZoneOffset.UTC);
    }

    /**
     * Reads one calendar in the JSON format described in {@code docs/calendar.md}.
     *
     * @param json the definition; not null
     * @return the calendar, never null
     * @throws ValidationException code {@link #INVALID}, listing every problem with its path ({@code zone}, {@code week.MONDAY[1]}, {@code holidays[3]})
     */
    public static BusinessCalendar fromJson(String json) {
        return CalendarParser.JSON.parseCalendar(Objects.requireNonNull(json, "json"));
    }

    /**
     * Reads one calendar in JSON from a stream (UTF-8 or with a BOM); the stream is not closed.
     *
     * @param json the definition; not null
     * @return the calendar, never null
     * @throws ValidationException code {@link #INVALID} listing every problem (including an I/O failure)
     */
    public static BusinessCalendar fromJson(InputStream json) {
        return CalendarParser.JSON.parseCalendar(Objects.requireNonNull(json, "json"));
    }

    /**
     * Reads one calendar in YAML; same fields as {@link #fromJson(String)}.
     *
     * @param yaml the definition; not null
     * @return the calendar, never null
     * @throws ValidationException code {@link #INVALID} listing every problem with its path
     */
    public static BusinessCalendar fromYaml(String yaml) {
        return CalendarParser.YAML.parseCalendar(Objects.requireNonNull(yaml, "yaml"));
    }

    /**
     * Reads one calendar in YAML from a stream; the stream is not closed.
     *
     * @param yaml the definition; not null
     * @return the calendar, never null
     * @throws ValidationException code {@link #INVALID} listing every problem
     */
    public static BusinessCalendar fromYaml(InputStream yaml) {
        return CalendarParser.YAML.parseCalendar(Objects.requireNonNull(yaml, "yaml"));
    }

    /**
     * A builder holding this calendar's definition, to derive a variant (an extra holiday, another name).
     * Make-up working days keep their resolved windows.
     *
     * @return a new builder, never null
     */
    public Builder toBuilder() {
        Builder b = new Builder(name).zone(zone);
        week.forEach((d, ws) -> b.day(d, ws.toArray(WorkingWindow[]::new)));
        holidays.forEach(b::holiday);
        workdays.forEach((d, ws) -> b.workday(d, ws.toArray(WorkingWindow[]::new)));
        return b;
    }

    // ------------------------------------------------------------------ definition

    /** @return the name, never null or blank */
    public String name() {
        return name;
    }

    /** @return the zone whose local times the windows are in, never null */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param day a weekday; not null
     * @return its regular windows, sorted, immutable, possibly empty (a weekend day)
     */
    public List<WorkingWindow> weekWindows(DayOfWeek day) {
        return week.get(Objects.requireNonNull(day, "day"));
    }

    /** @return the holidays, sorted, immutable, never null */
    public NavigableSet<LocalDate> holidays() {
        return holidays;
    }

    /** @return the make-up working days with their windows, sorted by date, immutable, never null */
    public NavigableMap<LocalDate, List<WorkingWindow>> workdays() {
        return workdays;
    }

    /**
     * @param date a local date in this calendar's zone; not null
     * @return the windows that apply on that date (make-up day, holiday or weekday rule), sorted, immutable, possibly empty
     */
    public List<WorkingWindow> windowsOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        List<WorkingWindow> w = workdays.get(date);
        if (w != null) {
            return w;
        }
        return holidays.contains(date) ? List.of() : week.get(date.getDayOfWeek());
    }

    /**
     * @param date a local date in this calendar's zone; not null
     * @return true when the date has any working time (windows lost entirely to a DST gap do not count)
     */
    public boolean isWorkingDay(LocalDate date) {
        return time.intervals(Objects.requireNonNull(date, "date")).length > 0;
    }

    // ------------------------------------------------------------------ operations

    /**
     * @param instant any instant; not null
     * @return true when the instant lies inside a working window ({@code [start, end)})
     */
    public boolean isWorkingTime(Instant instant) {
        return time.isWorkingTime(instant);
    }

    /**
     * @param instant any instant; not null
     * @return the instant itself if it is working time, else the start of the next working window
     */
    public Instant nextWorkingInstant(Instant instant) {
        return time.nextWorkingInstant(instant);
    }

    /**
     * Counts working time forward: the earliest instant {@code r} such that
     * {@code between(start, r)} equals {@code workingTime}. So a deadline that uses up a window
     * exactly ends at the window's end (Friday 17:00 + 1h with a window until 18:00 is Friday
     * 18:00), while any more spills into the next window (Friday 17:00 + 2h is Monday 10:00 with
     * Monday starting at 09:00). Adding zero returns {@link #nextWorkingInstant(Instant)}.
     * For positive {@code a} and {@code b}, {@code add(add(t, a), b) == add(t, a.plus(b))}.
     *
     * @param start where to count from; need not be working time; not null
     * @param workingTime how much working time to count; not null, not negative
     * @return the deadline, never before {@code start}
     * @throws IllegalArgumentException if {@code workingTime} is negative
     * @throws DateTimeException if the result would lie after 9999-12-31
     */
    public Instant add(Instant start, Duration workingTime) {
        return time.add(start, workingTime);
    }

    /**
     * Counts whole working days forward, keeping the position within the day. The position of
     * {@code start} is the working time already elapsed on its local date when that date is a
     * working day (zero before its first window, the whole day after its last); on a
     * non-working date it is zero on the next working day, which then serves as the starting
     * day. The result is on the {@code days}-th working day after the starting day, at the same
     * working-time position: its first window start for position zero, else
     * {@code add(firstStart, position)}, capped at the end of its last window when that day is
     * shorter.
     *
     * <p>With 09:00-12:00 and 13:00-18:00 on weekdays: Friday 15:00 + 1 is Monday 15:00, Friday
     * 12:30 (lunch) + 1 is Monday 12:00, Friday 20:00 + 1 is Monday 18:00, Saturday 10:00 + 1 is
     * Tuesday 09:00 (the same working time as Monday 18:00). Zero days returns
     * {@link #nextWorkingInstant(Instant)}.
     *
     * @param start where to count from; not null
     * @param days how many working days; not negative
     * @return the deadline, never before {@code start}
     * @throws IllegalArgumentException if {@code days} is negative
     * @throws DateTimeException if the result would lie after 9999-12-31
     */
    public Instant addWorkingDays(Instant start, int days) {
        return time.addWorkingDays(start, days);
    }

    /**
     * Working time in {@code [from, to)}. Antisymmetric: if {@code to} is before {@code from} the
     * result is the negated working time in {@code [to, from)}, so it is negative or zero; equal
     * instants give zero.
     *
     * @param from one end; not null
     * @param to the other end; not null
     * @return the working time, never null
     */
    public Duration between(Instant from, Instant to) {
        return time.between(from, to);
    }

    // ------------------------------------------------------------------ object

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar c && name.equals(c.name) && zone.equals(c.zone) && week.equals(c.week)
                && holidays.equals(c.holidays) && workdays.equals(c.workdays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, zone, week, holidays, workdays);
    }

    /** @return a short description such as {@code BusinessCalendar[cn-default, Asia/Shanghai, 5 working weekdays, 3 holidays, 1 make-up working days]} */
    @Override
    public String toString() {
        long weekdays = week.values().stream().filter(l -> !l.isEmpty()).count();
        return "BusinessCalendar[" + name + ", " + zone + ", " + weekdays + " working weekdays, " + holidays.size()
                + " holidays, " + workdays.size() + " make-up working days]";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Fluent definition of a {@link BusinessCalendar}. Windows are given as text
     * ({@code "09:00-12:00"}, end {@code "24:00"} allowed) or as {@link WorkingWindow}s. Nothing is
     * checked until {@link #build()}, which reports every problem at once with the same paths as
     * the JSON format ({@code week.MONDAY[1]}, {@code holidays[3]}, {@code workdays[0].windows[1]}).
     *
     * <p>Not thread-safe; arguments must not be null. A builder can be built more than once.
     *
     * @since 0.1
     */
    @API(status = API.Status.STABLE, since = "0.1")
    public static final class Builder {
        private String name;
        private String zoneText;
        private final EnumMap<DayOfWeek, List<String>> week = new EnumMap<>(DayOfWeek.class);
        /** null entries stand for unreadable input that the parser already reported, keeping indexes aligned */
        private final List<LocalDate> holidays = new ArrayList<>();
        private final List<MakeUp> workdays = new ArrayList<>();
        private DayOfWeek workdayLike = DayOfWeek.MONDAY;
        private List<String> workdayWindows;

        /** windows == null and like == null: the builder's default */
        record MakeUp(LocalDate date, DayOfWeek like, List<String> windows) {
        }

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param name the calendar's name; not null
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param zone the zone the windows are local times in; not null
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zoneText = Objects.requireNonNull(zone, "zone").getId();
            return this;
        }

        /**
         * @param zoneId an IANA zone id such as {@code Asia/Shanghai}; not null; an unknown id is reported by {@link #build()} at {@code zone}
         * @return this builder
         */
        public Builder zone(String zoneId) {
            this.zoneText = Objects.requireNonNull(zoneId, "zoneId");
            return this;
        }

        /**
         * Sets (replaces) the windows of one weekday; no windows makes it a day off.
         *
         * @param day the weekday; not null
         * @param windows text windows such as {@code "09:00-12:00"}; not null
         * @return this builder
         */
        public Builder day(DayOfWeek day, String... windows) {
            week.put(Objects.requireNonNull(day, "day"), texts(windows));
            return this;
        }

        /**
         * Sets (replaces) the windows of one weekday.
         *
         * @param day the weekday; not null
         * @param windows the windows; not null
         * @return this builder
         */
        public Builder day(DayOfWeek day, WorkingWindow... windows) {
            return day(day, texts(windows).toArray(String[]::new));
        }

        /**
         * Sets (replaces) the windows of every weekday from {@code first} to {@code last} inclusive, in
         * week order ({@code MONDAY, FRIDAY} is the working week; {@code SATURDAY, MONDAY} wraps).
         *
         * @param first first weekday; not null
         * @param last last weekday; not null
         * @param windows text windows; not null
         * @return this builder
         */
        public Builder week(DayOfWeek first, DayOfWeek last, String... windows) {
            Objects.requireNonNull(last, "last");
            for (DayOfWeek d = Objects.requireNonNull(first, "first"); ; d = d.plus(1)) {
                day(d, windows);
                if (d == last) {
                    return this;
                }
            }
        }

        /**
         * Adds one holiday: a date that is not a working day whatever its weekday.
         *
         * @param date the date; not null
         * @return this builder
         */
        public Builder holiday(LocalDate date) {
            holidays.add(Objects.requireNonNull(date, "date"));
            return this;
        }

        /**
         * Adds every date from {@code first} to {@code last} inclusive as holidays, in order.
         *
         * @param first first date; not null
         * @param last last date; not null, not before {@code first}
         * @return this builder
         */
        public Builder holidays(LocalDate first, LocalDate last) {
            Objects.requireNonNull(last, "last");
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("holiday range " + first + ".." + last + " ends before it starts");
            }
            first.datesUntil(last.plusDays(1)).forEach(this::holiday);
            return this;
        }

        /**
         * Adds holidays in the order given.
         *
         * @param dates the dates; not null, no null element
         * @return this builder
         */
        public Builder holidays(Collection<LocalDate> dates) {
            dates.forEach(this::holiday);
            return this;
        }

        /**
         * Adds a make-up working day (调休) with the default windows ({@link #workdayWindows}).
         *
         * @param date the date; not null
         * @return this builder
         */
        public Builder workday(LocalDate date) {
            workdays.add(new MakeUp(Objects.requireNonNull(date, "date"), null, null));
            return this;
        }

        /**
         * Adds a make-up working day that has the windows of the weekday {@code like}.
         *
         * @param date the date; not null
         * @param like whose windows it takes, e.g. the weekday it replaces; not null
         * @return this builder
         */
        public Builder workday(LocalDate date, DayOfWeek like) {
            workdays.add(new MakeUp(Objects.requireNonNull(date, "date"), Objects.requireNonNull(like, "like"), null));
            return this;
        }

        /**
         * Adds a make-up working day (or any date with special hours) with its own windows.
         *
         * @param date the date; not null
         * @param windows text windows; not null, at least one
         * @return this builder
         */
        public Builder workday(LocalDate date, String... windows) {
            workdays.add(new MakeUp(Objects.requireNonNull(date, "date"), null, texts(windows)));
            return this;
        }

        /**
         * Adds a make-up working day with its own windows.
         *
         * @param date the date; not null
         * @param windows the windows; not null, at least one
         * @return this builder
         */
        public Builder workday(LocalDate date, WorkingWindow... windows) {
            return workday(date, texts(windows).toArray(String[]::new));
        }

        /**
         * Make-up working days added without windows take the windows of this weekday (the default is MONDAY).
         *
         * @param like the weekday; not null
         * @return this builder
         */
        public Builder workdayWindows(DayOfWeek like) {
            this.workdayLike = Objects.requireNonNull(like, "like");
            this.workdayWindows = null;
            return this;
        }

        /**
         * Make-up working days added without windows take these windows.
         *
         * @param windows text windows; not null, at least one
         * @return this builder
         */
        public Builder workdayWindows(String... windows) {
            this.workdayWindows = texts(windows);
            this.workdayLike = null;
            return this;
        }

        // package-private hooks for the parser: keep indexes aligned with the input when an entry was unreadable

        void unreadableHoliday() {
            holidays.add(null);
        }

        void unreadableWorkday() {
            workdays.add(new MakeUp(null, null, null));
        }

        void workday(MakeUp m) {
            workdays.add(m);
        }

        void workdayWindowsTexts(List<String> windows) {
            this.workdayWindows = new ArrayList<>(windows);
            this.workdayLike = null;
        }

        void dayTexts(DayOfWeek day, List<String> windows) {
            week.put(day, new ArrayList<>(windows));
        }

        /**
         * Checks the definition and builds the calendar.
         *
         * @return the calendar, never null
         * @throws ValidationException code {@link BusinessCalendar#INVALID} listing every problem with its path:
         *         a blank {@code name}; a missing or unknown {@code zone}; a window that is unreadable, ends before or
         *         when it starts, or overlaps another of the same day ({@code week.MONDAY[1]}); no working window on any
         *         weekday ({@code week}); a date listed twice or both a holiday and a make-up working day
         *         ({@code holidays[3]}, {@code workdays[0]}); a make-up working day without working time
         */
        public BusinessCalendar build() {
            List<ValidationException.Problem> problems = new ArrayList<>();
            BusinessCalendar c = build(problems, "");
            if (!problems.isEmpty()) {
                throw invalid(name, problems);
            }
            return c;
        }

        static ValidationException invalid(String name, List<ValidationException.Problem> problems) {
            String what = name == null || name.isBlank() ? "business calendar" : "business calendar '" + name + "'";
            return new ValidationException(INVALID, what, problems);
        }

        /** Adds problems with {@code prefix} before each path; returns null when there were any. */
        BusinessCalendar build(List<ValidationException.Problem> problems, String prefix) {
            int before = problems.size();
            CalendarRules.Resolved r = CalendarRules.check(name, zoneText, week, holidays, workdays, workdayLike, workdayWindows,
                    (path, message) -> problems.add(new ValidationException.Problem(prefix + path, message)));
            return problems.size() > before ? null : new BusinessCalendar(name, r.zone(), r.week(), r.holidays(), r.workdays());
        }

        private static List<String> texts(String... windows) {
            List<String> l = new ArrayList<>(windows.length);
            for (String w : windows) {
                l.add(Objects.requireNonNull(w, "window"));
            }
            return l;
        }

        private static List<String> texts(WorkingWindow... windows) {
            List<String> l = new ArrayList<>(windows.length);
            for (WorkingWindow w : windows) {
                l.add(Objects.requireNonNull(w, "window").toString());
            }
            return l;
        }
    }
}
