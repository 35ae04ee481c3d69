package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.ValidationException.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a mapping document's tree into rules, collecting every problem: unknown keys, unknown
 * source fields, type mismatches between a field and its transform, missing required targets,
 * unknown transforms and their parameters. Not thread-safe; one instance per document.
 */
final class MappingReader {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> TOP = Set.of("mapping", "version", "target", "entity", "description", "local", "required", "fields");
    private static final Set<String> RULE = Set.of("from", "to", "transform", "constant", "default", "entity", "required", "fields");
    private static final Set<String> LOCAL = Set.of("type", "required", "fields");

    final List<Problem> problems = new ArrayList<>();
    String id;
    int version;
    String target;
    String entity;
    List<Rule> rules = List.of();

    /** Reads the document; {@link #problems} is empty when it is valid. */
    MappingReader read(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            problems.add(new Problem("", "a mapping document is an object with mapping, version, target, entity, local and fields"));
            return this;
        }
        unknownKeys(doc, TOP, "");
        id = text(doc, "mapping", true);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(new Problem("mapping", "'" + id + "' is not a mapping id: use letters, digits, '_', '-', '.', at most 64"));
        }
        JsonNode v = doc.path("version");
        if (!v.isIntegralNumber() || v.intValue() < 1) {
            problems.add(new Problem("version", "give the mapping's version, a whole number from 1; raise it with every change"));
        } else {
            version = v.intValue();
        }
        target = text(doc, "target", true);
        entity = text(doc, "entity", true);
        Map<String, LocalField> local = schema(doc.path("local"), "local");
        rules = rules(doc.path("fields"), "fields", local, doc.path("required"), "required");
        return this;
    }

    private Map<String, LocalField> schema(JsonNode node, String path) {
        Map<String, LocalField> fields = new LinkedHashMap<>();
        if (!node.isObject() || node.isEmpty()) {
            problems.add(new Problem(path, "declare the local fields the mapping reads, each with its type ("
                    + Arrays.stream(FieldType.values()).map(FieldType::label).toList() + ")"));
            return fields;
        }
        node.properties().forEach(e -> {
            String p = path + "." + e.getKey();
            JsonNode f = e.getValue();
            String typeName = f.isTextual() ? f.textValue() : f.path("type").asText("");
            if (f.isObject()) {
                unknownKeys(f, LOCAL, p);
            }
            FieldType type = FieldType.named(typeName).orElse(null);
            if (type == null) {
                problems.add(new Problem(p, "'" + typeName + "' is not a type; use one of "
                        + Arrays.stream(FieldType.values()).map(FieldType::label).toList()));
                return;
            }
            Map<String, LocalField> nested = Map.of();
            if (type == FieldType.LIST || type == FieldType.OBJECT) {
                nested = f.has("fields") ? schema(f.path("fields"), p + ".fields") : Map.of();
            }
            fields.put(e.getKey(), new LocalField(type, f.path("required").asBoolean(false), nested));
        });
        return fields;
    }

    private List<Rule> rules(JsonNode node, String path, Map<String, LocalField> local, JsonNode requiredNode, String requiredPath) {
        if (!node.isArray() || node.isEmpty()) {
            problems.add(new Problem(path, "give the rules, a list of {from, to} (or {to, constant})"));
            return List.of();
        }
        Set<String> required = new LinkedHashSet<>();
        if (!requiredNode.isMissingNode()) {
            if (!requiredNode.isArray()) {
                problems.add(new Problem(requiredPath, "give the remote fields that must always be set as a list, e.g. [supplier, company]"));
            } else {
                requiredNode.forEach(r -> required.add(r.asText()));
            }
        }
        List<Rule> out = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String to = node.get(i).path("to").asText("").trim();
            if (!to.isEmpty() && !targets.add(to)) {
                problems.add(new Problem(path + "[" + i + "].to", "remote field '" + to + "' is the target of two rules; keep one"));
            }
            Rule r = rule(node.get(i), path + "[" + i + "]", local, required);
            if (r != null) {
                out.add(r);
            }
        }
        for (String r : required) {
            if (!targets.contains(r)) {
                problems.add(new Problem(requiredPath, "missing required target '" + r + "': map a local field or a constant to it"));
            }
        }
        return List.copyOf(out);
    }

    private Rule rule(JsonNode r, String where, Map<String, LocalField> local, Set<String> required) {
        if (!r.isObject()) {
            problems.add(new Problem(where, "a rule is an object {from, to} or {to, constant}"));
            return null;
        }
        int before = problems.size();
        unknownKeys(r, RULE, where);
        String to = text(r, "to", true, where);
        String from = text(r, "from", false, where);
        boolean hasConstant = r.has("constant");
        if (from == null && !hasConstant) {
            problems.add(new Problem(where, "give from (a local field) or constant (a fixed value)"));
            return null;
        }
        if (from != null && hasConstant) {
            problems.add(new Problem(where, "give from or constant, not both"));
            return null;
        }
        if (to == null) {
            return null;
        }
        boolean isRequired = required.contains(to);
        List<String> toPath = List.of(to.split("\\.", -1));
        if (hasConstant) {
            if (r.has("transform") || r.has("default") || r.has("fields")) {
                problems.add(new Problem(where, "a constant takes no transform, default or fields; write the remote value itself"));
            }
            return new Rule(where, List.of(), toPath, null, new Transforms.Copy(), r.get("constant"), null, isRequired, null, null);
        }
        List<String> fromPath = List.of(from.split("\\.", -1));
        LocalField field = resolve(local, fromPath);
        if (field == null) {
            problems.add(new Problem(where + ".from", "unknown source field '" + from + "': it is not declared under local (known: "
                    + local.keySet() + "); fix the name or declare the field with its type"));
            return null;
        }
        JsonNode dflt = r.get("default");
        if (dflt != null) {
            try {
                Values.check(field.type(), dflt);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(where + ".default", e.getMessage() + ", the type of local field '" + from + "'"));
            }
        }
        if (isRequired && !field.required() && dflt == null) {
            problems.add(new Problem(where, "remote field '" + to + "' is required but local field '" + from
                    + "' is optional and has no default; mark it required under local or give a default"));
        }
        if (field.type() == FieldType.LIST) {
            if (!r.has("fields")) {
                problems.add(new Problem(where, "local field '" + from + "' is a list; map its lines with fields: [...]"));
                return null;
            }
            if (r.has("transform")) {
                problems.add(new Problem(where + ".transform", "a list of lines takes no transform; give each line field its own"));
            }
            List<Rule> lines = rules(r.path("fields"), where + ".fields", field.fields(), r.path("required"), where + ".required");
            String lineEntity = r.path("entity").asText(null);
            return problems.size() > before ? null
                    : new Rule(where, fromPath, toPath, FieldType.LIST, new Transforms.Copy(), null, dflt, isRequired, lineEntity, lines);
        }
        if (r.has("fields") || r.has("entity") || r.has("required")) {
            problems.add(new Problem(where, "fields, entity and required belong to a list of lines; local field '" + from
                    + "' is " + field.type().label()));
        }
        Transform t = Transforms.of(r.get("transform"), where + ".transform", problems);
        if (t != null && t.input() != null && !t.input().accepts(field.type())) {
            problems.add(new Problem(where + ".transform", "type mismatch: transform '" + t.name() + "' reads a " + t.input().label()
                    + " but local field '" + from + "' is " + field.type().label() + "; use another transform or fix the field's type"));
        }
        return problems.size() > before ? null : new Rule(where, fromPath, toPath, field.type(), t, null, dflt, isRequired, null, null);
    }

    private static LocalField resolve(Map<String, LocalField> local, List<String> path) {
        LocalField f = null;
        Map<String, LocalField> level = local;
        for (String segment : path) {
            f = level.get(segment);
            if (f == null) {
                return null;
            }
            level = f.fields();
        }
        return f;
    }

    private String text(JsonNode node, String key, boolean required) {
        return text(node, key, required, "");
    }

    private String text(JsonNode node, String key, boolean required, String where) {
        JsonNode v = node.get(key);
        String path = where.isEmpty() ? key : where + "." + key;
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new Problem(path, "give " + key));
            }
            return null;
        }
        if (!v.isValueNode() || v.asText().isBlank() || v.asText().length() > 200) {
            problems.add(new Problem(path, key + " must be a text of 1 to 200 characters"));
            return null;
        }
        return v.asText().trim();
    }

    private void unknownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                problems.add(new Problem(where.isEmpty() ? k : where + "." + k, "unknown key '" + k + "'; known: " + new java.util.TreeSet<>(known)));
            }
        }
    }
}
