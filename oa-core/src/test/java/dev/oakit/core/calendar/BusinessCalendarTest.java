package dev.oakit.core.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BusinessCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** China 2026-style: National Day week off, Sunday 09-27 and Saturday 10-10 are make-up working days. */
    static final BusinessCalendar CN = BusinessCalendar.builder("cn-default")
            .zone(SHANGHAI)
            .week(MONDAY, FRIDAY, "09:00-12:00", "13:00-18:00")
            .holidays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7))
            .workday(LocalDate.of(2026, 9, 27))
            .workday(LocalDate.of(2026, 10, 10), FRIDAY)
            .build();

    @Test
    void measuring_again_over_the_same_days_reuses_their_instants() {
        BusinessCalendar cal = BusinessCalendar.builder("kept").zone(SHANGHAI).week(MONDAY, FRIDAY, "09:00-18:00").build();
        assertThat(cal.between(sh("2026-12-07T10:00"), sh("2026-12-07T11:30"))).isEqualTo(Duration.ofMinutes(90));
        LocalDate monday = LocalDate.of(2026, 12, 7);
        WorkingTime time = new WorkingTime(cal, 0);
        Instant[] first = time.intervals(monday);
        assertThat(time.intervals(monday)).isSameAs(first).containsExactly(sh("2026-12-07T09:00"), sh("2026-12-07T18:00"));
        // a date eight days later takes the same place; the first is made again, equal
        time.intervals(monday.plusDays(8));
        assertThat(time.intervals(monday)).isNotSameAs(first).containsExactly(first);
    }

    static Instant sh(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Nested
    class Add {
        @Test
        void skipsTheLunchBreak() {
            assertThat(CN.add(sh("2026-09-14T11:00"), Duration.ofHours(2))).isEqualTo(sh("2026-09-14T14:00"));
        }

        @Test
        void fridayAfternoonSpillsIntoMonday() {
            assertThat(CN.add(sh("2026-09-18T17:00"), Duration.ofHours(2))).isEqualTo(sh("2026-09-21T10:00"));
        }

        @Test
        void usingUpAWindowExactlyEndsAtItsEnd() {
            assertThat(CN.add(sh("2026-09-18T17:00"), Duration.ofHours(1))).isEqualTo(sh("2026-09-18T18:00"));
            assertThat(CN.add(sh("2026-09-14T09:00"), Duration.ofHours(3))).isEqualTo(sh("2026-09-14T12:00"));
        }

        @Test
        void startsCountingAtTheNextWindowWhenStartedOutsideWorkingTime() {
            assertThat(CN.add(sh("2026-09-19T10:00"), Duration.ofMinutes(30))).isEqualTo(sh("2026-09-21T09:30"));
            assertThat(CN.add(sh("2026-09-14T12:15"), Duration.ofMinutes(30))).isEqualTo(sh("2026-09-14T13:30"));
        }

        @Test
        void skipsHolidays() {
            // Wednesday 09-30 17:00, then 10-01..10-07 are holidays
            assertThat(CN.add(sh("2026-09-30T17:00"), Duration.ofHours(2))).isEqualTo(sh("2026-10-08T10:00"));
        }

        @Test
        void countsMakeUpWorkingDays() {
            // Saturday 10-10 works like a Friday
            assertThat(CN.add(sh("2026-10-09T17:00"), Duration.ofHours(2))).isEqualTo(sh("2026-10-10T10:00"));
            // Sunday 09-27 works with the default windows (those of MONDAY)
            assertThat(CN.add(sh("2026-09-25T17:00"), Duration.ofHours(2))).isEqualTo(sh("2026-09-27T10:00"));
        }

        @Test
        void zeroIsTheNextWorkingInstant() {
            assertThat(CN.add(sh("2026-09-14T12:30"), Duration.ZERO)).isEqualTo(sh("2026-09-14T13:00"));
            assertThat(CN.add(sh("2026-09-14T10:00"), Duration.ZERO)).isEqualTo(sh("2026-09-14T10:00"));
        }

        @Test
        void rejectsNegativeWorkingTime() {
            assertThatThrownBy(() -> CN.add(sh("2026-09-14T10:00"), Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cn-default");
        }

        @Test
        void aThousandWorkingDaysIsFast() {
            BusinessCalendar plain = BusinessCalendar.builder("plain").zone(SHANGHAI)
                    .week(MONDAY, FRIDAY, "09:00-12:00", "13:00-18:00").build();
            Instant monday = sh("2026-09-14T10:00");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(plain.add(monday, Duration.ofHours(8 * 1000)))
                            .isEqualTo(sh("2026-09-14T10:00").atZone(SHANGHAI).plusWeeks(200).toInstant());
                    assertThat(plain.addWorkingDays(monday, 1000))
                            .isEqualTo(sh("2026-09-14T10:00").atZone(SHANGHAI).plusWeeks(200).toInstant());
                    assertThat(plain.between(monday, monday.atZone(SHANGHAI).plusWeeks(200).toInstant()))
                            .isEqualTo(Duration.ofHours(8 * 1000));
                }
            });
        }
    }

    @Nested
    class AddWorkingDays {
        @Test
        void oneWorkingDayFromFridayAfternoonIsMondayAfternoon() {
            assertThat(CN.addWorkingDays(sh("2026-09-18T15:00"), 1)).isEqualTo(sh("2026-09-21T15:00"));
        }

        @Test
        void keepsThePositionInWorkingTime() {
            assertThat(CN.addWorkingDays(sh("2026-09-18T12:30"), 1)).isEqualTo(sh("2026-09-21T12:00"));
            assertThat(CN.addWorkingDays(sh("2026-09-18T08:00"), 1)).isEqualTo(sh("2026-09-21T09:00"));
            assertThat(CN.addWorkingDays(sh("2026-09-18T20:00"), 1)).isEqualTo(sh("2026-09-21T18:00"));
        }

        @Test
        void fromANonWorkingDayCountsFromTheStartOfTheNextWorkingDay() {
            assertThat(CN.addWorkingDays(sh("2026-09-19T10:00"), 1)).isEqualTo(sh("2026-09-22T09:00"));
        }

        @Test
        void skipsHolidaysAndCountsMakeUpDays() {
            // Wed 09-30 -> [10-01..10-07 off] -> Thu 10-08, Fri 10-09, Sat 10-10 (make-up), Mon 10-12
            assertThat(CN.addWorkingDays(sh("2026-09-30T10:00"), 1)).isEqualTo(sh("2026-10-08T10:00"));
            assertThat(CN.addWorkingDays(sh("2026-09-30T10:00"), 3)).isEqualTo(sh("2026-10-10T10:00"));
            assertThat(CN.addWorkingDays(sh("2026-09-30T10:00"), 4)).isEqualTo(sh("2026-10-12T10:00"));
        }

        @Test
        void isCappedByAShorterTargetDay() {
            BusinessCalendar c = CN.toBuilder().workday(LocalDate.of(2026, 9, 20), "09:00-12:00").build();
            assertThat(c.addWorkingDays(sh("2026-09-18T17:00"), 1)).isEqualTo(sh("2026-09-20T12:00"));
        }

        @Test
        void zeroIsTheNextWorkingInstantAndNegativeIsRejected() {
            assertThat(CN.addWorkingDays(sh("2026-09-19T10:00"), 0)).isEqualTo(sh("2026-09-21T09:00"));
            assertThatThrownBy(() -> CN.addWorkingDays(sh("2026-09-19T10:00"), -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class BetweenAndQueries {
        @Test
        void betweenCountsOnlyWorkingTime() {
            assertThat(CN.between(sh("2026-09-18T17:00"), sh("2026-09-21T10:00"))).isEqualTo(Duration.ofHours(2));
            assertThat(CN.between(sh("2026-09-14T00:00"), sh("2026-09-15T00:00"))).isEqualTo(Duration.ofHours(8));
        }

        @Test
        void betweenIsNegativeWhenReversedAndZeroWhenEqual() {
            assertThat(CN.between(sh("2026-09-21T10:00"), sh("2026-09-18T17:00"))).isEqualTo(Duration.ofHours(-2));
            assertThat(CN.between(sh("2026-09-21T10:00"), sh("2026-09-21T10:00"))).isZero();
        }

        @Test
        void windowsAreHalfOpen() {
            assertThat(CN.isWorkingTime(sh("2026-09-14T09:00"))).isTrue();
            assertThat(CN.isWorkingTime(sh("2026-09-14T11:59:59.999"))).isTrue();
            assertThat(CN.isWorkingTime(sh("2026-09-14T12:00"))).isFalse();
            assertThat(CN.isWorkingTime(sh("2026-09-14T18:00"))).isFalse();
            assertThat(CN.isWorkingTime(sh("2026-10-01T10:00"))).isFalse();
            assertThat(CN.isWorkingTime(sh("2026-09-27T10:00"))).isTrue();
        }

        @Test
        void nextWorkingInstant() {
            assertThat(CN.nextWorkingInstant(sh("2026-09-14T09:30"))).isEqualTo(sh("2026-09-14T09:30"));
            assertThat(CN.nextWorkingInstant(sh("2026-09-14T12:30"))).isEqualTo(sh("2026-09-14T13:00"));
            assertThat(CN.nextWorkingInstant(sh("2026-09-18T18:00"))).isEqualTo(sh("2026-09-21T09:00"));
        }

        @Test
        void windowsOnAndWorkingDays() {
            assertThat(CN.windowsOn(LocalDate.of(2026, 10, 1))).isEmpty();
            assertThat(CN.windowsOn(LocalDate.of(2026, 9, 27)).toString()).isEqualTo("[09:00-12:00, 13:00-18:00]");
            assertThat(CN.isWorkingDay(LocalDate.of(2026, 9, 26))).isFalse();
            assertThat(CN.weekWindows(SUNDAY)).isEmpty();
        }

        @Test
        void outOfRangeInstantsAreRejected() {
            assertThatThrownBy(() -> CN.nextWorkingInstant(Instant.MAX)).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> CN.between(Instant.MIN, Instant.EPOCH)).isInstanceOf(DateTimeException.class);
        }
    }

    @Nested
    class MidnightAndAlwaysOpen {
        @Test
        void aWindowEndingAt24IsContiguousWithOneStartingAtMidnight() {
            BusinessCalendar night = BusinessCalendar.builder("night").zone(SHANGHAI)
                    .week(MONDAY, SUNDAY, "00:00-02:00", "20:00-24:00").build();
            assertThat(night.add(sh("2026-09-14T23:00"), Duration.ofHours(2))).isEqualTo(sh("2026-09-15T01:00"));
            assertThat(night.isWorkingTime(sh("2026-09-15T00:00"))).isTrue();
            assertThat(night.weekWindows(MONDAY).get(1).endsAtEndOfDay()).isTrue();
        }

        @Test
        void alwaysOpenIsPlainArithmetic() {
            BusinessCalendar always = BusinessCalendar.alwaysOpen();
            Instant t = Instant.parse("2026-03-29T00:30:00Z");
            assertThat(always.add(t, Duration.ofHours(100))).isEqualTo(t.plus(Duration.ofHours(100)));
            assertThat(always.between(t, t.plusSeconds(12345))).isEqualTo(Duration.ofSeconds(12345));
            assertThat(always.name()).isEqualTo("24x7");
        }
    }

    @Nested
    class DaylightSaving {
        final ZoneId berlin = ZoneId.of("Europe/Berlin");
        final BusinessCalendar early = BusinessCalendar.builder("early").zone(berlin)
                .week(MONDAY, SUNDAY, "01:00-04:00").build();

        @Test
        void aWindowAcrossTheSpringGapIsAnHourShorter() {
            // 2026-03-29: 02:00 CET -> 03:00 CEST
            Instant dayStart = at("2026-03-29T00:00", berlin);
            Instant dayEnd = at("2026-03-30T00:00", berlin);
            assertThat(early.between(dayStart, dayEnd)).isEqualTo(Duration.ofHours(2));
            assertThat(early.add(at("2026-03-29T01:00", berlin), Duration.ofHours(1))).isEqualTo(at("2026-03-29T03:00", berlin));
        }

        @Test
        void aWindowAcrossTheAutumnOverlapIsAnHourLonger() {
            // 2026-10-25: 03:00 CEST -> 02:00 CET, 02:00-03:00 happens twice
            Instant dayStart = at("2026-10-25T00:00", berlin);
            Instant dayEnd = at("2026-10-26T00:00", berlin);
            assertThat(early.between(dayStart, dayEnd)).isEqualTo(Duration.ofHours(4));
            Instant firstHalfPastTwo = ZonedDateTime.ofLocal(LocalDateTime.parse("2026-10-25T02:30"), berlin, null)
                    .withEarlierOffsetAtOverlap().toInstant();
            assertThat(early.add(at("2026-10-25T01:00", berlin), Duration.ofMinutes(90))).isEqualTo(firstHalfPastTwo);
            assertThat(early.add(at("2026-10-25T01:00", berlin), Duration.ofHours(4))).isEqualTo(at("2026-10-25T04:00", berlin));
        }

        @Test
        void aWindowStartingInTheGapStartsAtTheTransition() {
            BusinessCalendar c = BusinessCalendar.builder("gap").zone(berlin).week(MONDAY, SUNDAY, "02:30-05:00").build();
            Instant transition = Instant.parse("2026-03-29T01:00:00Z"); // 03:00 CEST
            assertThat(c.nextWorkingInstant(at("2026-03-29T00:00", berlin))).isEqualTo(transition);
            assertThat(c.between(at("2026-03-29T00:00", berlin), at("2026-03-30T00:00", berlin))).isEqualTo(Duration.ofHours(2));
        }

        @Test
        void newYorkOfficeHoursStayAtLocalTimeAcrossTheChange() {
            ZoneId ny = ZoneId.of("America/New_York");
            BusinessCalendar c = BusinessCalendar.builder("us").zone(ny).week(MONDAY, FRIDAY, "09:00-17:00").build();
            // Friday 2026-03-06 16:00 EST + 2h -> Monday 2026-03-09 10:00 EDT (clocks changed on Sunday 03-08)
            assertThat(c.add(at("2026-03-06T16:00", ny), Duration.ofHours(2))).isEqualTo(at("2026-03-09T10:00", ny));
            assertThat(c.addWorkingDays(at("2026-10-30T15:00", ny), 1)).isEqualTo(at("2026-11-02T15:00", ny));
        }
    }

    @Test
    void windowsParseAndPrint() {
        assertThat(WorkingWindow.parse(" 09:00 - 12:00 ")).isEqualTo(WorkingWindow.of(LocalTime.of(9, 0), LocalTime.of(12, 0)));
        assertThat(WorkingWindow.parse("00:00-24:00").toString()).isEqualTo("00:00-24:00");
        assertThat(WorkingWindow.parse("00:00-24:00").length()).isEqualTo(Duration.ofHours(24));
        assertThat(WorkingWindow.parse("08:30:15-09:00").toString()).isEqualTo("08:30:15-09:00");
        assertThatThrownBy(() -> WorkingWindow.parse("18:00-00:00")).hasMessageContaining("24:00");
        assertThatThrownBy(() -> WorkingWindow.of(LocalTime.NOON, LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderRoundTrips() {
        assertThat(CN.toBuilder().build()).isEqualTo(CN).hasSameHashCodeAs(CN);
        assertThat(CN.toBuilder().holiday(LocalDate.of(2026, 12, 31)).build()).isNotEqualTo(CN);
        assertThat(CN.toString()).contains("cn-default", "Asia/Shanghai");
        assertThat(CN.weekWindows(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(CN.workdays()).containsKey(LocalDate.of(2026, 10, 10));
        assertThat(CN.workdays().get(LocalDate.of(2026, 10, 10))).isEqualTo(CN.weekWindows(SATURDAY.plus(6)));
    }
}
