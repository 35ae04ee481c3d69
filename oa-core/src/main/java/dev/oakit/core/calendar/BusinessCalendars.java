package dev.oakit.core.calendar;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registry of named business calendars (for example one per country or site), so that
 * processes and SLAs can refer to a calendar by name.
 *
 * <p>Immutable and thread-safe; iteration order is the order the calendars were given in. No
 * method accepts or returns null.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class BusinessCalendars {

    /** Error code of the {@link NotFoundException} thrown by {@link #get(String)}: {@link CoreErrors#CALENDAR_NOT_FOUND}. */
    public static final String NOT_FOUND = CoreErrors.CALENDAR_NOT_FOUND;

    private final Map<String, BusinessCalendar> byName;

    private BusinessCalendars(Map<String, BusinessCalendar> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * @param calendars the calendars; not null, no null element, distinct names
     * @return the registry, never null
     * @throws ValidationException code {@link BusinessCalendar#INVALID} if two calendars share a name (path {@code calendars[i].name})
     */
    public static BusinessCalendars of(BusinessCalendar... calendars) {
        return of(List.of(calendars));
    }

    /**
     * @param calendars the calendars; not null, no null element, distinct names
     * @return the registry, never null
     * @throws ValidationException code {@link BusinessCalendar#INVALID} if two calendars share a name (path {@code calendars[i].name})
     */
    public static BusinessCalendars of(Collection<BusinessCalendar> calendars) {
        Map<String, BusinessCalendar> m = new LinkedHashMap<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<ValidationException.Problem> problems = new ArrayList<>();
        int i = 0;
        for (BusinessCalendar c : calendars) {
            Objects.requireNonNull(c, "calendar");
            Integer first = index.putIfAbsent(c.name(), i);
            if (first != null) {
                problems.add(new ValidationException.Problem("calendars[" + i + "].name", "'" + c.name()
                        + "' is also the name of calendars[" + first + "]; calendar names must be unique"));
            }
            m.putIfAbsent(c.name(), c);
            i++;
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(BusinessCalendar.INVALID, "business calendars", problems);
        }
        return new BusinessCalendars(m);
    }

    /**
     * Reads {@code {"calendars": [ {calendar}, ... ]}} where each calendar has the format of
     * {@link BusinessCalendar#fromJson(String)}.
     *
     * @param json the definitions; not null
     * @return the registry, never null
     * @throws ValidationException code {@link BusinessCalendar#INVALID} listing every problem of every calendar, paths prefixed with {@code calendars[i].}
     */
    public static BusinessCalendars fromJson(String json) {
        return CalendarParser.JSON.parseCalendars(Objects.requireNonNull(json, "json"));
    }

    /**
     * Like {@link #fromJson(String)}, from a stream that is not closed.
     *
     * @param json the definitions; not null
     * @return the registry, never null
     * @throws ValidationException code {@link BusinessCalendar#INVALID} listing every problem
     */
    public static BusinessCalendars fromJson(InputStream json) {
        return CalendarParser.JSON.parseCalendars(Objects.requireNonNull(json, "json"));
    }

    /**
     * Like {@link #fromJson(String)}, in YAML.
     *
     * @param yaml the definitions; not null
     * @return the registry, never null
     * @throws ValidationException code {@link BusinessCalendar#INVALID} listing every problem
     */
    public static BusinessCalendars fromYaml(String yaml) {
        return CalendarParser.YAML.parseCalendars(Objects.requireNonNull(yaml, "yaml"));
    }

    /**
     * Like {@link #fromYaml(String)}, from a stream that is not closed.
     *
     * @param yaml the definitions; not null
     * @return the registry, never null
     * @throws ValidationException code {@link BusinessCalendar#INVALID} listing every problem
     */
    public static BusinessCalendars fromYaml(InputStream yaml) {
        return CalendarParser.YAML.parseCalendars(Objects.requireNonNull(yaml, "yaml"));
    }

    /**
     * @param name a calendar name; not null
     * @return the calendar of that name, never null
     * @throws NotFoundException code {@link #NOT_FOUND}, naming the known calendars
     */
    public BusinessCalendar get(String name) {
        BusinessCalendar c = byName.get(Objects.requireNonNull(name, "name"));
        if (c == null) {
            throw new NotFoundException(NOT_FOUND, "No business calendar named '" + name + "'; known calendars are "
                    + byName.keySet() + "; define it or fix the name");
        }
        return c;
    }

    /**
     * @param name a calendar name; not null
     * @return the calendar of that name, or empty
     */
    public Optional<BusinessCalendar> find(String name) {
        return Optional.ofNullable(byName.get(Objects.requireNonNull(name, "name")));
    }

    /** @return the names in registration order, immutable */
    public Set<String> names() {
        return byName.keySet();
    }

    /** @return the calendars in registration order, immutable */
    public List<BusinessCalendar> all() {
        return List.copyOf(byName.values());
    }

    /**
     * A registry with {@code calendar} added, replacing a calendar of the same name.
     *
     * @param calendar the calendar; not null
     * @return a new registry, never null; this one is unchanged
     */
    public BusinessCalendars with(BusinessCalendar calendar) {
        Map<String, BusinessCalendar> m = new LinkedHashMap<>(byName);
        m.put(calendar.name(), calendar);
        return new BusinessCalendars(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendars r && byName.equals(r.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    /** @return the names, for example {@code BusinessCalendars[cn-default, de-berlin]} */
    @Override
    public String toString() {
        return "BusinessCalendars" + byName.keySet();
    }
}
