package dev.oakit.workflow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FormSchema;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Jackson reading and writing of process definitions (forms go through {@link FormSchema}'s own format). */
final class DefinitionJson {
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    /** Made on the first YAML definition: definitions in JSON or Java never load a YAML parser. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = configure(new ObjectMapper(new YAMLFactory()));
    }

    private DefinitionJson() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        SimpleModule forms = new SimpleModule("oakit-forms");
        forms.addDeserializer(FormSchema.class, new JsonDeserializer<>() {
            @Override
            public FormSchema deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode tree = p.readValueAsTree();
                try {
                    return FormSchema.fromTree(tree);
                } catch (ValidationException e) {
                    throw JsonMappingException.from(p, "form: " + e.problems().stream().map(Object::toString)
                            .collect(Collectors.joining("; ")), e);
                }
            }
        });
        forms.addSerializer(FormSchema.class, new JsonSerializer<>() {
            @Override
            public void serialize(FormSchema value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeTree(value.toTree());
            }
        });
        m.registerModule(forms);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }

    static ProcessDefinition read(String text, boolean yaml) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(WorkflowErrors.DEFINITION_INVALID, "process definition", List.of(new ValidationException.Problem("", "is empty")));
        }
        try {
            return (yaml ? Yaml.MAPPER : JSON).readValue(text, ProcessDefinition.class);
        } catch (JsonMappingException e) {
            throw new ValidationException(WorkflowErrors.DEFINITION_INVALID, "process definition", List.of(
                    new ValidationException.Problem(path(e), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new ValidationException(WorkflowErrors.DEFINITION_INVALID, "process definition", List.of(
                    new ValidationException.Problem("", "cannot be read: " + e.getOriginalMessage())));
        }
    }

    /** Turns Jackson's reference chain into a path like {@code nodes[2].approvers[0].level}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static JsonNode write(ProcessDefinition d) {
        return JSON.valueToTree(d);
    }
}
