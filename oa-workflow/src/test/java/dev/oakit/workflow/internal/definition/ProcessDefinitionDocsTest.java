package dev.oakit.workflow.internal.definition;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples in docs/process-definitions.md are equal to the builder code shown next to them (copied here) and valid. */
class ProcessDefinitionDocsTest {
    private static final Path DOC = Path.of("../docs/process-definitions.md");

    private static String block(String doc, String fence, int skip) {
        int at = -1;
        for (int i = 0; i <= skip; i++) {
            at = doc.indexOf("```" + fence + "\n", at + 1);
        }
        int start = at + fence.length() + 4;
        return doc.substring(start, doc.indexOf("```", start));
    }

    /** Copied from the doc. */
    static ProcessDefinition leave() {
        return ProcessDefinition.builder("leave").name("Leave request")
                .form(FormSchema.builder("leave").title("Leave request")
                        .number("days", f -> f.required().min(1).max(365))
                        .text("reason", f -> f.maxLength(500))
                        .build())
                .start("start")
                .approval("manager", a -> a.name("Direct manager").approver(ApproverRule.manager(1)))
                .exclusive("long")
                .approval("director", a -> a.name("Director").approver(ApproverRule.role("director")))
                .end("approved")
                .route("start", "manager").route("manager", "long")
                .when("long", "director", "form.days > 3").otherwise("long", "approved")
                .route("director", "approved")
                .build();
    }

    @Test
    void jsonYamlAndJavaAreEqualAndValid() throws IOException {
        String doc = Files.readString(DOC);
        ProcessDefinition fromJson = ProcessDefinition.fromJson(block(doc, "json", 0));
        ProcessDefinition fromYaml = ProcessDefinition.fromYaml(block(doc, "yaml", 0));
        assertThat(fromJson).isEqualTo(leave());
        assertThat(fromYaml).isEqualTo(leave());
        assertThat(doc).contains(block(doc, "java", 0));
        assertThat(Definitions.problems(fromJson)).isEmpty();
        assertThat(DefinitionSchemaTest.validate(new ObjectMapper().readTree(block(doc, "json", 0)))).isEmpty();
        assertThat(DefinitionSchemaTest.validate(leave().toTree())).isEmpty();
    }

    @Test
    void theExampleReportIsWhatTheValidatorSays() throws IOException {
        String report = block(Files.readString(DOC), "", 3).strip()
                .replace("):\n", "): ").replace(";\n", "; ");
        ProcessDefinition d = leave();
        List<Route> routes = new ArrayList<>(d.routes());
        routes.set(2, Route.when("long", "director", "form.dayz > 3"));
        routes.set(4, Route.of("director", "aproved"));
        var nodes = new ArrayList<>(d.nodes());
        nodes.set(1, new dev.oakit.workflow.Node.Approval("manager", "Direct manager", null,
                List.of(ApproverRule.manager(0)), null, null, null, null, null, null, null, null, null));
        ProcessDefinition broken = new ProcessDefinition(d.key(), d.name(), null, d.form(), nodes, routes);
        // the director node left without its route follows from the route's typo: it comes last and says so
        assertThatThrownBy(() -> Definitions.VALIDATOR.validate(broken, Definitions.CONDITIONS, Set.of(), Set.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(report).isEqualTo(e.getMessage()));
    }
}
