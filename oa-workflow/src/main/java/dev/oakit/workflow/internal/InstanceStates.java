package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;

/**
 * Reads and writes an {@link InstanceState} as the JSON of its row, through a reader and a writer made once for the mapper
 * (its bean serializer and deserializer found once, not looked up by type on every command). The JSON is what the mapper's
 * {@code writeValueAsString} and {@code readValue} give. Thread-safe.
 */
public final class InstanceStates {
    private record Codec(ObjectMapper json, ObjectReader reader, ObjectWriter writer) {
    }

    /** The codec of the last mapper asked for: in a running engine there is one. */
    private static volatile Codec last;

    private InstanceStates() {
    }

    private static Codec codec(ObjectMapper json) {
        Codec c = last;
        if (c == null || c.json != json) {
            c = new Codec(json, json.readerFor(InstanceState.class), json.writerFor(InstanceState.class));
            last = c;
        }
        return c;
    }

    /** @return the state as JSON */
    public static String write(ObjectMapper json, InstanceState st) {
        try {
            return codec(json).writer.writeValueAsString(st);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the state the JSON holds */
    public static InstanceState read(ObjectMapper json, String state) throws IOException {
        return codec(json).reader.readValue(state);
    }
}
