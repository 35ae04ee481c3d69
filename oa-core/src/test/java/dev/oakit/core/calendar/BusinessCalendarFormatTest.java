package dev.oakit.core.calendar;

import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarFormatTest {

    static final String JSON = """
            {
              "name": "cn-default",
              "zone": "Asia/Shanghai",
              "week": {
                "MONDAY":    ["09:00-12:00", "13:00-18:00"],
                "TUESDAY":   ["09:00-12:00", "13:00-18:00"],
                "WEDNESDAY": ["09:00-12:00", "13:00-18:00"],
                "THURSDAY":  ["09:00-12:00", "13:00-18:00"],
                "FRIDAY":    ["09:00-12:00", "13:00-17:00"]
              },
              "holidays": ["2026-10-01", "2026-10-02", "2026-10-05"],
              "workdays": [
                "2026-09-27",
                {"date": "2026-10-10", "like": "FRIDAY"},
                {"date": "2026-10-11", "windows": ["09:00-12:00"]}
              ]
            }
            """;

    static final String YAML = """
            name: cn-default
            zone: Asia/Shanghai
            week:
              MONDAY: [09:00-12:00, 13:00-18:00]
              TUESDAY: [09:00-12:00, 13:00-18:00]
              WEDNESDAY: ["09:00-12:00", "13:00-18:00"]
              THURSDAY:
                - 09:00-12:00
                - 13:00-18:00
              FRIDAY: [09:00-12:00, 13:00-17:00]
            holidays: [2026-10-01, 2026-10-02, 2026-10-05]
            workdays:
              - 2026-09-27
              - {date: 2026-10-10, like: FRIDAY}
              - date: 2026-10-11
                windows: [09:00-12:00]
            """;

    static final BusinessCalendar BUILT = BusinessCalendar.builder("cn-default")
            .zone("Asia/Shanghai")
            .week(MONDAY, FRIDAY, "09:00-12:00", "13:00-18:00")
            .day(FRIDAY, "09:00-12:00", "13:00-17:00")
            .holiday(LocalDate.of(2026, 10, 1)).holiday(LocalDate.of(2026, 10, 2)).holiday(LocalDate.of(2026, 10, 5))
            .workday(LocalDate.of(2026, 9, 27))
            .workday(LocalDate.of(2026, 10, 10), FRIDAY)
            .workday(LocalDate.of(2026, 10, 11), "09:00-12:00")
            .build();

    @Test
    void jsonYamlAndBuilderDefineTheSameCalendar() {
        assertThat(BusinessCalendar.fromJson(JSON)).isEqualTo(BUILT);
        assertThat(BusinessCalendar.fromYaml(YAML)).isEqualTo(BUILT);
        assertThat(BusinessCalendar.fromJson(new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)))).isEqualTo(BUILT);
        assertThat(BusinessCalendar.fromYaml(new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8)))).isEqualTo(BUILT);
    }

    @Test
    void makeUpDaysTakeTheirWindows() {
        assertThat(BUILT.workdays().get(LocalDate.of(2026, 9, 27))).isEqualTo(BUILT.weekWindows(MONDAY));
        assertThat(BUILT.workdays().get(LocalDate.of(2026, 10, 10))).isEqualTo(BUILT.weekWindows(FRIDAY));
        assertThat(BUILT.workdays().get(LocalDate.of(2026, 10, 11))).containsExactly(WorkingWindow.parse("09:00-12:00"));
    }

    @Test
    void workdayWindowsSetsTheDefaultForPlainDates() {
        BusinessCalendar byDay = BusinessCalendar.fromJson("""
                {"name":"x","zone":"UTC","week":{"MONDAY":["09:00-18:00"],"FRIDAY":["09:00-15:00"]},
                 "workdayWindows":"FRIDAY","workdays":["2026-10-10"]}""");
        assertThat(byDay.windowsOn(LocalDate.of(2026, 10, 10)).toString()).isEqualTo("[09:00-15:00]");
        BusinessCalendar byList = BusinessCalendar.fromYaml("""
                name: x
                zone: UTC
                week: {MONDAY: [09:00-18:00]}
                workdayWindows: [10:00-12:00]
                workdays: [2026-10-10]
                """);
        assertThat(byList.windowsOn(LocalDate.of(2026, 10, 10)).toString()).isEqualTo("[10:00-12:00]");
        BusinessCalendar built = BusinessCalendar.builder("x").zone("UTC").day(MONDAY, "09:00-18:00")
                .workdayWindows("10:00-12:00").workday(LocalDate.of(2026, 10, 10)).build();
        assertThat(built).isEqualTo(byList);
        assertThat(built.windowsOn(LocalDate.of(2026, 10, 10))).isEqualTo(byList.windowsOn(LocalDate.of(2026, 10, 10)));
        assertThat(built.weekWindows(SATURDAY)).isEmpty();
    }

    @Test
    void registryReadsSeveralCalendarsAndNamesTheKnownOnesWhenOneIsMissing() {
        BusinessCalendars calendars = BusinessCalendars.fromYaml("""
                calendars:
                  - name: cn-default
                    zone: Asia/Shanghai
                    week: {MONDAY: [09:00-18:00]}
                  - name: de-berlin
                    zone: Europe/Berlin
                    week: {MONDAY: [08:00-16:00], TUESDAY: [08:00-16:00]}
                """);
        assertThat(calendars.names()).containsExactly("cn-default", "de-berlin");
        assertThat(calendars.get("de-berlin").zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(calendars.find("us")).isEmpty();
        assertThatThrownBy(() -> calendars.get("us"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("OA-CORE/CALENDAR_NOT_FOUND")
                .hasMessageContaining("'us'")
                .hasMessageContaining("cn-default")
                .hasMessageContaining("de-berlin");
        assertThat(BusinessCalendars.fromJson("{\"calendars\":[" + JSON + "]}").get("cn-default")).isEqualTo(BUILT);
        assertThat(calendars.with(BUILT).get("cn-default")).isEqualTo(BUILT);
        assertThat(calendars.with(BUILT).all()).hasSize(2);
        assertThat(BusinessCalendars.of(BUILT, BusinessCalendar.alwaysOpen()).names()).containsExactly("cn-default", "24x7");
    }

    @Test
    void registryRejectsDuplicateNamesAndReportsProblemsOfEveryCalendar() {
        assertThatThrownBy(() -> BusinessCalendars.of(BUILT, BusinessCalendar.alwaysOpen(), BUILT))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-CORE/CALENDAR_INVALID");
                    assertThat(e.paths()).containsExactly("calendars[2].name");
                });
        assertThatThrownBy(() -> BusinessCalendars.fromJson("""
                {"calendars":[
                  {"name":"a","zone":"Mars/Olympus","week":{"MONDAY":["09:00-18:00"]}},
                  {"name":"b","zone":"UTC","week":{"MONDAY":["18:00-09:00"]}}
                ]}"""))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.paths()).containsExactly("calendars[0].zone", "calendars[1].week.MONDAY[0]"));
        assertThatThrownBy(() -> BusinessCalendars.fromJson("[]"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly(""));
    }
}
