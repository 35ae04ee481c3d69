package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled JSON Schema's verdict on valid data, in plain Java: {@link #passes} says true only for data in which the
 * schema {@link JsonSchemaCompiler} writes for the same fields finds no problem, so that {@link FormEngine} asks the schema
 * (and words its messages) only for data this check cannot pass. It knows the flat field types (text without a pattern,
 * number, date, date and time, select, user, department) and stops at anything else: a field of another type that holds a
 * value, an unknown key where unknown keys are refused, a missing or null required field. Each test is at least as strict as
 * the schema's ({@code minLength} counts code points as the schema does; bounds hold compared as decimals and as doubles;
 * dates must match their pattern as a whole). Every command that starts or edits a form passes here, and before its code is
 * compiled the schema's validator walk costs many times this one. Immutable and thread-safe.
 */
final class PlainCheck {
    /** One field's test of a value that is present and not null. */
    @FunctionalInterface
    private interface Test {
        boolean accepts(JsonNode v);
    }

    private record Field(String key, boolean required, Test test) {
    }

    private static final Test NEVER = v -> false;

    private final Field[] fields;
    private final Map<String, Field> byKey;
    private final boolean rejectUnknown;

    private PlainCheck(List<FormField> fields, UnknownFields unknown) {
        this.fields = new Field[fields.size()];
        this.byKey = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            FormField f = fields.get(i);
            this.fields[i] = new Field(f.key(), f.required(), test(f));
            byKey.put(f.key(), this.fields[i]);
        }
        this.rejectUnknown = unknown == UnknownFields.REJECT;
    }

    /** @return the check of these fields (one whose fields it does not know passes only data that leaves them empty) */
    static PlainCheck of(List<FormField> fields, UnknownFields unknown) {
        return new PlainCheck(fields, unknown);
    }

    /**
     * @param data form data, an object, with defaults filled in and numbers screened
     * @return true when the schema finds no problem in it; false when it may find one (or this check does not know)
     */
    boolean passes(JsonNode data) {
        if (!data.isObject()) {
            return false;
        }
        if (rejectUnknown) {
            for (Iterator<String> keys = data.fieldNames(); keys.hasNext(); ) {
                if (!byKey.containsKey(keys.next())) {
                    return false;
                }
            }
        }
        for (Field f : fields) {
            JsonNode v = data.get(f.key());
            if (v == null || v.isNull()) {
                if (f.required()) {
                    return false;
                }
            } else if (!f.test().accepts(v)) {
                return false;
            }
        }
        return true;
    }

    private static Test test(FormField f) {
        return switch (f.type()) {
            case TEXT, TEXTAREA -> f.pattern() != null ? NEVER
                    : text(Math.max(f.required() ? 1 : 0, f.minLength() == null ? 0 : f.minLength()), f.maxLength());
            case USER, DEPARTMENT -> text(1, null);
            case SELECT -> {
                if (f.optionSource() != null) {
                    yield text(1, null);
                }
                Set<String> values = new java.util.HashSet<>();
                f.options().forEach(o -> values.add(o.value()));
                yield v -> v.isTextual() && values.contains(v.textValue());
            }
            case NUMBER -> number(f);
            case DATE -> v -> v.isTextual() && JsonSchemaCompiler.DATE_PATTERN.matcher(v.textValue()).matches();
            case DATETIME -> v -> v.isTextual() && JsonSchemaCompiler.DATETIME_PATTERN.matcher(v.textValue()).matches();
            case MONEY, DATE_RANGE, MULTI_SELECT, ATTACHMENT, TABLE -> NEVER;
        };
    }

    private static Test text(int minLength, Integer maxLength) {
        return v -> {
            if (!v.isTextual()) {
                return false;
            }
            String s = v.textValue();
            // the schema counts code points; a string has no more of them than chars
            if (maxLength != null && s.length() > maxLength && s.codePointCount(0, s.length()) > maxLength) {
                return false;
            }
            return minLength == 0 || s.length() >= minLength && s.codePointCount(0, s.length()) >= minLength;
        };
    }

    private static Test number(FormField f) {
        BigDecimal min = decimal(f.min());
        BigDecimal max = decimal(f.max());
        if (f.min() != null && min == null || f.max() != null && max == null) {
            return NEVER;
        }
        boolean whole = Integer.valueOf(0).equals(f.scale());
        double minD = min == null ? 0 : min.doubleValue();
        double maxD = max == null ? 0 : max.doubleValue();
        return v -> {
            if (whole ? !v.isIntegralNumber() : !v.isNumber()) {
                return false;
            }
            if (min == null && max == null) {
                return true;
            }
            BigDecimal d = v.decimalValue();
            double x = v.doubleValue();
            return (min == null || d.compareTo(min) >= 0 && x >= minD) && (max == null || d.compareTo(max) <= 0 && x <= maxD);
        };
    }

    /** @return the bound as a decimal, or null when there is none or it is no number */
    private static BigDecimal decimal(String bound) {
        if (bound == null) {
            return null;
        }
        try {
            return new BigDecimal(bound);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
