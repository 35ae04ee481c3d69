package dev.oakit.core.calendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the working-time arithmetic over random calendars in zones with and without
 * daylight saving time, and random instants that cluster around the 2026 clock changes.
 */
class BusinessCalendarProperties {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Shanghai"), ZoneId.of("UTC"));
    /** 2026 DST transitions of Berlin and New York. */
    static final List<Instant> TRANSITIONS = List.of(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
            Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"));
    static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);

    // ------------------------------------------------------------------ generators

    /** 0..3 non-overlapping windows on a quarter-hour grid, 24:00 allowed. */
    static Arbitrary<List<String>> dayWindows() {
        return Arbitraries.integers().between(0, 96).set().ofMaxSize(6)
                .map(points -> {
                    List<Integer> sorted = new ArrayList<>(new TreeSet<>(points));
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i + 1 < sorted.size(); i += 2) {
                        out.add(hhmm(sorted.get(i)) + "-" + hhmm(sorted.get(i + 1)));
                    }
                    return out;
                });
    }

    static String hhmm(int quarter) {
        return String.format("%02d:%02d", quarter / 4, quarter % 4 * 15);
    }

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<List<List<String>>> week = dayWindows().list().ofSize(7)
                .filter(days -> days.stream().anyMatch(d -> !d.isEmpty()));
        Arbitrary<Set<Integer>> holidayDays = Arbitraries.integers().between(0, 364).set().ofMaxSize(25);
        Arbitrary<Set<Integer>> workdayDays = Arbitraries.integers().between(0, 364).set().ofMaxSize(6);
        Arbitrary<List<String>> makeUpWindows = dayWindows().filter(l -> !l.isEmpty());
        return Combinators.combine(Arbitraries.of(ZONES), week, holidayDays, workdayDays, makeUpWindows)
                .as((zone, days, holidays, workdays, mw) -> {
                    BusinessCalendar.Builder b = BusinessCalendar.builder("gen").zone(zone);
                    for (DayOfWeek d : DayOfWeek.values()) {
                        b.day(d, days.get(d.ordinal()).toArray(String[]::new));
                    }
                    holidays.forEach(h -> b.holiday(YEAR_START.plusDays(h)));
                    workdays.stream().filter(w -> !holidays.contains(w))
                            .forEach(w -> b.workday(YEAR_START.plusDays(w), mw.toArray(String[]::new)));
                    return b.build();
                });
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Instant> anywhere = Arbitraries.longs()
                .between(Instant.parse("2025-10-01T00:00:00Z").getEpochSecond() / 60, Instant.parse("2027-03-01T00:00:00Z").getEpochSecond() / 60)
                .map(m -> Instant.ofEpochSecond(m * 60));
        Arbitrary<Instant> nearClockChange = Combinators.combine(Arbitraries.of(TRANSITIONS), Arbitraries.integers().between(-3 * 1440, 3 * 1440))
                .as((t, minutes) -> t.plusSeconds(minutes * 60L));
        Arbitrary<Instant> oddSeconds = anywhere.map(t -> t.plusSeconds(17).plusNanos(5));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, anywhere), net.jqwik.api.Tuple.of(4, nearClockChange), net.jqwik.api.Tuple.of(1, oddSeconds));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 60 * 300).map(Duration::ofMinutes)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 3_600_000).map(Duration::ofSeconds)));
    }

    @Provide
    Arbitrary<Duration> positiveDurations() {
        return Arbitraries.longs().between(1, 60 * 300).map(Duration::ofMinutes);
    }

    // ------------------------------------------------------------------ add

    /** The dates a calendar keeps turned into instants change nothing: it measures as a fresh copy of itself, whatever it measured before. */
    @Property(tries = 200)
    void keptDatesMeasureAsAFreshCalendar(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant a,
                                          @ForAll("instants") Instant b, @ForAll("instants") Instant x, @ForAll("instants") Instant y) {
        c.between(x, y); // fills the kept dates with others, some in the slots a and b use
        c.between(x, x.plus(Duration.ofDays(3)));
        assertThat(c.between(a, b)).isEqualTo(new WorkingTime(c, 400).between(a, b));
        assertThat(c.between(a, a.plus(Duration.ofHours(30)))).isEqualTo(new WorkingTime(c, 400).between(a, a.plus(Duration.ofHours(30))));
        LocalDate day = LocalDate.ofInstant(a, c.zone());
        assertThat(c.isWorkingDay(day)).isEqualTo(new WorkingTime(c, 400).intervals(day).length > 0);
    }

    @Property(tries = 300)
    void addingZeroIsTheNextWorkingInstant(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t) {
        Instant next = c.nextWorkingInstant(t);
        assertThat(c.add(t, Duration.ZERO)).isEqualTo(next);
        assertThat(next).isAfterOrEqualTo(t);
        assertThat(c.isWorkingTime(next)).isTrue();
        assertThat(c.between(t, next)).isZero();
    }

    @Property(tries = 300)
    void addIsMonotoneInTheInstant(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant a,
                                   @ForAll("instants") Instant b, @ForAll("durations") Duration d) {
        Instant early = a.isBefore(b) ? a : b;
        Instant late = a.isBefore(b) ? b : a;
        assertThat(c.add(early, d)).isBeforeOrEqualTo(c.add(late, d));
    }

    @Property(tries = 300)
    void addIsMonotoneInTheDuration(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t,
                                    @ForAll("durations") Duration a, @ForAll("durations") Duration b) {
        Duration small = a.compareTo(b) <= 0 ? a : b;
        Duration big = a.compareTo(b) <= 0 ? b : a;
        assertThat(c.add(t, small)).isBeforeOrEqualTo(c.add(t, big));
        if (small.compareTo(big) < 0) {
            assertThat(c.add(t, small)).isBefore(c.add(t, big));
        }
    }

    @Property(tries = 300)
    void addIsAdditive(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t,
                       @ForAll("durations") Duration a, @ForAll("positiveDurations") Duration b) {
        assertThat(c.add(c.add(t, a), b)).isEqualTo(c.add(t, a.plus(b)));
        // adding zero afterwards only moves a result that ended exactly at a window's end
        assertThat(c.add(c.add(t, a), Duration.ZERO)).isEqualTo(c.nextWorkingInstant(c.add(t, a)));
    }

    @Property(tries = 300)
    void betweenMeasuresWhatAddCounted(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t,
                                       @ForAll("durations") Duration d) {
        assertThat(c.between(t, c.add(t, d))).isEqualTo(d);
        assertThat(c.between(c.add(t, d), t)).isEqualTo(d.negated());
    }

    @Property(tries = 300)
    void betweenIsAdditiveOverAdjacentRanges(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant a,
                                             @ForAll("instants") Instant b, @ForAll("instants") Instant m) {
        assertThat(c.between(a, m).plus(c.between(m, b))).isEqualTo(c.between(a, b));
        assertThat(c.between(a, b).abs()).isLessThanOrEqualTo(Duration.between(a, b).abs());
    }

    @Property(tries = 300)
    void isWorkingTimeAgreesWithBetween(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t) {
        assertThat(c.isWorkingTime(t)).isEqualTo(c.between(t, t.plusNanos(1)).equals(Duration.ofNanos(1)));
    }

    @Property(tries = 200)
    void anAlwaysOpenCalendarIsPlainArithmetic(@ForAll("instants") Instant t, @ForAll("durations") Duration d,
                                               @ForAll("instants") Instant u) {
        for (ZoneId zone : ZONES) {
            BusinessCalendar c = BusinessCalendar.alwaysOpen("24x7", zone);
            assertThat(c.add(t, d)).isEqualTo(t.plus(d));
            assertThat(c.between(t, u)).isEqualTo(Duration.between(t, u));
            assertThat(c.isWorkingTime(t)).isTrue();
        }
    }

    @Property(tries = 300)
    void aDayHasItsNominalWorkingTimeExceptWhenTheClockChanges(@ForAll("calendars") BusinessCalendar c,
                                                               @ForAll("dayOf2026") LocalDate date) {
        Instant start = date.atStartOfDay(c.zone()).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(c.zone()).toInstant();
        Duration nominal = c.windowsOn(date).stream().map(WorkingWindow::length).reduce(Duration.ZERO, Duration::plus);
        Duration actual = c.between(start, end);
        if (Duration.between(start, end).equals(Duration.ofHours(24))) {
            assertThat(actual).isEqualTo(nominal);
        } else {
            // a DST change shortens or lengthens the windows it falls into by at most the hour it moves
            assertThat(actual.minus(nominal).abs()).isLessThanOrEqualTo(Duration.ofHours(1));
            assertThat(Duration.ofHours(24).minus(Duration.between(start, end)).abs()).isEqualTo(Duration.ofHours(1));
        }
    }

    // ------------------------------------------------------------------ holidays and make-up days

    @Property(tries = 300)
    void anExtraHolidayNeverMakesADeadlineEarlier(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t,
                                                  @ForAll("durations") Duration d, @ForAll("dayOf2026") LocalDate date) {
        Assume.that(!c.workdays().containsKey(date) && !c.holidays().contains(date));
        BusinessCalendar more = c.toBuilder().holiday(date).build();
        assertThat(more.add(t, d)).isAfterOrEqualTo(c.add(t, d));
        assertThat(more.between(t, t.plus(d))).isLessThanOrEqualTo(c.between(t, t.plus(d)));
    }

    @Property(tries = 300)
    void anExtraMakeUpDayNeverMakesADeadlineLater(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t,
                                                  @ForAll("durations") Duration d, @ForAll("dayOf2026") LocalDate date,
                                                  @ForAll("makeUpWindows") List<String> windows) {
        Assume.that(c.windowsOn(date).isEmpty() && !c.holidays().contains(date) && !c.workdays().containsKey(date));
        BusinessCalendar more = c.toBuilder().workday(date, windows.toArray(String[]::new)).build();
        assertThat(more.add(t, d)).isBeforeOrEqualTo(c.add(t, d));
    }

    @Provide
    Arbitrary<LocalDate> dayOf2026() {
        return Arbitraries.integers().between(0, 364).map(YEAR_START::plusDays);
    }

    @Provide
    Arbitrary<List<String>> makeUpWindows() {
        return dayWindows().filter(l -> !l.isEmpty());
    }

    // ------------------------------------------------------------------ working days

    @Property(tries = 300)
    void addWorkingDaysMovesForwardOneWorkingDayAtATime(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant t,
                                                        @ForAll("smallDays") int n) {
        Instant r = c.addWorkingDays(t, n);
        Instant r1 = c.addWorkingDays(t, n + 1);
        assertThat(r).isAfterOrEqualTo(t);
        assertThat(r1).isAfter(r);
        if (n > 0) {
            // the result lies on a working day, within or at the edge of its working time
            LocalDate day = r.atZone(c.zone()).toLocalDate();
            assertThat(c.isWorkingDay(day) || c.isWorkingDay(day.minusDays(1))).isTrue();
        }
    }

    @Property(tries = 300)
    void addWorkingDaysIsMonotoneInTheInstant(@ForAll("calendars") BusinessCalendar c, @ForAll("instants") Instant a,
                                              @ForAll("instants") Instant b, @ForAll("smallDays") int n) {
        Instant early = a.isBefore(b) ? a : b;
        Instant late = a.isBefore(b) ? b : a;
        assertThat(c.addWorkingDays(early, n)).isBeforeOrEqualTo(c.addWorkingDays(late, n));
    }

    @Provide
    Arbitrary<Integer> smallDays() {
        return Arbitraries.integers().between(0, 30);
    }
}
