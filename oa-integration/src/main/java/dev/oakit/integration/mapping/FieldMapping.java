package dev.oakit.integration.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.integration.IntegrationErrors;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A validated field mapping: one version of a document that maps a local document (a JSON object,
 * such as a form's values) to the payload of a remote entity and back. Read one with
 * {@link #parse(String, String)} (YAML or JSON); register it with {@link MappingDocument} so that
 * OAKit validates it at build, records its version with every payload and checks it against the
 * remote's metadata. Immutable and thread-safe; {@link #toRemote} and {@link #toLocal} are pure.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FieldMapping {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /**
     * A remote field a mapping writes and reads, for the metadata check.
     *
     * @param entity the remote entity (the mapping's, or a line rule's {@code entity})
     * @param field the remote field's name (the first segment of a nested target)
     * @param type what the mapping sends there
     * @param rule the rule's place in the document, e.g. {@code fields[2]}
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record RemoteUse(String entity, String field, FieldType type, String rule) {
    }

    private final String id;
    private final int version;
    private final String target;
    private final String entity;
    private final List<Rule> rules;
    private final MappingDocument document;
    private final String checksum;

    private FieldMapping(MappingReader r, MappingDocument document, String checksum) {
        this.id = r.id;
        this.version = r.version;
        this.target = r.target;
        this.entity = r.entity;
        this.rules = r.rules;
        this.document = document;
        this.checksum = checksum;
    }

    /**
     * Reads and validates a mapping document.
     *
     * @param source where the document comes from, for messages (a file or resource name)
     * @param text the document, YAML or JSON
     * @return the mapping
     * @throws ValidationException code {@link IntegrationErrors#MAPPING_INVALID}, every problem at once, each with its path and fix
     */
    public static FieldMapping parse(String source, String text) {
        Objects.requireNonNull(text, "text");
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ValidationException(IntegrationErrors.MAPPING_INVALID, "mapping document " + source,
                    List.of(new Problem("", "is neither YAML nor JSON: " + e.getOriginalMessage() + " (line "
                            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")")));
        }
        MappingReader r = new MappingReader().read(tree);
        if (!r.problems.isEmpty()) {
            String what = r.id == null ? "mapping document " + source : "mapping '" + r.id + "' v" + r.version + " (" + source + ")";
            throw new ValidationException(IntegrationErrors.MAPPING_INVALID, what, r.problems);
        }
        return new FieldMapping(r, new MappingDocument(source, text), sha256(tree.toString()));
    }

    private static String sha256(String canonical) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** @return the document it was read from */
    public MappingDocument document() {
        return document;
    }

    /** @return the SHA-256 (hex) of the document's content, independent of YAML or JSON layout and comments */
    public String checksum() {
        return checksum;
    }

    /** @return the mapping's id, e.g. {@code purchase-order} */
    public String id() {
        return id;
    }

    /** @return the document's version, from 1 */
    public int version() {
        return version;
    }

    /** @return the connector id of the remote system */
    public String target() {
        return target;
    }

    /** @return the remote entity, e.g. {@code Purchase Order} or {@code purchase.order} */
    public String entity() {
        return entity;
    }

    /** @return {@code 'id' v<version>}, as messages name a mapping */
    public String label() {
        return "mapping '" + id + "' v" + version;
    }

    /** @return every remote field the mapping writes, with the type it sends; lines under their own entity */
    public List<RemoteUse> remoteUses() {
        List<RemoteUse> uses = new ArrayList<>();
        uses(rules, entity, uses);
        return List.copyOf(uses);
    }

    private static void uses(List<Rule> rules, String entity, List<RemoteUse> out) {
        for (Rule r : rules) {
            FieldType type = r.to().size() > 1 ? FieldType.OBJECT
                    : r.constant() != null ? constantType(r.constant()) : r.transform().output(r.localType());
            out.add(new RemoteUse(entity, r.to().get(0), type, r.where()));
            if (r.lines() != null && r.entity() != null) {
                uses(r.lines(), r.entity(), out);
            }
        }
    }

    private static FieldType constantType(JsonNode c) {
        return c.isBoolean() ? FieldType.BOOLEAN : c.isIntegralNumber() ? FieldType.INTEGER : c.isNumber() ? FieldType.DECIMAL
                : c.isArray() ? FieldType.LIST : c.isObject() ? FieldType.OBJECT : FieldType.STRING;
    }

    /**
     * Maps a local document to the remote payload: constants, defaults, transforms, nested paths and lines.
     *
     * @param local a JSON object (read decimals with {@code USE_BIG_DECIMAL_FOR_FLOATS} so none passes through a double)
     * @return a new remote payload
     * @throws ValidationException code {@link IntegrationErrors#MAPPING_VALUE}, every value problem with its local path
     */
    public ObjectNode toRemote(JsonNode local) {
        return run(local, true);
    }

    /**
     * Maps a remote payload back to a local document; constants are not read back.
     *
     * @throws ValidationException code {@link IntegrationErrors#MAPPING_VALUE}, every value problem with its remote path
     */
    public ObjectNode toLocal(JsonNode remote) {
        return run(remote, false);
    }

    private ObjectNode run(JsonNode in, boolean outbound) {
        List<Problem> problems = new ArrayList<>();
        ObjectNode out = Values.NODES.objectNode();
        if (in == null || !in.isObject()) {
            problems.add(new Problem("", "the document must be a JSON object"));
        } else {
            map(rules, in, out, "", outbound, problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(IntegrationErrors.MAPPING_VALUE, (outbound ? "local document for " : "remote payload for ") + label(), problems);
        }
        return out;
    }

    private static void map(List<Rule> rules, JsonNode in, ObjectNode out, String prefix, boolean outbound, List<Problem> problems) {
        for (Rule r : rules) {
            if (r.constant() != null) {
                if (outbound) {
                    put(out, r.to(), r.constant().deepCopy());
                }
                continue;
            }
            List<String> src = outbound ? r.from() : r.to();
            List<String> dst = outbound ? r.to() : r.from();
            String path = prefix + String.join(".", src);
            JsonNode v = get(in, src);
            if ((v == null || v.isNull()) && outbound) {
                v = r.defaultValue();
            }
            if (v == null || v.isNull()) {
                if (outbound && r.required()) {
                    problems.add(new Problem(path, "is missing; remote field '" + r.toPath() + "' needs it (" + r.where() + ")"));
                }
                continue;
            }
            if (r.lines() != null) {
                if (!v.isArray()) {
                    problems.add(new Problem(path, Values.shown(v) + " is not a list of lines"));
                    continue;
                }
                ArrayNode lines = Values.NODES.arrayNode();
                for (int i = 0; i < v.size(); i++) {
                    ObjectNode line = Values.NODES.objectNode();
                    if (!v.get(i).isObject()) {
                        problems.add(new Problem(path + "[" + i + "]", "a line must be an object"));
                        continue;
                    }
                    map(r.lines(), v.get(i), line, path + "[" + i + "].", outbound, problems);
                    lines.add(line);
                }
                put(out, dst, lines);
                continue;
            }
            try {
                if (outbound) {
                    Values.check(r.localType(), v);
                    put(out, dst, r.transform().toRemote(v));
                } else {
                    JsonNode local = r.transform().toLocal(v);
                    Values.check(r.localType(), local);
                    put(out, dst, local);
                }
            } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
                problems.add(new Problem(path, e.getMessage() + " (" + r.where() + ", transform '" + r.transform().name() + "')"));
            }
        }
    }

    private static JsonNode get(JsonNode node, List<String> path) {
        JsonNode n = node;
        for (String s : path) {
            n = n == null ? null : n.get(s);
        }
        return n;
    }

    private static void put(ObjectNode out, List<String> path, JsonNode v) {
        ObjectNode n = out;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode next = n.get(path.get(i));
            n = next instanceof ObjectNode o ? o : n.putObject(path.get(i));
        }
        n.set(path.get(path.size() - 1), v);
    }

    @Override
    public String toString() {
        return label() + " -> " + target + " " + entity;
    }
}
