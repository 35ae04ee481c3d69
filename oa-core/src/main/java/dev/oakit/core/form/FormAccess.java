package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Field permissions for one step (for example one approval node): each top-level field is
 * {@link FieldAccess#HIDDEN hidden}, {@link FieldAccess#READ_ONLY read-only},
 * {@link FieldAccess#EDITABLE editable} or {@link FieldAccess#REQUIRED required}. Use
 * {@link #read} to show data and {@link #write} to accept a change. A table field is one unit.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FormAccess {
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private final FormSchema schema;
    private final Map<String, FieldAccess> access;
    private final FieldAccess otherwise;
    private final FormEngine writeEngine;

    private FormAccess(FormSchema schema, Map<String, FieldAccess> access, FieldAccess otherwise) {
        this.schema = schema;
        this.access = access;
        this.otherwise = otherwise;
        List<FormField> fields = schema.fields().stream().map(f -> accessOf(f.key()) == FieldAccess.REQUIRED && !f.required()
                ? f.withRequired(true) : f).toList();
        this.writeEngine = FormEngines.of("data of form '" + schema.key() + "'", fields, UnknownFields.REJECT);
    }

    /**
     * @param schema the form; never null
     * @param access access per top-level field key; never null; keys must be fields of the schema
     * @param otherwise access of fields not in the map; never null
     * @return the permissions; never null
     * @throws ValidationException code {@value FormSchema#SCHEMA_INVALID} if a key names no field
     */
    public static FormAccess of(FormSchema schema, Map<String, FieldAccess> access, FieldAccess otherwise) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(otherwise, "otherwise");
        Objects.requireNonNull(access, "access");
        FormAccess known = RECENT.get(new Key(schema, access, otherwise));
        if (known != null) {
            return known;
        }
        Map<String, FieldAccess> copy = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        access.forEach((key, value) -> {
            if (schema.field(key) == null) {
                problems.add(new Problem(key, "is not a field of form '" + schema.key() + "'; remove it from the field access"));
            }
            copy.put(key, Objects.requireNonNull(value, "access of " + key));
        });
        if (!problems.isEmpty()) {
            throw new ValidationException(FormSchema.SCHEMA_INVALID, "field access for form '" + schema.key() + "'", problems);
        }
        FormAccess made = new FormAccess(schema, Map.copyOf(copy), otherwise);
        if (RECENT.size() >= RECENT_MAX) {
            RECENT.clear();
        }
        RECENT.put(new Key(schema, made.access, otherwise), made);
        return made;
    }

    /** A schema (by value: FormSchema is a record, so equal schemas share an entry; hashing one walks its fields) with its permissions. */
    private record Key(FormSchema schema, Map<String, FieldAccess> access, FieldAccess otherwise) {
    }

    private static final int RECENT_MAX = 256;
    /**
     * Permissions made before, JVM-wide: a process's steps ask for the same few on every command (the start form's, each
     * node's), and making one compiles or looks up the schema of its fields. Immutable, so shared; past {@value #RECENT_MAX}
     * entries the cache starts over.
     */
    private static final Map<Key, FormAccess> RECENT = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return the form; never null */
    public FormSchema schema() {
        return schema;
    }

    /**
     * @param key a top-level field key; never null
     * @return the access of that field; never null
     */
    public FieldAccess accessOf(String key) {
        return access.getOrDefault(Objects.requireNonNull(key, "key"), otherwise);
    }

    /**
     * @param data stored form data; never null
     * @return a copy without hidden fields (keys the schema does not know are dropped too); never null
     */
    public ObjectNode read(JsonNode data) {
        Objects.requireNonNull(data, "data");
        ObjectNode out = Json.JSON.createObjectNode();
        for (FormField f : schema.fields()) {
            JsonNode v = data.get(f.key());
            if (v != null && accessOf(f.key()) != FieldAccess.HIDDEN) {
                out.set(f.key(), v.deepCopy());
            }
        }
        return out;
    }

    /**
     * Accepts a change. Keys absent from {@code submitted} keep their current value; an explicit
     * null clears an editable field. A hidden or read-only field may be sent only with its current
     * value. The result is validated against the schema, with {@link FieldAccess#REQUIRED} fields
     * required.
     *
     * @param current the stored data; never null (use an empty object for a new form)
     * @param submitted the actor's changes; never null
     * @return the merged data to store; a new node
     * @throws ValidationException code {@value FormSchema#DATA_INVALID} listing permission and data problems
     */
    public ObjectNode write(JsonNode current, JsonNode submitted) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(submitted, "submitted");
        if (!submitted.isObject()) {
            throw new ValidationException(FormSchema.DATA_INVALID, "data of form '" + schema.key() + "'",
                    List.of(new Problem("", "form data must be a JSON object of field values")));
        }
        ObjectNode merged = current.isObject() ? ((ObjectNode) current).deepCopy() : Json.JSON.createObjectNode();
        Map<String, Problem> problems = new LinkedHashMap<>();
        submitted.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            FieldAccess a = schema.field(key) == null ? FieldAccess.EDITABLE : accessOf(key);
            if (a == FieldAccess.HIDDEN || a == FieldAccess.READ_ONLY) {
                if (!same(schema.field(key), current.get(key), value)) {
                    problems.put(key, new Problem(key, a == FieldAccess.HIDDEN
                            ? "is hidden at this step and cannot be changed; leave it out"
                            : "is read-only at this step; leave it out or send its current value"));
                }
            } else if (value.isNull()) {
                merged.remove(key);
            } else {
                merged.set(key, value.deepCopy());
            }
        });
        for (Problem p : writeEngine.problems(merged)) {
            problems.putIfAbsent(p.path(), p);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(FormSchema.DATA_INVALID, "data of form '" + schema.key() + "'",
                    writeEngine.sort(List.copyOf(problems.values())));
        }
        return merged;
    }

    /** Same value, not same spelling: {@code "1200.5"} and {@code 1200.50} are the same amount. */
    private static boolean same(FormField field, JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isNull();
        boolean bEmpty = b == null || b.isNull();
        if (aEmpty || bEmpty) {
            return aEmpty == bEmpty;
        }
        if (!FormNumbers.withinLimits(b)) {
            return false; // the stored value is within the limits: a number beyond them is another value, and too costly to compare
        }
        Object typedA = FormEngine.typedOrNull(field, a);
        if (typedA != null && typedA.equals(FormEngine.typedOrNull(field, b))) {
            return true;
        }
        return a.equals(SAME_VALUE, b);
    }
}
