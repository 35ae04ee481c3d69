package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Reads and writes an {@link InstanceState} as the JSON of its row, through a reader and a writer made once for the
 * OAKit's mapper (its bean serializer and deserializer found once, not looked up by type on every command). One per
 * OAKit (a singleton of its injector): engines in one JVM never share or rebuild them, and a stopped OAKit's mapper goes
 * with its injector. The JSON is what the mapper's {@code writeValueAsString} and {@code readValue} give. Thread-safe.
 */
@Singleton
public final class InstanceStates {
    private final ObjectReader reader;
    private final ObjectWriter writer;

    @Inject
    private InstanceStates(ObjectMapper json) {
        this.reader = json.readerFor(InstanceState.class);
        this.writer = json.writerFor(InstanceState.class);
    }

    /** @return the codec of the given mapper (Guice builds the service's own through the private constructor) */
    static InstanceStates of(ObjectMapper json) {
        return new InstanceStates(json);
    }

    /** @return the state as JSON */
    public String write(InstanceState st) {
        try {
            return writer.writeValueAsString(st);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the state the JSON holds */
    public InstanceState read(String state) throws IOException {
        return reader.readValue(state);
    }
}
