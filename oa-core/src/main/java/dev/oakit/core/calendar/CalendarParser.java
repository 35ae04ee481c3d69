package dev.oakit.core.calendar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.oakit.core.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the definition format of docs/calendar.md from a Jackson tree, so that every problem is
 * reported with the path of the field in the input, and then lets the builder check the rest.
 * Stateless and thread-safe.
 */
enum CalendarParser {
    JSON,
    YAML;

    private static final Set<String> CALENDAR_FIELDS = Set.of("name", "zone", "week", "holidays", "workdays", "workdayWindows");
    private static final Set<String> WORKDAY_FIELDS = Set.of("date", "like", "windows");

    /** The JSON mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** The YAML mapper, made on the first YAML calendar: hosts that give JSON or Java calendars never load a YAML parser. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    }

    private ObjectMapper mapper() {
        return this == YAML ? Yaml.MAPPER : Json.MAPPER;
    }

    BusinessCalendar parseCalendar(String text) {
        return calendar(read(text));
    }

    BusinessCalendar parseCalendar(InputStream in) {
        return calendar(read(in));
    }

    BusinessCalendars parseCalendars(String text) {
        return calendars(read(text));
    }

    BusinessCalendars parseCalendars(InputStream in) {
        return calendars(read(in));
    }

    private JsonNode read(Object source) {
        try {
            JsonNode n = source instanceof String s ? mapper().readTree(s) : mapper().readTree((InputStream) source);
            if (n == null || n.isMissingNode()) {
                throw BusinessCalendar.Builder.invalid(null, List.of(new ValidationException.Problem("", "the input is empty")));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw BusinessCalendar.Builder.invalid(null, List.of(new ValidationException.Problem("",
                    "is not well-formed " + name() + ": " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()))));
        } catch (IOException e) {
            throw BusinessCalendar.Builder.invalid(null, List.of(new ValidationException.Problem("", "could not be read: " + e)));
        }
    }

    private static BusinessCalendar calendar(JsonNode root) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        BusinessCalendar.Builder b = calendar(root, "", problems);
        BusinessCalendar c = b == null ? null : b.build(problems, "");
        if (!problems.isEmpty()) {
            throw BusinessCalendar.Builder.invalid(root.path("name").asText(null), problems);
        }
        return c;
    }

    private static BusinessCalendars calendars(JsonNode root) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        List<BusinessCalendar> list = new ArrayList<>();
        if (!root.isObject()) {
            problems.add(new ValidationException.Problem("", "must be an object with a field calendars: [ ... ]"));
        } else {
            unknownFields(root, Set.of("calendars"), "", problems);
            JsonNode arr = root.get("calendars");
            if (arr == null || !arr.isArray()) {
                problems.add(new ValidationException.Problem("calendars", "must be a list of calendar definitions"));
            } else {
                for (int i = 0; i < arr.size(); i++) {
                    String prefix = "calendars[" + i + "].";
                    BusinessCalendar.Builder b = calendar(arr.get(i), prefix, problems);
                    BusinessCalendar c = b == null ? null : b.build(problems, prefix);
                    if (c != null) {
                        list.add(c);
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            return BusinessCalendars.of(list); // reports duplicate names
        }
        throw new ValidationException(BusinessCalendar.INVALID, "business calendars", problems);
    }

    /** Reads one calendar object into a builder; reports what only the input can tell (types, unknown keys, dates). */
    private static BusinessCalendar.Builder calendar(JsonNode n, String prefix, List<ValidationException.Problem> problems) {
        Sink p = (path, msg) -> problems.add(new ValidationException.Problem(prefix + path, msg));
        if (!n.isObject()) {
            p.add(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                    "must be an object with name, zone, week, holidays and workdays");
            return null;
        }
        unknownFields(n, CALENDAR_FIELDS, prefix, problems);
        JsonNode name = n.get("name");
        BusinessCalendar.Builder b = BusinessCalendar.builder(name != null && name.isTextual() ? name.asText() : "");
        if (name != null && !name.isTextual()) {
            p.add("name", "must be a text such as cn-default");
        } else if (name == null) {
            p.add("name", "is missing; give the calendar a name such as cn-default");
            b.name("-"); // reported once here, not again by the builder
        }
        JsonNode zone = n.get("zone");
        if (zone != null) {
            if (zone.isTextual()) {
                b.zone(zone.asText());
            } else {
                p.add("zone", "must be a text such as Asia/Shanghai");
                b.zone("UTC");
            }
        }
        JsonNode week = n.get("week");
        if (week != null) {
            if (!week.isObject()) {
                p.add("week", "must map weekday names (MONDAY ... SUNDAY) to lists of windows such as [\"09:00-12:00\"]");
            } else {
                for (Map.Entry<String, JsonNode> e : week.properties()) {
                    String path = "week." + e.getKey();
                    DayOfWeek day = weekday(e.getKey());
                    if (day == null) {
                        p.add(path, "'" + e.getKey() + "' is not a weekday; use MONDAY ... SUNDAY");
                        continue;
                    }
                    b.dayTexts(day, texts(e.getValue(), path, p));
                }
            }
        }
        JsonNode holidays = n.get("holidays");
        if (holidays != null) {
            if (!holidays.isArray()) {
                p.add("holidays", "must be a list of dates such as [\"2026-10-01\"]");
            } else {
                for (int i = 0; i < holidays.size(); i++) {
                    LocalDate d = date(holidays.get(i), "holidays[" + i + "]", p);
                    if (d == null) {
                        b.unreadableHoliday();
                    } else {
                        b.holiday(d);
                    }
                }
            }
        }
        JsonNode defaults = n.get("workdayWindows");
        if (defaults != null) {
            if (defaults.isTextual()) {
                DayOfWeek day = weekday(defaults.asText());
                if (day == null) {
                    p.add("workdayWindows", "'" + defaults.asText() + "' is not a weekday; use MONDAY ... SUNDAY or a list of windows");
                } else {
                    b.workdayWindows(day);
                }
            } else {
                b.workdayWindowsTexts(texts(defaults, "workdayWindows", p));
            }
        }
        JsonNode workdays = n.get("workdays");
        if (workdays != null) {
            if (!workdays.isArray()) {
                p.add("workdays", "must be a list of dates or {date, like | windows} objects");
            } else {
                for (int i = 0; i < workdays.size(); i++) {
                    workday(workdays.get(i), "workdays[" + i + "]", b, p, problems, prefix);
                }
            }
        }
        return b;
    }

    private static void workday(JsonNode w, String path, BusinessCalendar.Builder b, Sink p,
                                List<ValidationException.Problem> problems, String prefix) {
        if (w.isTextual()) {
            LocalDate d = date(w, path, p);
            if (d == null) {
                b.unreadableWorkday();
            } else {
                b.workday(d);
            }
            return;
        }
        if (!w.isObject()) {
            p.add(path, "must be a date such as \"2026-09-27\" or an object {date, like | windows}");
            b.unreadableWorkday();
            return;
        }
        unknownFields(w, WORKDAY_FIELDS, prefix + path + ".", problems);
        LocalDate d = w.has("date") ? date(w.get("date"), path + ".date", p) : null;
        if (!w.has("date")) {
            p.add(path + ".date", "is missing");
        }
        DayOfWeek like = null;
        if (w.has("like")) {
            like = w.get("like").isTextual() ? weekday(w.get("like").asText()) : null;
            if (like == null) {
                p.add(path + ".like", "must be a weekday such as FRIDAY");
            }
        }
        List<String> windows = w.has("windows") ? texts(w.get("windows"), path + ".windows", p) : null;
        if (like != null && windows != null) {
            p.add(path, "give either like or windows, not both");
        }
        if (d == null) {
            b.unreadableWorkday();
        } else {
            b.workday(new BusinessCalendar.Builder.MakeUp(d, windows == null ? like : null, windows));
        }
    }

    private static void unknownFields(JsonNode n, Set<String> known, String prefix, List<ValidationException.Problem> problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(new ValidationException.Problem(prefix + f, "is not a known field; known are "
                        + known.stream().sorted().toList()));
            }
        }
    }

    /** Window texts of a list; a non-text element is reported and kept as null so that indexes stay aligned. */
    private static List<String> texts(JsonNode list, String path, Sink p) {
        List<String> out = new ArrayList<>();
        if (!list.isArray()) {
            p.add(path, "must be a list of windows such as [\"09:00-12:00\", \"13:00-18:00\"]");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (e.isTextual()) {
                out.add(e.asText());
            } else {
                p.add(path + "[" + i + "]", "must be a text window such as \"09:00-12:00\"");
                out.add(null);
            }
        }
        return out;
    }

    private static LocalDate date(JsonNode n, String path, Sink p) {
        if (n.isTextual()) {
            try {
                return LocalDate.parse(n.asText().strip());
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        p.add(path, "'" + n.asText() + "' is not a date; write yyyy-MM-dd such as 2026-10-01");
        return null;
    }

    private static DayOfWeek weekday(String s) {
        try {
            return DayOfWeek.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface Sink {
        void add(String path, String message);
    }
}
