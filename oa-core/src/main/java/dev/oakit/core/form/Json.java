package dev.oakit.core.form;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Shared, configured-once (hence thread-safe) mappers. */
final class Json {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .nodeFactory(new JsonNodeFactory(true))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // exact decimals: money and limits must not pass through double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    /** The YAML mapper, made on first use: forms given in JSON or Java never load a YAML parser. */
    static ObjectMapper yaml() {
        return Yaml.MAPPER;
    }

    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder()
                .addModule(new JavaTimeModule())
                .nodeFactory(new JsonNodeFactory(true))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // exact decimals: money and limits must not pass through double
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    static JsonNode toTree(Object value) {
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        return JSON.valueToTree(value);
    }
}
