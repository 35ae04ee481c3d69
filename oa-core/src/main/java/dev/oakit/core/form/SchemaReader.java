package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.DecimalLimits;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the documented JSON/YAML format by hand, so that every problem is reported with its path at once. */
final class SchemaReader {
    static final Set<String> FORM_PROPS = Set.of("key", "version", "title", "fields");
    static final List<String> FIELD_PROPS = List.of("key", "label", "type", "required", "description", "min", "max",
            "minLength", "maxLength", "pattern", "scale", "currency", "options", "default", "fields");
    private static final String TYPES = Arrays.stream(FieldType.values()).map(FieldType::jsonName)
            .collect(Collectors.joining(", ", "[", "]"));

    private final List<Problem> problems = new ArrayList<>();

    private SchemaReader() {
    }

    static FormSchema read(JsonNode tree) {
        return new SchemaReader().readForm(tree);
    }

    private FormSchema readForm(JsonNode tree) {
        if (!tree.isObject()) {
            throw new ValidationException(FormSchema.SCHEMA_INVALID, "form schema",
                    List.of(new Problem("", "must be an object with key, title and fields")));
        }
        unknownProps(tree, "", FORM_PROPS, "a form property");
        String key = text(tree, "key", "");
        if (key == null) {
            problems.add(new Problem("key", "is required; name the form, e.g. leave"));
        }
        Integer version = integer(tree, "version", "");
        String title = text(tree, "title", "");
        List<FormField> fields = fields(tree.get("fields"), "fields");
        if (fields == null) {
            fields = List.of();
        }
        if (problems.isEmpty()) {
            return new FormSchema(key, version, title, fields);
        }
        problems.addAll(SchemaRules.check(key == null ? "?" : key, fields));
        throw new ValidationException(FormSchema.SCHEMA_INVALID, "form schema '" + (key == null ? "?" : key) + "'",
                SchemaRules.sortByIndexes(problems));
    }

    /** @return the fields, with null placeholders for fields that could not be read; null when absent */
    private List<FormField> fields(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(new Problem(path, "must be a list of fields"));
            return null;
        }
        List<FormField> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            list.add(field(node.get(i), path + "[" + i + "]"));
        }
        return list;
    }

    private FormField field(JsonNode node, String p) {
        if (!node.isObject()) {
            problems.add(new Problem(p, "must be an object with key, label and type"));
            return null;
        }
        int before = problems.size();
        unknownProps(node, p + ".", Set.copyOf(FIELD_PROPS), "a field property");
        String key = text(node, "key", p + ".");
        if (key == null && !node.hasNonNull("key")) {
            problems.add(new Problem(p + ".key", "is required"));
        }
        String typeName = text(node, "type", p + ".");
        FieldType type = null;
        if (typeName == null && !node.hasNonNull("type")) {
            problems.add(new Problem(p + ".type", "is required; use one of " + TYPES));
        } else {
            type = typeName == null ? null : FieldType.fromJsonName(typeName).orElse(null);
            if (type == null && typeName != null) {
                problems.add(new Problem(p + ".type", "unknown type '" + typeName + "'; use one of " + TYPES));
            }
        }
        String label = text(node, "label", p + ".");
        boolean required = false;
        JsonNode req = node.get("required");
        if (req != null && !req.isNull()) {
            if (req.isBoolean()) {
                required = req.booleanValue();
            } else {
                problems.add(new Problem(p + ".required", "must be true or false"));
            }
        }
        String description = text(node, "description", p + ".");
        String min = bound(node, "min", p + ".");
        String max = bound(node, "max", p + ".");
        Integer minLength = integer(node, "minLength", p + ".");
        Integer maxLength = integer(node, "maxLength", p + ".");
        String pattern = text(node, "pattern", p + ".");
        Integer scale = integer(node, "scale", p + ".");
        String currency = text(node, "currency", p + ".");
        JsonNode optionsNode = node.get("options");
        OptionSourceRef optionSource = optionsNode != null && optionsNode.isObject() ? source(optionsNode, p + ".options.") : null;
        List<FieldOption> options = optionsNode != null && optionsNode.isObject() ? List.of() : options(optionsNode, p + ".options");
        JsonNode defaultValue = node.get("default");
        List<FormField> columns = fields(node.get("fields"), p + ".fields");
        if (columns != null && columns.contains(null)) {
            return null;
        }
        if (problems.size() > before) {
            return null;
        }
        return new FormField(key, label, type, required, description, min, max, minLength, maxLength, pattern,
                scale, currency, options, defaultValue, columns, optionSource);
    }

    /** {@code {"source": "erp.vendor", "target": "erpnext"}}: the options come from an option source. */
    private OptionSourceRef source(JsonNode node, String prefix) {
        unknownProps(node, prefix, Set.of("source", "target"), "a property of an option source");
        String source = text(node, "source", prefix);
        if (source == null) {
            problems.add(new Problem(prefix + "source", "is required; name the option source, e.g. erp.vendor"));
            return null;
        }
        return new OptionSourceRef(source, text(node, "target", prefix));
    }

    private List<FieldOption> options(JsonNode node, String path) {
        List<FieldOption> options = new ArrayList<>();
        if (node == null || node.isNull()) {
            return options;
        }
        if (!node.isArray()) {
            problems.add(new Problem(path, "must be a list of options, each {value, label} or a plain value, or {source, target}"));
            return options;
        }
        for (int j = 0; j < node.size(); j++) {
            JsonNode o = node.get(j);
            String p = path + "[" + j + "]";
            if (o.isValueNode() && !o.isNull()) {
                options.add(FieldOption.of(o.asText()));
            } else if (o.isObject()) {
                unknownProps(o, p + ".", Set.of("value", "label"), "an option property");
                JsonNode v = o.get("value");
                if (v == null || !v.isValueNode() || v.isNull()) {
                    problems.add(new Problem(p + ".value", "is required"));
                } else {
                    options.add(new FieldOption(v.asText(), text(o, "label", p + ".")));
                }
            } else {
                problems.add(new Problem(p, "must be {value, label} or a plain value"));
            }
        }
        return options;
    }

    private void unknownProps(JsonNode node, String prefix, Set<String> known, String what) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            if (!known.contains(name)) {
                problems.add(new Problem(prefix + name, "is not " + what + "; remove it or use one of "
                        + known.stream().sorted().toList()));
            }
        }
    }

    private String text(JsonNode node, String name, String prefix) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new Problem(prefix + name, "must be text"));
            return null;
        }
        return v.textValue();
    }

    private String bound(JsonNode node, String name, String prefix) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        Optional<String> limit = v.isNumber() ? DecimalLimits.problem(v.numberValue()) : Optional.empty();
        if (limit.isPresent()) {
            problems.add(new Problem(prefix + name, limit.get()));
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return v.decimalValue().toPlainString();
        }
        problems.add(new Problem(prefix + name, "must be a number, a date or a date-time"));
        return null;
    }

    private Integer integer(JsonNode node, String name, String prefix) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problems.add(new Problem(prefix + name, "must be a whole number"));
            return null;
        }
        return v.intValue();
    }
}
