package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** JSON text for the JSON columns (fields, tags, lifecycles, skills, event and mail details). */
public final class JsonText {
    private JsonText() {
    }

    public static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @return the JSON of a column OAKit wrote; a missing node for null */
    public static JsonNode read(ObjectMapper json, String text) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON column holds no JSON: " + e.getOriginalMessage(), e);
        }
    }
}
