package dev.oakit.workflow.internal.definition;

import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON, YAML and the Java builder describe the same definition. */
class DefinitionRoundTripTest {

    @Test
    void richDefinitionCoversEveryNodeAndRuleType() {
        ProcessDefinition d = Definitions.rich();
        assertThat(d.nodes().stream().map(n -> n.getClass().getSimpleName()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(java.util.Arrays.stream(Node.class.getPermittedSubclasses())
                        .map(Class::getSimpleName).toArray(String[]::new));
        var ruleTypes = d.nodes().stream().flatMap(n -> n instanceof Node.Approval a ? a.approvers().stream()
                        : n instanceof Node.Cc c ? c.recipients().stream() : java.util.stream.Stream.empty())
                .map(Object::getClass).collect(Collectors.toSet());
        assertThat(ruleTypes).containsExactlyInAnyOrder(ApproverRule.class.getPermittedSubclasses());
    }

    @Test
    void jsonRoundTripEqualsBuilder() {
        ProcessDefinition d = Definitions.rich();
        assertThat(ProcessDefinition.fromJson(d.toJson())).isEqualTo(d);
        assertThat(ProcessDefinition.fromJson(d.toTree().toPrettyString())).isEqualTo(d);
    }

    @Test
    void yamlRoundTripEqualsBuilder() throws Exception {
        ProcessDefinition d = Definitions.rich();
        String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(d.toTree());
        assertThat(ProcessDefinition.fromYaml(yaml)).isEqualTo(d);
    }

    @Test
    void richDefinitionIsValid() {
        assertThat(Definitions.problems(Definitions.rich())).isEmpty();
        assertThat(Definitions.problems(Definitions.leave())).isEmpty();
    }
}
