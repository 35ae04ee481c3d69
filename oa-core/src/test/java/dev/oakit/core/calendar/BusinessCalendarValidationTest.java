package dev.oakit.core.calendar;

import dev.oakit.core.ValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarValidationTest {

    static ValidationException invalid(ThrowingCallable call) {
        ValidationException[] caught = new ValidationException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> caught[0] = e);
        assertThat(caught[0].code()).isEqualTo("OA-CORE/CALENDAR_INVALID");
        return caught[0];
    }

    static List<String> jsonPaths(String json) {
        return invalid(() -> BusinessCalendar.fromJson(json)).paths();
    }

    static BusinessCalendar.Builder valid() {
        return BusinessCalendar.builder("x").zone("UTC").day(MONDAY, "09:00-12:00", "13:00-18:00");
    }

    @Test
    void blankName() {
        assertThat(invalid(() -> BusinessCalendar.builder(" ").zone("UTC").day(MONDAY, "09:00-18:00").build()).paths())
                .containsExactly("name");
        assertThat(jsonPaths("{\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-18:00\"]}}")).containsExactly("name");
    }

    @Test
    void unknownOrMissingZone() {
        ValidationException e = invalid(() -> valid().zone("Asia/Shang_hai").build());
        assertThat(e.paths()).containsExactly("zone");
        assertThat(e.getMessage()).contains("Asia/Shang_hai", "business calendar 'x'");
        assertThat(invalid(() -> BusinessCalendar.builder("x").day(MONDAY, "09:00-18:00").build()).paths())
                .containsExactly("zone");
        assertThat(jsonPaths("{\"name\":\"x\",\"zone\":7,\"week\":{\"MONDAY\":[\"09:00-18:00\"]}}")).containsExactly("zone");
    }

    @Test
    void unreadableWindow() {
        assertThat(invalid(() -> valid().day(TUESDAY, "09:00-12:00", "1pm-6pm").build()).paths())
                .containsExactly("week.TUESDAY[1]");
        assertThat(jsonPaths("{\"name\":\"x\",\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-12:00\", 13]}}"))
                .containsExactly("week.MONDAY[1]");
        assertThat(jsonPaths("{\"name\":\"x\",\"zone\":\"UTC\",\"week\":{\"MONDAY\":\"09:00-12:00\"}}"))
                .containsExactly("week.MONDAY", "week");
    }

    @Test
    void endBeforeOrEqualToStart() {
        assertThat(invalid(() -> valid().day(TUESDAY, "12:00-09:00", "13:00-13:00", "18:00-00:00").build()).paths())
                .containsExactly("week.TUESDAY[0]", "week.TUESDAY[1]", "week.TUESDAY[2]");
    }

    @Test
    void overlappingWindows() {
        ValidationException e = invalid(() -> valid().day(TUESDAY, "13:00-18:00", "09:00-12:00", "11:00-14:00").build());
        assertThat(e.paths()).containsExactly("week.TUESDAY[2]");
        assertThat(e.getMessage()).contains("overlaps week.TUESDAY[0]");
        // touching windows are fine
        assertThat(valid().day(TUESDAY, "09:00-12:00", "12:00-13:00").build().weekWindows(TUESDAY)).hasSize(2);
    }

    @Test
    void noWorkingTimeAtAll() {
        assertThat(invalid(() -> BusinessCalendar.builder("x").zone("UTC").build()).paths()).containsExactly("week");
        // make-up days alone do not help: after the last one there would be no working time ever
        assertThat(jsonPaths("{\"name\":\"x\",\"zone\":\"UTC\",\"week\":{},\"workdays\":[{\"date\":\"2026-10-10\",\"windows\":[\"09:00-12:00\"]}]}"))
                .containsExactly("week");
    }

    @Test
    void unreadableAndDuplicateDates() {
        assertThat(jsonPaths("{\"name\":\"x\",\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-18:00\"]},"
                + "\"holidays\":[\"2026-10-01\",\"2026-10-02\",\"2026-10-03\",\"2026-13-01\",\"2026-10-02\"],"
                + "\"workdays\":[\"2026-02-30\"]}"))
                .containsExactly("holidays[3]", "workdays[0]", "holidays[4]");
    }

    @Test
    void aDateBothHolidayAndMakeUpDay() {
        LocalDate d = LocalDate.of(2026, 10, 3);
        ValidationException e = invalid(() -> valid().holiday(LocalDate.of(2026, 10, 1)).holiday(d).workday(d).build());
        assertThat(e.paths()).containsExactly("workdays[0]");
        assertThat(e.getMessage()).contains("holidays[1]");
    }

    @Test
    void makeUpDayWithoutWorkingTime() {
        LocalDate d = LocalDate.of(2026, 10, 10);
        assertThat(invalid(() -> valid().workday(d, SATURDAY).build()).paths()).containsExactly("workdays[0]");
        assertThat(invalid(() -> valid().workdayWindows(SATURDAY).workday(d).build()).paths()).containsExactly("workdays[0]");
        assertThat(invalid(() -> valid().workday(d, new String[0]).build()).paths()).containsExactly("workdays[0]");
        assertThat(invalid(() -> valid().workday(d, "10:00-12:00", "11:00-13:00").build()).paths())
                .containsExactly("workdays[0].windows[1]");
        assertThat(invalid(() -> valid().workday(d).workday(d).build()).paths()).containsExactly("workdays[1]");
        assertThat(invalid(() -> valid().workdayWindows("bad").workday(d).build()).paths()).containsExactly("workdayWindows[0]");
    }

    @Test
    void jsonShapeProblems() {
        assertThat(jsonPaths("{\"name\":\"x\",\"zone\":\"UTC\",\"week\":{\"FUNDAY\":[\"09:00-18:00\"],\"MONDAY\":[\"09:00-18:00\"]},"
                + "\"holiday\":[],\"workdays\":[{\"date\":\"2026-10-10\",\"like\":\"SOMEDAY\",\"hours\":1}, 5, {\"like\":\"FRIDAY\"}],"
                + "\"workdayWindows\":\"NEVER\"}"))
                .containsExactlyInAnyOrder("holiday", "week.FUNDAY", "workdayWindows", "workdays[0].hours", "workdays[0].like",
                        "workdays[1]", "workdays[2].date");
        assertThat(jsonPaths("{\"name\":\"x\", oops}")).containsExactly("");
        assertThat(jsonPaths("")).containsExactly("");
        assertThat(jsonPaths("[1,2]")).containsExactly("");
        assertThat(invalid(() -> BusinessCalendar.fromYaml("name: x\nname: y\n")).paths()).containsExactly("");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ValidationException e = invalid(() -> BusinessCalendar.fromJson("""
                {"name":"cn","zone":"Nowhere/City",
                 "week":{"MONDAY":["09:00-12:00","11:00-13:00"],"TUESDAY":["18:00-09:00"]},
                 "holidays":["2026-10-01","2026-10-02","2026-10-03","2026-10-4"],
                 "workdays":["2026-10-02"]}"""));
        assertThat(e.paths()).containsExactly("holidays[3]", "zone", "week.MONDAY[1]", "week.TUESDAY[0]", "workdays[0]");
        assertThat(e.getMessage()).startsWith("[OA-CORE/CALENDAR_INVALID] Invalid business calendar 'cn' (5 problems)");
    }
}
