package dev.oakit.core.directory;

import dev.oakit.core.Checks;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects every field problem of one value, so a caller (or an import row) learns all of them at once. */
final class Problems {
    private final String what;
    private final List<ValidationException.Problem> list = new ArrayList<>();

    Problems(String what) {
        this.what = what;
    }

    String id(String field, String value) {
        return text(field, value, Checks.MAX_ID_LENGTH);
    }

    String text(String field, String value, int max) {
        try {
            return Checks.text(field, value, max);
        } catch (ValidationException e) {
            list.addAll(e.problems());
            return value;
        }
    }

    /** Blank becomes null; too long is a problem. */
    String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            add(field, "must be at most " + max + " characters (was " + v.length() + ")");
        }
        return v;
    }

    String optionalId(String field, String value) {
        return optional(field, value, Checks.MAX_ID_LENGTH);
    }

    Map<String, String> map(String field, Map<String, String> value, int maxKey, int maxValue, int maxEntries) {
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        if (value.size() > maxEntries) {
            add(field, "must have at most " + maxEntries + " entries (had " + value.size() + ")");
        }
        Map<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : value.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isBlank()) {
                add(field, "keys must not be blank");
                continue;
            }
            if (k.length() > maxKey) {
                add(field + "." + k, "key must be at most " + maxKey + " characters");
            }
            if (e.getValue() == null) {
                add(field + "." + k, "value is required (was null)");
                continue;
            }
            if (e.getValue().length() > maxValue) {
                add(field + "." + k, "must be at most " + maxValue + " characters (was " + e.getValue().length() + ")");
            }
            copy.put(k, e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    void add(String path, String message) {
        list.add(new ValidationException.Problem(path, message));
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, what, list);
        }
    }
}
