package dev.oakit.core.form;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the documented format; {@link SchemaReader} reads it back to an equal schema. */
final class SchemaWriter {
    private SchemaWriter() {
    }

    static ObjectNode write(FormSchema schema) {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("key", schema.key());
        if (schema.version() != null) {
            root.put("version", schema.version());
        }
        root.put("title", schema.title());
        root.set("fields", fields(schema.fields().stream().map(SchemaWriter::field).toList()));
        return root;
    }

    private static ArrayNode fields(java.util.List<ObjectNode> nodes) {
        ArrayNode array = Json.JSON.createArrayNode();
        nodes.forEach(array::add);
        return array;
    }

    private static ObjectNode field(FormField f) {
        ObjectNode n = Json.JSON.createObjectNode();
        n.put("key", f.key());
        n.put("label", f.label());
        n.put("type", f.type().jsonName());
        if (f.required()) {
            n.put("required", true);
        }
        putIfSet(n, "description", f.description());
        putIfSet(n, "min", f.min());
        putIfSet(n, "max", f.max());
        if (f.minLength() != null) {
            n.put("minLength", f.minLength());
        }
        if (f.maxLength() != null) {
            n.put("maxLength", f.maxLength());
        }
        putIfSet(n, "pattern", f.pattern());
        if (f.scale() != null) {
            n.put("scale", f.scale());
        }
        putIfSet(n, "currency", f.currency());
        if (f.optionSource() != null) {
            ObjectNode source = n.putObject("options").put("source", f.optionSource().source());
            putIfSet(source, "target", f.optionSource().target());
        } else if (!f.options().isEmpty()) {
            ArrayNode options = n.putArray("options");
            f.options().forEach(o -> options.addObject().put("value", o.value()).put("label", o.label()));
        }
        if (f.defaultValue() != null) {
            n.set("default", f.defaultValue());
        }
        if (!f.fields().isEmpty()) {
            n.set("fields", fields(f.fields().stream().map(SchemaWriter::field).toList()));
        }
        return n;
    }

    private static void putIfSet(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }
}
