package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One validated rule of a mapping: a local field (or a constant) to a remote field.
 *
 * @param where the rule's place in the document, e.g. {@code fields[4].fields[1]}
 * @param from the local path's segments; empty for a constant
 * @param to the remote path's segments
 * @param localType the local field's type; null for a constant
 * @param transform the conversion; a copy when none is declared
 * @param constant the value always sent, or null
 * @param defaultValue the local value used when the document has none, or null
 * @param required whether the remote needs the target always (named in the level's {@code required})
 * @param entity for a list of lines: the remote entity of a line (for the metadata check), or null
 * @param lines for a list of lines: the rules of one line; null otherwise
 */
record Rule(String where, List<String> from, List<String> to, FieldType localType, Transform transform, JsonNode constant,
            JsonNode defaultValue, boolean required, String entity, List<Rule> lines) {
    String fromPath() {
        return String.join(".", from);
    }

    String toPath() {
        return String.join(".", to);
    }
}
