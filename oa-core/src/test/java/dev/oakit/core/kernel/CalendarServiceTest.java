package dev.oakit.core.kernel;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaKit;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Named calendars reach OAKit from Java, from config and from plugins. */
class CalendarServiceTest {
    static final class HolidayPlugin implements OaPlugin {
        @Override
        public String id() {
            return "holidays";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(BusinessCalendar.class, BusinessCalendar.builder("plant").zone("Asia/Shanghai")
                    .week(DayOfWeek.MONDAY, DayOfWeek.SATURDAY, "08:00-12:00", "13:00-17:00").build());
        }
    }

    @Test
    void calendarsFromJavaConfigAndPluginsAreServedByName(@TempDir Path dir) {
        BusinessCalendar office = BusinessCalendar.builder("office").zone("Asia/Shanghai")
                .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00").build();
        try (OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir).calendar(office).plugin(new HolidayPlugin())
                .config("core", Map.of("calendars", List.of(Map.of("name", "support", "zone", "Europe/Berlin",
                        "week", Map.of("MONDAY", List.of("08:00-20:00"))))))
                .build()) {
            BusinessCalendars calendars = oa.service(BusinessCalendars.class);
            assertThat(calendars.names()).contains("24x7", "office", "plant", "support");
            assertThat(calendars.get("office")).isEqualTo(office);
            assertThatThrownBy(() -> calendars.get("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("office");
        }
    }

    @Test
    void invalidConfiguredCalendarsAreBootProblemsWithTheirPath(@TempDir Path dir) {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir)
                .config("core", Map.of("calendars", List.of(Map.of("name", "bad", "zone", "Mars/Base",
                        "week", Map.of("MONDAY", List.of("12:00-09:00"))))))
                .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("core.calendars[0].zone")
                .hasMessageContaining("core.calendars[0].week.MONDAY[0]");
    }

    @Test
    void twoCalendarsWithOneNameAreRefused(@TempDir Path dir) {
        BusinessCalendar a = BusinessCalendar.builder("plant").zone("UTC").week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00").build();
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(dir).calendar(a).plugin(new HolidayPlugin()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two business calendars are named 'plant'");
    }
}
