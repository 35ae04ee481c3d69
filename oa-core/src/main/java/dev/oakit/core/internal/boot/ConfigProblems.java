package dev.oakit.core.internal.boot;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.oakit.core.ValidationException;

import java.time.Duration;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Says why a plugin's config does not bind, by the full key ({@code integration.retention.every}) and with what to write
 * instead, rather than Jackson's first line (a Java type name and no key).
 */
final class ConfigProblems {
    private ConfigProblems() {
    }

    static String describe(String pluginId, Class<?> type, Exception e) {
        String prefix = "config '" + pluginId + "' does not fit " + type.getSimpleName() + ": ";
        if (!(e instanceof JsonMappingException m)) {
            return prefix + firstLine(e.getMessage());
        }
        String key = key(pluginId, m);
        for (Throwable c = m.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ValidationException v) {
                return prefix + v.problems().stream().map(p -> key + (p.path().isEmpty() ? "" : "." + p.path()) + ": " + p.message())
                        .collect(Collectors.joining("; "));
            }
            if (c instanceof IllegalArgumentException && c.getMessage() != null) {
                // the config's own check: its message names the key (it starts with the plugin's id) or is about this one
                return prefix + (c.getMessage().startsWith(pluginId + ".") ? c.getMessage() : key + ": " + c.getMessage());
            }
        }
        if (m instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            return prefix + key + " is not a setting; check its spelling (the settings there are " + known + ")";
        }
        if (m instanceof MismatchedInputException in && in.getTargetType() != null) {
            Class<?> t = in.getTargetType();
            String was = in instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f ? ", was '" + f.getValue() + "'" : "";
            if (t == Duration.class) {
                return prefix + key + " must be an ISO-8601 duration such as PT30S, PT5M or P90D" + was;
            }
            if (t == Boolean.class || t == boolean.class) {
                return prefix + key + " must be true or false" + was;
            }
            if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
                return prefix + key + " must be a whole number" + was;
            }
            if (t.isEnum()) {
                return prefix + key + " must be one of " + Arrays.toString(t.getEnumConstants()) + was;
            }
        }
        return prefix + key + ": " + firstLine(m.getOriginalMessage());
    }

    private static String key(String pluginId, JsonMappingException m) {
        StringBuilder b = new StringBuilder(pluginId);
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                b.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
