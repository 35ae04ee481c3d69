package dev.oakit.core.form;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;

/** Compiles fields to JSON Schema draft 2020-12: what JSON Schema can say; the rest is in {@link FormEngine}. */
final class JsonSchemaCompiler {
    static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";
    static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    static final String DATETIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?$";

    static final java.util.regex.Pattern DATE_PATTERN = java.util.regex.Pattern.compile(DATE);
    static final java.util.regex.Pattern DATETIME_PATTERN = java.util.regex.Pattern.compile(DATETIME);

    private JsonSchemaCompiler() {
    }

    /** @return a field's pattern as its schema states it: matched against the whole value */
    static String anchored(String pattern) {
        return "^(?:" + pattern + ")$";
    }

    static ObjectNode compile(FormSchema schema, UnknownFields unknown) {
        return compile(schema.title(), schema.fields(), unknown);
    }

    static ObjectNode compile(String title, List<FormField> fields, UnknownFields unknown) {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", title);
        objectOf(root, fields, unknown);
        return root;
    }

    private static void objectOf(ObjectNode target, List<FormField> fields, UnknownFields unknown) {
        target.put("type", "object");
        ObjectNode props = target.putObject("properties");
        ArrayNode required = Json.JSON.createArrayNode();
        for (FormField f : fields) {
            props.set(f.key(), field(f, unknown));
            if (f.required()) {
                required.add(f.key());
            }
        }
        if (!required.isEmpty()) {
            target.set("required", required);
        }
        if (unknown == UnknownFields.REJECT) {
            target.put("additionalProperties", false);
        }
    }

    private static ObjectNode field(FormField f, UnknownFields unknown) {
        ObjectNode s = Json.JSON.createObjectNode();
        s.put("title", f.label());
        if (f.description() != null) {
            s.put("description", f.description());
        }
        if (f.defaultValue() != null) {
            s.set("default", f.defaultValue());
        }
        boolean nullable = !f.required();
        switch (f.type()) {
            case TEXT, TEXTAREA -> {
                types(s, nullable, "string");
                int minLength = f.minLength() == null ? 0 : f.minLength();
                if (f.required()) {
                    minLength = Math.max(1, minLength);
                }
                if (minLength > 0) {
                    s.put("minLength", minLength);
                }
                if (f.maxLength() != null) {
                    s.put("maxLength", f.maxLength());
                }
                if (f.pattern() != null) {
                    s.put("pattern", anchored(f.pattern()));
                }
            }
            case NUMBER -> {
                types(s, nullable, Integer.valueOf(0).equals(f.scale()) ? "integer" : "number");
                if (f.min() != null) {
                    s.put("minimum", new BigDecimal(f.min()));
                }
                if (f.max() != null) {
                    s.put("maximum", new BigDecimal(f.max()));
                }
            }
            case MONEY -> {
                types(s, nullable, "object");
                ObjectNode props = s.putObject("properties");
                ObjectNode amount = props.putObject("amount");
                amount.putArray("type").add("string").add("number");
                amount.put("pattern", DECIMAL);
                ObjectNode currency = props.putObject("currency");
                currency.put("type", "string");
                if (f.currency() != null) {
                    currency.put("const", f.currency());
                } else {
                    currency.put("pattern", "^[A-Z]{3}$");
                }
                s.putArray("required").add("amount").add("currency");
                s.put("additionalProperties", false);
            }
            case DATE -> {
                types(s, nullable, "string");
                s.put("format", "date");
                s.put("pattern", DATE);
            }
            case DATETIME -> {
                types(s, nullable, "string");
                s.put("pattern", DATETIME);
            }
            case DATE_RANGE -> {
                types(s, nullable, "object");
                ObjectNode props = s.putObject("properties");
                for (String end : List.of("start", "end")) {
                    props.putObject(end).put("type", "string").put("format", "date").put("pattern", DATE);
                }
                s.putArray("required").add("start").add("end");
                s.put("additionalProperties", false);
            }
            case SELECT -> {
                types(s, nullable, "string");
                if (f.optionSource() == null) {
                    ArrayNode values = s.putArray("enum");
                    f.options().forEach(o -> values.add(o.value()));
                    if (nullable) {
                        values.addNull();
                    }
                } else {
                    s.put("minLength", 1);
                }
            }
            case MULTI_SELECT -> {
                types(s, nullable, "array");
                ObjectNode items = s.putObject("items");
                items.put("type", "string");
                if (f.optionSource() == null) {
                    ArrayNode values = items.putArray("enum");
                    f.options().forEach(o -> values.add(o.value()));
                } else {
                    items.put("minLength", 1);
                }
                s.put("uniqueItems", true);
                counts(f, s);
            }
            case USER, DEPARTMENT -> {
                types(s, nullable, "string");
                s.put("minLength", 1);
            }
            case ATTACHMENT -> {
                ArrayNode t = s.putArray("type").add("string").add("object");
                if (nullable) {
                    t.add("null");
                }
                s.put("minLength", 1);
                ObjectNode props = s.putObject("properties");
                props.putObject("id").put("type", "string").put("minLength", 1);
                props.putObject("name").put("type", "string");
                props.putObject("size").put("type", "integer").put("minimum", 0);
                s.putArray("required").add("id");
                s.put("additionalProperties", false);
            }
            case TABLE -> {
                types(s, nullable, "array");
                counts(f, s);
                objectOf(s.putObject("items"), f.fields(), unknown);
            }
        }
        return s;
    }

    private static void counts(FormField f, ObjectNode s) {
        int min = f.min() == null ? 0 : Integer.parseInt(f.min());
        if (f.required()) {
            min = Math.max(1, min);
        }
        if (min > 0) {
            s.put("minItems", min);
        }
        if (f.max() != null) {
            s.put("maxItems", Integer.parseInt(f.max()));
        }
    }

    private static void types(ObjectNode s, boolean nullable, String type) {
        if (nullable) {
            s.putArray("type").add(type).add("null");
        } else {
            s.put("type", type);
        }
    }
}
