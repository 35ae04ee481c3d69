package dev.oakit.workflow.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.oakit.workflow.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schema of the definition format accepts what the model writes and rejects wrong shapes. */
class DefinitionSchemaTest {
    static final String RESOURCE = "/dev/oakit/workflow/process-definition.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonNode schemaTree = load();
    private static final JsonSchema schema = FACTORY.getSchema(schemaTree);

    private static JsonNode load() {
        try (InputStream in = DefinitionSchemaTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validate(JsonNode definition) {
        return schema.validate(definition);
    }

    private static Set<ValidationMessage> validate(String json) throws IOException {
        return validate(JSON.readTree(json));
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(schemaTree)).isEmpty();
        assertThat(schemaTree.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void definitionsWrittenByTheModelValidate() {
        assertThat(validate(Definitions.rich().toTree())).isEmpty();
        assertThat(validate(Definitions.leave().toTree())).isEmpty();
    }

    private static final String MINIMAL = """
            {"key": "leave", "nodes": [{"type": "start", "id": "s"}, %s {"type": "end", "id": "e"}],
             "routes": [{"from": "s", "to": "e"} %s]}""";

    @Test
    void handWrittenDefinitionsValidate() throws IOException {
        List<String> valid = List.of(
                MINIMAL.formatted("", ""),
                MINIMAL.formatted("""
                        {"type": "approval", "id": "a", "approvers": [{"type": "manager", "level": 2}],
                         "mode": "VOTE", "passRatio": 1, "veto": true, "onEmpty": "USER", "emptyUser": "u1"},""", ""),
                MINIMAL.formatted("""
                        {"type": "approval", "id": "a", "approvers": [
                          {"type": "managerChain", "upToRole": "vp"}, {"type": "managerChain", "upToLevel": 3},
                          {"type": "departmentHead"}, {"type": "custom", "resolver": "x", "params": [1, 2]}]},
                        {"type": "exclusive", "id": "x", "name": "Long?"},""",
                        """
                        , {"from": "x", "to": "e", "condition": "form.days > 3", "name": "long"},
                          {"from": "x", "to": "e", "isDefault": true}"""),
                MINIMAL.formatted("""
                        {"type": "service", "id": "svc", "handler": "erp.order", "params": {"a": 1}, "maxAttempts": 100},
                        {"type": "subprocess", "id": "sub", "process": "hr.onboarding", "rejectWhenRejected": false},
                        {"type": "join", "id": "j", "split": "p"}, {"type": "end", "id": "no", "outcome": "REJECTED"},""",
                        ""));
        for (String json : valid) {
            assertThat(validate(json)).as(json).isEmpty();
            ProcessDefinition.fromJson(json); // and the model reads it
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no key                  | {\"nodes\": [{\"type\": \"start\", \"id\": \"s\"}]}                                      | required",
            "bad key                 | {\"key\": \"a b\", \"nodes\": [{\"type\": \"start\", \"id\": \"s\"}]}                    | $.key",
            "no nodes                | {\"key\": \"k\", \"nodes\": []}                                                           | $.nodes",
            "unknown property        | {\"key\": \"k\", \"version\": 2, \"nodes\": [{\"type\": \"start\", \"id\": \"s\"}]}      | version",
            "unknown node type       | {\"key\": \"k\", \"nodes\": [{\"type\": \"gateway\", \"id\": \"g\"}]}                    | $.nodes[0].type",
            "node without id         | {\"key\": \"k\", \"nodes\": [{\"type\": \"end\"}]}                                        | id",
            "bad node id             | {\"key\": \"k\", \"nodes\": [{\"type\": \"end\", \"id\": \"a.b\"}]}                       | $.nodes[0].id",
            "property of other type  | {\"key\": \"k\", \"nodes\": [{\"type\": \"end\", \"id\": \"e\", \"split\": \"p\"}]}       | split",
            "approval w/o approvers  | {\"key\": \"k\", \"nodes\": [{\"type\": \"approval\", \"id\": \"a\"}]}                    | approvers",
            "empty approvers         | {\"key\": \"k\", \"nodes\": [{\"type\": \"approval\", \"id\": \"a\", \"approvers\": []}]} | $.nodes[0].approvers",
            "manager level 0         | {\"key\": \"k\", \"nodes\": [{\"type\": \"cc\", \"id\": \"c\", \"recipients\": [{\"type\": \"manager\", \"level\": 0}]}]} | $.nodes[0].recipients[0].level",
            "unknown rule type       | {\"key\": \"k\", \"nodes\": [{\"type\": \"cc\", \"id\": \"c\", \"recipients\": [{\"type\": \"boss\"}]}]} | $.nodes[0].recipients[0].type",
            "blank user id           | {\"key\": \"k\", \"nodes\": [{\"type\": \"cc\", \"id\": \"c\", \"recipients\": [{\"type\": \"users\", \"ids\": [\" \"]}]}]} | $.nodes[0].recipients[0].ids[0]",
            "chain with both         | {\"key\": \"k\", \"nodes\": [{\"type\": \"cc\", \"id\": \"c\", \"recipients\": [{\"type\": \"managerChain\", \"upToLevel\": 2, \"upToRole\": \"vp\"}]}]} | $.nodes[0].recipients[0]",
            "chain with neither      | {\"key\": \"k\", \"nodes\": [{\"type\": \"cc\", \"id\": \"c\", \"recipients\": [{\"type\": \"managerChain\", \"upToLevel\": 0}]}]} | $.nodes[0].recipients[0]",
            "chooses 0               | {\"key\": \"k\", \"nodes\": [{\"type\": \"cc\", \"id\": \"c\", \"recipients\": [{\"type\": \"initiatorChooses\", \"min\": 0, \"max\": 2}]}]} | $.nodes[0].recipients[0].min",
            "passRatio without VOTE  | {\"key\": \"k\", \"nodes\": [{\"type\": \"approval\", \"id\": \"a\", \"approvers\": [{\"type\": \"role\", \"code\": \"r\"}], \"passRatio\": 0.5}]} | $.nodes[0]",
            "passRatio above 1       | {\"key\": \"k\", \"nodes\": [{\"type\": \"approval\", \"id\": \"a\", \"mode\": \"VOTE\", \"approvers\": [{\"type\": \"role\", \"code\": \"r\"}], \"passRatio\": 1.5}]} | $.nodes[0].passRatio",
            "USER without emptyUser  | {\"key\": \"k\", \"nodes\": [{\"type\": \"approval\", \"id\": \"a\", \"onEmpty\": \"USER\", \"approvers\": [{\"type\": \"role\", \"code\": \"r\"}]}]} | emptyUser",
            "bad mode                | {\"key\": \"k\", \"nodes\": [{\"type\": \"approval\", \"id\": \"a\", \"mode\": \"MOST\", \"approvers\": [{\"type\": \"role\", \"code\": \"r\"}]}]} | $.nodes[0].mode",
            "bad field access        | {\"key\": \"k\", \"nodes\": [{\"type\": \"start\", \"id\": \"s\", \"fields\": {\"days\": \"WRITE\"}}]} | $.nodes[0].fields.days",
            "maxAttempts 0           | {\"key\": \"k\", \"nodes\": [{\"type\": \"service\", \"id\": \"s\", \"handler\": \"h\", \"maxAttempts\": 0}]} | $.nodes[0].maxAttempts",
            "join without split      | {\"key\": \"k\", \"nodes\": [{\"type\": \"join\", \"id\": \"j\"}]}                        | split",
            "route without to        | {\"key\": \"k\", \"nodes\": [{\"type\": \"start\", \"id\": \"s\"}], \"routes\": [{\"from\": \"s\"}]} | to",
            "default with condition  | {\"key\": \"k\", \"nodes\": [{\"type\": \"start\", \"id\": \"s\"}], \"routes\": [{\"from\": \"s\", \"to\": \"e\", \"isDefault\": true, \"condition\": \"x\"}]} | $.routes[0]",
            "form not an object      | {\"key\": \"k\", \"form\": \"leave\", \"nodes\": [{\"type\": \"start\", \"id\": \"s\"}]}   | $.form",
    })
    void wrongShapesAreRejected(String what, String json, String expected) throws IOException {
        Set<ValidationMessage> messages = validate(json);
        assertThat(messages).as(what).isNotEmpty();
        assertThat(messages).as(what).anySatisfy(m -> assertThat(m.getInstanceLocation() + " " + m.getMessage())
                .contains(expected));
    }
}
