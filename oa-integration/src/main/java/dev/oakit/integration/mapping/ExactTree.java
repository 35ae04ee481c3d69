package dev.oakit.integration.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** Reads a payload tree with exact decimals whatever mapper reads the record around it: an amount never passes through a double. */
final class ExactTree extends JsonDeserializer<ObjectNode> {
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Override
    public ObjectNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode tree = EXACT.readTree(p);
        if (!(tree instanceof ObjectNode o)) {
            throw ctxt.weirdStringException(String.valueOf(tree), ObjectNode.class, "a mapped payload is a JSON object");
        }
        return o;
    }
}
